#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Unbuffered writes to standard output and standard error, as
/// `FileHandle.standardOutput.write` made them (Foundation's `FileHandle`
/// is not in FoundationEssentials, the only Foundation Patchbay links).
public enum StandardStreams {
    public static func writeOutput(_ text: String) { write(text, to: 1) }
    public static func writeError(_ text: String) { write(text, to: 2) }

    /// Every byte of `text` to `fd`; a closed pipe or a full disk ends
    /// the write silently, as with `FileHandle`.
    static func write(_ text: String, to fd: Int32) {
        var text = text
        text.withUTF8 { buffer in
            var done = 0
            while done < buffer.count, let base = buffer.baseAddress {
                let n = SystemCalls.write(fd, base + done, buffer.count - done)
                if n < 0 && errno == EINTR { continue }
                if n <= 0 { return }
                done += n
            }
        }
    }
}
