import Testing
@testable import PatchbayEngine

/// The ruler text is what people read, so its exact shape is pinned here.
struct ABIRendererTests {
    func layout(_ expr: String, _ decls: String = "", memory64: Bool = false) throws -> Layout {
        var env = TypeEnvironment()
        if !decls.isEmpty { try env.declare(decls) }
        let type = try TypeExpression.parse(expr, in: env)
        return try CanonicalABI.layout(of: type, memory64: memory64, namer: env.namer)
    }

    @Test func paddedRecordRuler() throws {
        let text = LayoutRenderer.render(try layout("padded", "record padded { a: u8, b: u32, c: u8 }"))
        #expect(text == """
            padded  (memory32)  size 12  align 4
            flat: i32 i32 i32 (3)

               offset  size  field  type
            a       0     1  a      u8
            .       1     3         padding
            b       4     4  b      u32
            c       8     1  c      u8
            .       9     3         padding

              |00 01 02 03|04 05 06 07|08 09 10 11|
              | a  .  .  .| b  b  b  b| c  .  .  .|

            """)
    }

    @Test func nestedPathsAndStringHalves() throws {
        let l = try layout("nested", "record point { x: s32, y: s32 } record nested { p: point, tag: string }")
        #expect(l.rows.map(\.path) == ["p.x", "p.y", "tag.ptr", "tag.len"])
        #expect(l.rows.map(\.offset) == [0, 4, 8, 12])
        #expect(LayoutRenderer.ruler(l) == [
            "  |00 01 02 03|04 05 06 07|08 09 10 11|12 13 14 15|",
            "  | a  a  a  a| b  b  b  b| c  c  c  c| d  d  d  d|",
        ])
    }

    @Test func variantRowsShowTagPaddingPayloadAndCases() throws {
        let l = try layout("result<u32, string>", memory64: true)
        let rows = l.rows
        #expect(rows.map(\.role) == [.field, .padding, .payload, .variantCase, .variantCase])
        #expect(rows[2].offset == 8 && rows[2].size == 16)
        #expect(rows[4].path == "  1: error" && rows[4].size == 16)
        #expect(LayoutRenderer.ruler(l).first == "   +0  |00 01 02 03|04 05 06 07|08 09 10 11|12 13 14 15|")
        #expect(LayoutRenderer.ruler(l)[1] == "       | a  .  .  .| .  .  .  .| b  b  b  b| b  b  b  b|")
    }

    @Test func everyLineFitsEightyColumns() throws {
        let decls = "record big { f0: u32, f1: u32, f2: u32, f3: u32, f4: u32, f5: u32, f6: u32, f7: u32, f8: u32, f9: u32, f10: u32, f11: u32, f12: u32, f13: u32, f14: u32, f15: u32, f16: u32 }"
        for expr in ["big", "list<u64, 300>", "list<tuple<u8, string>>", "option<option<list<big>>>"] {
            for line in LayoutRenderer.render(try layout(expr, decls)).split(separator: "\n") {
                #expect(line.count <= 80, "\(expr): \(line)")
            }
        }
        let f = try TypeExpression.parseFunction("func(s: string, t: big) -> tuple<u64, u64>", in: {
            var e = TypeEnvironment(); try e.declare(decls); return e
        }())
        for line in try SignatureRenderer.render(f).split(separator: "\n") {
            #expect(line.count <= 80, "\(line)")
        }
    }

    @Test func signatureBlockExplainsSpills() throws {
        let f = try TypeExpression.parseFunction("func(s: string) -> string")
        let text = try SignatureRenderer.render(f)
        #expect(text.contains("lift  (export)   memory32  (param i32 i32) (result i32)\n"))
        #expect(text.contains("lower (import)   memory32  (param i32 i32 i32)\n"))
        #expect(text.contains("lift  (export)   memory64  (param i64 i64) (result i64)\n"))
        #expect(text.contains("result spilled (2 flat > 1): returns an i32 pointer"))
        #expect(text.contains("async lower                (param i32 i32 i32) (result i32)"))
    }

    @Test func stringEncodingNotes() {
        #expect(StringEncoding.latin1UTF16.utf16Tag(memory64: false) == 1 << 31)
        #expect(StringEncoding.latin1UTF16.utf16Tag(memory64: true) == 1 << 63)
        #expect(StringEncoding.utf8.utf16Tag(memory64: false) == nil)
        #expect(StringEncoding.utf16.codeUnitSizes == [2])
    }
}
