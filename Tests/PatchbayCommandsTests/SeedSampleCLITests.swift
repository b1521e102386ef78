import Foundation
import Testing

/// The seed's shared-everything dynamic linking example (samples/seed/):
/// Patchbay links zipper and imgmgk from dylink.0 libraries, composes them
/// into the app, and the app runs, in Patchbay's runtime and under wasmtime.
@Suite(.enabled(if: CLI.available, "patchbay binary not built"))
struct SeedSampleCLITests {
    static let seed = CLI.packageRoot.appendingPathComponent("samples/seed")

    func build(_ name: String) -> String { Self.seed.appendingPathComponent("build/\(name).wasm").path }

    @Test func linksComposesAndRuns() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("patchbay-seed-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let zipper = dir.appendingPathComponent("zipper.wasm").path
        let imgmgk = dir.appendingPathComponent("imgmgk.wasm").path
        let app = dir.appendingPathComponent("app.wasm").path

        let z = try CLI.run(["link", "libc.so=\(build("libc"))", "libzip.so=\(build("libzip"))", "zipper=\(build("zipper"))", "-o", zipper])
        #expect(z.status == 0, "\(z.stderr)")
        let i = try CLI.run(["link", "libc.so=\(build("libc"))", "libimg.so=\(build("libimg"))", "imgmgk=\(build("imgmgk"))", "-o", imgmgk])
        #expect(i.status == 0, "\(i.stderr)")

        // Each linked component has one memory of its own, shared by its libraries.
        let linked = try CLI.run(["inspect", zipper])
        #expect(linked.stdout.contains("libzip.so") && linked.stdout.contains("libc.so"), "\(linked.stdout)")

        // Each part works on its own ...
        let zr = try CLI.run(["run", zipper, "compress([1, 1, 1, 2, 2])"])
        #expect(zr.stdout == "[3, 1, 2, 2]\n", "\(zr.stdout)\(zr.stderr)")
        let ir = try CLI.run(["run", imgmgk, "transform([1, 2, 3])"])
        #expect(ir.stdout == "[254, 253, 252]\n", "\(ir.stdout)\(ir.stderr)")

        // ... and composed into the app (its own package path comes from the WAC file).
        let c = try CLI.run(["compose", Self.seed.appendingPathComponent("app.wac").path,
                             "--dep", "seed:zipper=\(zipper)", "--dep", "seed:imgmgk=\(imgmgk)", "-o", app, "--wit"])
        #expect(c.status == 0, "\(c.stderr)")
        #expect(c.stdout.contains("export run: func() -> list<u8>;"))
        let r = try CLI.run(["run", app, "run()"])
        #expect(r.stdout == "[3, 254, 2, 253]\n", "\(r.stdout)\(r.stderr)")
        if ComposeCLITests.canRun {
            #expect(try ComposeCLITests.call(app, "run=[]") == #"{"call": "run", "args": [], "result": [3, 254, 2, 253]}"#)
        }
    }
}
