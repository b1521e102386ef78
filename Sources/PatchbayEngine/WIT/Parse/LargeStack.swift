#if canImport(Glibc)
import Glibc
#elseif canImport(FoundationEssentials)
#else
import Foundation
#endif

/// Runs work on a thread of its own with a large stack, and waits for it.
/// (Foundation's `Thread` did this; Patchbay links only FoundationEssentials,
/// which has no `Thread`, so on Linux it is a pthread.)
enum LargeStack {
    static func run(size: Int, _ body: @escaping @Sendable () -> Void) {
        #if canImport(Glibc)
        final class Job { let body: @Sendable () -> Void; init(_ body: @escaping @Sendable () -> Void) { self.body = body } }
        var attributes = pthread_attr_t()
        pthread_attr_init(&attributes)
        defer { pthread_attr_destroy(&attributes) }
        pthread_attr_setstacksize(&attributes, size)
        let job = Unmanaged.passRetained(Job(body)).toOpaque()
        var thread = pthread_t()
        let created = pthread_create(&thread, &attributes, { argument in
            guard let argument else { return nil }
            Unmanaged<Job>.fromOpaque(argument).takeRetainedValue().body()
            return nil
        }, job)
        guard created == 0 else {
            // No thread (out of resources): run here, on the caller's stack.
            Unmanaged<Job>.fromOpaque(job).release()
            body()
            return
        }
        pthread_join(thread, nil)
        #elseif canImport(FoundationEssentials)
        body()
        #else
        let done = DispatchSemaphore(value: 0)
        let thread = Thread {
            body()
            done.signal()
        }
        thread.stackSize = size
        thread.start()
        done.wait()
        #endif
    }
}
