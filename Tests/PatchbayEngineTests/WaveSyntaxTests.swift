import PatchbayEngine
import Testing

/// WAVE text of component values: typed parsing, printing, and errors with columns.
struct WaveSyntaxTests {
    static let shape = ValueType.variant([.init("circle", .f64), .init("rect", .tuple([.f64, .f64])), .init("empty", nil)])
    static let point = ValueType.record([.init("x", .s32), .init("y", .s32), .init("label", .option(.string))])

    @Test func parsesEveryKindAgainstItsType() throws {
        #expect(try WaveSyntax.parse("true", as: .bool) == .bool(true))
        #expect(try WaveSyntax.parse("-128", as: .s8) == .s8(-128))
        #expect(try WaveSyntax.parse("18446744073709551615", as: .u64) == .u64(.max))
        #expect(try WaveSyntax.parse("-inf", as: .f32) == .f32(-.infinity))
        #expect(try WaveSyntax.parse("nan", as: .f64) == .f64(.nan))
        #expect(try WaveSyntax.parse("'\\u{2603}'", as: .char) == .char("☃"))
        #expect(try WaveSyntax.parse(#""a\"b\n""#, as: .string) == .string("a\"b\n"))
        #expect(try WaveSyntax.parse("[1, 2, 3,]", as: .list(.u8)) == .list([.u8(1), .u8(2), .u8(3)]))
        #expect(try WaveSyntax.parse("(1, \"x\")", as: .tuple([.u32, .string])) == .tuple([.u32(1), .string("x")]))
        #expect(try WaveSyntax.parse("{y: 2, x: 1}", as: Self.point)
                == .record([("x", .s32(1)), ("y", .s32(2)), ("label", .option(nil))]))
        #expect(try WaveSyntax.parse("rect((2, 3.5))", as: Self.shape) == .variant(name: "rect", payload: .tuple([.f64(2), .f64(3.5)])))
        #expect(try WaveSyntax.parse("empty", as: Self.shape) == .variant(name: "empty", payload: nil))
        #expect(try WaveSyntax.parse("green", as: .enumeration(["red", "green"])) == .enumeration("green"))
        #expect(try WaveSyntax.parse("some(none)", as: .option(.option(.u32))) == .option(.option(nil)))
        #expect(try WaveSyntax.parse("err(\"no\")", as: .result(ok: .u32, err: .string)) == .result(isOk: false, payload: .string("no")))
        #expect(try WaveSyntax.parse("ok", as: .result(ok: nil, err: nil)) == .result(isOk: true, payload: nil))
        #expect(try WaveSyntax.parse("{exec, read}", as: .flags(["read", "write", "exec"])) == .flags(["read", "exec"]))
        #expect(try WaveSyntax.parse("%none", as: .enumeration(["none", "some"])) == .enumeration("none"))
    }

    @Test func printsWave() {
        #expect(WaveSyntax.print(.record([("x", .s32(1)), ("label", .option(nil))])) == "{x: 1}")
        #expect(WaveSyntax.print(.result(isOk: true, payload: .u32(3))) == "ok(3)")
        #expect(WaveSyntax.print(.string("tab\there \"q\"")) == #""tab\there \"q\"""#)
        #expect(WaveSyntax.print(.enumeration("ok")) == "%ok")
        #expect(WaveSyntax.print(.flags(["a", "b"])) == "{a, b}")
        #expect(WaveSyntax.print(.f64(.nan)) == "nan")
    }

    @Test func roundTripsThroughText() throws {
        let t = ValueType.list(.record([.init("s", Self.shape), .init("f", .flags(["a", "b"])), .init("c", .char)]))
        let v = ComponentValue.list([.record([("s", .variant(name: "circle", payload: .f64(2.5))), ("f", .flags(["b"])), ("c", .char("'"))])])
        #expect(try WaveSyntax.parse(WaveSyntax.print(v), as: t) == v)
    }

    @Test func errorsSayWhereAndWhat() throws {
        func err(_ text: String, _ t: ValueType) -> String {
            do { _ = try WaveSyntax.parse(text, as: t); return "parsed" } catch { return error.description }
        }
        #expect(err("256", .u8) == "column 1: 256 is out of range for u8")
        #expect(err("[1, x]", .list(.u32)) == "column 5: expected u32, found `x`")
        #expect(err("{x: 1}", Self.point) == "column 1: the record is missing field `y`")
        #expect(err("square", Self.shape) == "column 1: unknown variant case `square` (cases: circle, rect, empty)")
        #expect(err("\"abc", .string) == "column 5: unterminated string: expected a closing \"")
        #expect(err("1 2", .u32) == "column 3: expected the end of the value, found `2`")
        do {
            _ = try WaveSyntax.parseArguments("1", as: [.u32, .u32])
            Issue.record("expected an error")
        } catch { #expect(error.description == "column 2: expected 2 arguments, found 1") }
        #expect(throws: WaveSyntax.ParseError.self) { try WaveSyntax.splitCall("run") }
        #expect(try WaveSyntax.splitCall(" a:b/c#[method]r.get ( x ) ") == ("a:b/c#[method]r.get", " x "))
    }
}
