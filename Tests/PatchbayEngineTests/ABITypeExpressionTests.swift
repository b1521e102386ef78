import Testing
@testable import PatchbayEngine

/// The calculator's parser: accepted forms, and errors that say where and what.
struct ABITypeExpressionTests {
    func error(_ text: String, in env: TypeEnvironment = TypeEnvironment()) -> TypeExpressionError? {
        do { _ = try TypeExpression.parse(text, in: env); return nil } catch { return error as? TypeExpressionError }
    }

    @Test func parsesNestedExpressions() throws {
        #expect(try TypeExpression.parse("list<tuple<u8, string>>") == .list(.tuple([.u8, .string])))
        #expect(try TypeExpression.parse("result<_, u32>") == .result(ok: nil, err: .u32))
        #expect(try TypeExpression.parse("result<u32>") == .result(ok: .u32, err: nil))
        #expect(try TypeExpression.parse("result") == .result(ok: nil, err: nil))
        #expect(try TypeExpression.parse("list<u8, 4>") == .fixedList(.u8, 4))
        #expect(try TypeExpression.parse(" map<string , u32 > ") == .map(.string, .u32))
        #expect(try TypeExpression.parse("stream") == .stream(nil))
        #expect(try TypeExpression.parse("future<string>") == .future(.string))
        guard case .borrow(let r) = try TypeExpression.parse("borrow<res>") else {
            Issue.record("borrow<res> is not a borrow"); return
        }
        #expect(r.name == "res")
    }

    @Test func declarationsBuildNamedTypes() throws {
        var env = TypeEnvironment(implicitResources: false)
        try env.declare("""
            resource res;
            record point { x: s32, y: s32 }
            variant shape { dot(point), none, }  // trailing comma
            enum color { red, green }
            flags perms { read, write }
            type pair = tuple<point, own<res>>;
            """)
        #expect(try TypeExpression.parse("option<point>", in: env)
                == .option(.record([.init("x", .s32), .init("y", .s32)])))
        #expect(env.types["shape"] == .variant([.init("dot", .record([.init("x", .s32), .init("y", .s32)])), .init("none", nil)]))
        #expect(env.types["color"] == .enumeration(["red", "green"]))
        #expect(env.types["perms"] == .flags(["read", "write"]))
        #expect(env.namer.describe(try TypeExpression.parse("list<point>", in: env)) == "list<point>")
        #expect(error("own<nope>", in: env)?.found == "unknown name 'nope'")
    }

    @Test func errorsGiveColumnExpectedAndFound() throws {
        let e1 = try #require(error("list<tuple<u8 string>>"))
        #expect(e1.column == 15)
        #expect(e1.expected == "',' or '>'")
        #expect(e1.found == "'string'")
        #expect(e1.description == "column 15: expected ',' or '>', found 'string'")
        #expect(e1.pointer == "list<tuple<u8 string>>\n              ^")

        let e2 = try #require(error("result<u32, strin>"))
        #expect(e2.column == 13)
        #expect(e2.found == "unknown name 'strin'")

        let e3 = try #require(error("option<u8"))
        #expect(e3.column == 10 && e3.found == "end of input" && e3.expected == "'>'")

        let e4 = try #require(error("u8 u8"))
        #expect(e4.column == 4 && e4.expected == "end of input")

        let e5 = try #require(error("list<u8, x>"))
        #expect(e5.column == 10 && e5.found == "'x'")

        let e6 = try #require(error("tuple<u8, $>"))
        #expect(e6.column == 11 && e6.found == "'$'")

        let e7 = try #require(error("result<_>"))
        #expect(e7.column == 9 && e7.expected.hasPrefix("','"))
    }

    @Test func declarationErrors() {
        var env = TypeEnvironment()
        #expect(throws: TypeExpressionError.self) { try env.declare("flags f { a, b") }
        #expect(throws: TypeExpressionError.self) { try env.declare("struct s { a: u8 }") }
        #expect(env.types.isEmpty, "a failed declaration adds nothing")
    }

    @Test func functionTypes() throws {
        let f = try TypeExpression.parseFunction("async func(a: u32, s: string) -> list<u8>")
        #expect(f.isAsync)
        #expect(f.params.map(\.name) == ["a", "s"])
        #expect(f.result == .list(.u8))
        #expect(try TypeExpression.parseFunction("func()") == FunctionType(params: [], result: nil))
    }

    @Test func invalidTypesAreABIErrorsNotCrashes() throws {
        let flags33 = ValueType.flags((0..<33).map { "x\($0)" })
        #expect(throws: ABIError.flagsLabelCount(33)) { try CanonicalABI.layout(of: flags33) }
        #expect(throws: ABIError.emptyRecord) { try CanonicalABI.size(of: .record([])) }
        #expect(throws: ABIError.variantCaseCount(0)) { try CanonicalABI.flatten(.enumeration([])) }
        #expect(throws: ABIError.fixedListLength(0)) { try CanonicalABI.alignment(of: .fixedList(.u8, 0)) }
    }

    @Test func joinRule() {
        #expect(CoreValueType.join(.i32, .f32) == .i32)
        #expect(CoreValueType.join(.f32, .f32) == .f32)
        #expect(CoreValueType.join(.f32, .f64) == .i64)
        #expect(CoreValueType.join(.i32, .i64) == .i64)
        #expect(CoreValueType.join(.f64, .i32) == .i64)
    }
}
