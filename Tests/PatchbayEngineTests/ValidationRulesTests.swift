import Testing
@testable import PatchbayEngine

/// Unit checks of the name and feature rules, independent of the corpus.
struct ValidationRulesTests {
    @Test func kebabCase() {
        for ok in ["a", "a-b-c", "a1-2-3", "A", "A-B-C", "A1-2-3", "a11-w0rds", "A11-4CR0NYMS", "m1x3d-4CR0NYMS"] {
            #expect(ExternNames.isKebab(ok), "\(ok)")
        }
        for bad in ["", "1-2-3", "aBc", "a--b", "-a", "a-", "a_b", "é"] {
            #expect(!ExternNames.isKebab(bad), "\(bad)")
        }
    }

    @Test func externNames() throws {
        #expect(try ExternNames.parse("wasi:http/types@1.0.0", isExport: true, features: .all) == .interface)
        #expect(try ExternNames.parse("[method]r.get", isExport: true, features: .all) == .method(resource: "r", name: "get"))
        // Dependency, url and integrity names left the spec (wasm-tools 1.262 rejects them).
        for gone in ["url=<https://x>", "unlocked-dep=<a:b>", "locked-dep=<a:b@1.0.0>", "integrity=<sha256-AAAA>"] {
            #expect((try? ExternNames.parse(gone, isExport: false, features: .all)) == nil, "\(gone)")
        }
        #expect((try? ExternNames.parse("a:b/c@", isExport: false, features: .all)) == nil)
        #expect((try? ExternNames.parse("wasi:http/TyPeS", isExport: false, features: .all)) == nil)
    }

    @Test func strongUniqueness() {
        var scope = NameScope()
        for n in ["foo", "foo-bar", "[constructor]foo", "[method]foo.bar", "[static]foo.baz", "foo:bar/baz"] {
            #expect(scope.insert(n) == nil, "\(n)")
        }
        for n in ["FOO", "foo-BAR", "[constructor]FOO", "[method]foo.BAR", "[static]foo.bar", "[method]foo.foo", "foo:bar/BAZ"] {
            var s = scope
            #expect(s.insert(n) != nil, "\(n)")
        }
    }

    @Test func featureSets() {
        #expect(FeatureSet.parse("mvp") == .mvp)
        #expect(FeatureSet.parse("-exceptions")?.contains(.exceptions) == false)
        #expect(FeatureSet.parse("cm-async,cm64") == [.mvp, .async, .memory64])
        #expect(FeatureSet.parse("nonsense") == nil)
    }

    @Test func decodeErrorsBecomeDiagnostics() {
        let d = Validator.validate([0x00, 0x61, 0x73, 0x6d, 0x0d, 0x00, 0x01, 0x00, 0x07])
        #expect(d.count == 1 && d[0].isError && d[0].offset != nil)
    }
}
