import Foundation
import Testing
@testable import PatchbayEngine

/// The helpers that stand in for full Foundation in the engine and the
/// front ends (which link only FoundationEssentials) agree with the
/// Foundation APIs they replace. The tests link full Foundation, which is
/// the oracle here.
struct FoundationFreeHelpersTests {
    /// Paths Patchbay builds and splits. Left out: a path of only slashes
    /// (`//`) and components starting with `/`, where Linux's Foundation
    /// keeps doubled slashes (`a` + `/x` → `a//x`) and Darwin's collapses
    /// them as PathNames does (`a/x`).
    static let paths = [
        "", "/", "a", "a/", "a/b", "a/b/", "/a", "/a/", "/a/b", "/a/b/", "/a//b", "./a", "../a/b.wasm",
        "dir/file.wasm", "/tmp/x.y.z", ".hidden", "dir/.hidden", "dir.x/file", "a.", "/a/b.tar.gz",
        "samples/seed/build/libc.wasm", "libc.so",
    ]

    @Test func lastComponentMatchesNSString() {
        for p in Self.paths { #expect(PathNames.last(p) == (p as NSString).lastPathComponent, "\(p)") }
    }

    /// Against NSString's documented examples (Linux's Foundation traps on
    /// some inputs here, `a` and `a/`, so no live oracle).
    @Test func deletingLastComponentAsNSStringDocuments() {
        let cases = [("/tmp/scratch.tiff", "/tmp"), ("/tmp/lock/", "/tmp"), ("/tmp/", "/"), ("/tmp", "/"), ("/", "/"),
                     ("scratch.tiff", ""), ("a/", ""), ("a/b", "a"), ("samples/seed/build/libc.wasm", "samples/seed/build"), ("", "")]
        for (p, want) in cases { #expect(PathNames.deletingLast(p) == want, "\(p)") }
    }

    /// Against NSString's documented examples and file names Patchbay
    /// strips (Linux's Foundation traps on some of these, so no live oracle).
    @Test func deletingExtensionAsNSStringDocuments() {
        let cases = [("/tmp/scratch.tiff", "/tmp/scratch"), ("scratch.bundle/", "scratch"), ("scratch..tiff", "scratch."),
                     (".tiff", ".tiff"), ("/", "/"), ("a.b.wasm", "a.b"), ("dir.x/file", "dir.x/file"), ("libc.wasm", "libc"), ("", "")]
        for (p, want) in cases { #expect(PathNames.deletingExtension(p) == want, "\(p)") }
    }

    @Test func appendingMatchesNSString() {
        for p in Self.paths {
            for c in ["x", "x.wasm", "deps", "prebuilt/a.wasm", "x/"] {
                #expect(PathNames.appending(p, c) == (p as NSString).appendingPathComponent(c), "\(p) + \(c)")
            }
        }
    }

    @Test func absoluteMatchesStandardizedFileURL() {
        for p in Self.paths + ["/a/../b", "/../x", "a/./b/../c", "/a/b/../../..", "x/.."] where !p.isEmpty {
            #expect(PathNames.absolute(p) == URL(fileURLWithPath: p).standardizedFileURL.path, "\(p)")
        }
    }

    @Test func standardizedResolvesDotsAndLinks() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("patchbay-paths-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir.appendingPathComponent("real/sub"), withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        try FileManager.default.createSymbolicLink(atPath: dir.appendingPathComponent("link").path, withDestinationPath: dir.appendingPathComponent("real").path)
        let base = (dir.path as NSString).standardizingPath
        for p in ["link/sub", "link/sub/..", "real/./sub/", "real//sub/../sub"] {
            let full = dir.path + "/" + p
            #expect(PathNames.standardized(full) == (full as NSString).standardizingPath, "\(p)")
        }
        #expect(PathNames.standardized(dir.path + "/link/sub") == base + "/real/sub")
        #expect(PathNames.isDirectory(dir.path + "/link"))
        #expect(!PathNames.isDirectory(dir.path + "/missing"))
    }

    @Test func trimmingBlanksMatchesTrimmingWhitespaces() {
        for s in ["", " ", "\t a b \t", "a", " a\n", "\n a \n", "\u{00A0}x\u{2003}", "  \t"] {
            #expect(s.trimmingBlanks() == s.trimmingCharacters(in: .whitespaces), "\(s.debugDescription)")
        }
    }

    @Test func fixedDecimalsMatchPrintf() {
        for x in [0.0, 1.0, 1.5, 2.5, 0.1234, 12.3456789, 999.9996, 1234567.891, 0.0004, 0.0005001, 3.14159, 100.05] {
            for places in [0, 1, 3] {
                #expect(DecimalText.fixed(x, places: places) == String(format: "%.\(places)f", x), "\(x) \(places)")
            }
        }
    }

    @Test func jsonTreeReadsWhatJSONSerializationReads() throws {
        let text = #"{"docs": "d", "worlds": {"w": {"funcs": {"f": null, "g": "doc", "h": {"docs": "x", "stability": "unknown"}}}}, "n": 1.5, "b": true, "a": [1, "s"]}"#
        let tree = try JSONTree.parse(Array(text.utf8)) as? [String: Any]
        let root = try #require(tree)
        #expect(root["docs"] as? String == "d")
        #expect(root["n"] as? Double == 1.5)
        #expect(root["b"] as? Bool == true)
        #expect((root["a"] as? [Any])?.count == 2)
        let funcs = ((root["worlds"] as? [String: Any])?["w"] as? [String: Any])?["funcs"] as? [String: Any]
        #expect(funcs?["f"] is JSONTree.Null)
        #expect(funcs?["g"] as? String == "doc")
        #expect((funcs?["h"] as? [String: Any])?["stability"] as? String == "unknown")
        #expect(throws: (any Error).self) { try JSONTree.parse(Array("{".utf8)) }
    }
}
