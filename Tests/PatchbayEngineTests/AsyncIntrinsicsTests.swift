import Testing
@testable import PatchbayEngine

/// The name schemes `patchbay new` reads for built-ins and `cm32p2` names.
@Suite("component new: built-in and standard names")
struct AsyncIntrinsicsTests {
    @Test("standard names spell interfaces by their canonical id")
    func canonicalIDs() {
        #expect(StandardNames.canonicalID("ns:pkg/i@0.2.1") == "ns:pkg/i@0.2")
        #expect(StandardNames.canonicalID("ns:pkg/i@1.4.0") == "ns:pkg/i@1")
        #expect(StandardNames.canonicalID("ns:pkg/i@0.0.3") == "ns:pkg/i@0.0.3")
        #expect(StandardNames.canonicalID("ns:pkg/i@1.0.0-rc.1") == "ns:pkg/i@1.0.0-rc.1")
        #expect(StandardNames.canonicalID("j") == "j")
    }

    @Test("standard export names map to the old ones")
    func exportKeys() {
        let f = FunctionType(params: [], result: .string)
        let iface = InstanceType(exports: [NamedEntity(name: ExternName("frob"), type: .function(f))])
        let exports: [String: EntityType] = ["g": .function(f), "ns:pkg/i@0.2.1": .instance(iface)]
        #expect(StandardNames.exportKey("cm32p2||g", exports: exports) == "g")
        #expect(StandardNames.exportKey("cm32p2||g_post", exports: exports) == "cabi_post_g")
        #expect(StandardNames.exportKey("cm32p2|ns:pkg/i@0.2|frob", exports: exports) == "ns:pkg/i@0.2.1#frob")
        #expect(StandardNames.exportKey("cm32p2|ns:pkg/i@0.2|frob_post", exports: exports) == "cabi_post_ns:pkg/i@0.2.1#frob")
        #expect(StandardNames.exportKey("cm32p2_memory", exports: exports) == "memory")
        #expect(StandardNames.exportKey("frob", exports: exports) == nil)
    }

    @Test("root built-ins are recognized with their signatures; near misses are not")
    func rootBuiltins() {
        let wait = WrapBuilder.rootBuiltin("[cancellable][waitable-set-wait-i64]")
        #expect(wait?.1 == CoreFuncType(params: [.i32, .i64], results: [.i32]))
        if case .waitableSetWait(let c)? = wait?.0 { #expect(c) } else { Issue.record("not a waitable-set.wait: \(String(describing: wait?.0))") }
        if case .contextGet(.i64, 3)? = WrapBuilder.rootBuiltin("[context-get-i64-3]")?.0 {} else { Issue.record("context-get-i64-3 not read") }
        #expect(WrapBuilder.rootBuiltin("[context-get-x]") == nil)
        #expect(WrapBuilder.rootBuiltin("[context-get-1]x") == nil)
        #expect(WrapBuilder.rootBuiltin("[waitable-set-wait-f32]") == nil)
        #expect(WrapBuilder.rootBuiltin("[thread-yield]")?.1 == CoreFuncType(params: [], results: [.i32]))
    }

    @Test("payloads are counted inner first, parameters before the result")
    func payloadOrder() {
        let f = FunctionType(isAsync: true, params: [.init("x", .future(.future(.u32))), .init("y", .u32)], result: .stream(.string))
        #expect(Builtin.payloads(of: f) == [.future(.u32), .future(.future(.u32)), .stream(.string)])
    }
}
