import Foundation
import Testing
@testable import PatchbayEngine

/// The text-format lexer and S-expression reader (the first layer of the
/// component text parser), against the oracle's `.wat` prints.
@Suite(.enabled(if: Corpus.enabled, Corpus.skipNote))
struct WatLexerCorpusTests {
    static func printedWat() -> [URL] {
        Corpus.files("components/wast", suffix: ".wat") + Corpus.files("components/witc", suffix: "component.wat")
    }

    @Test func everyOraclePrintReadsAsOneComponent() throws {
        let files = Self.printedWat()
        #expect(files.count >= 300)
        for f in files {
            let nodes = try WatSExpr.parse(try String(contentsOf: f, encoding: .utf8))
            #expect(nodes.count == 1 && nodes.first?.head == "component", "\(f.lastPathComponent)")
        }
    }

    /// Every float constant the oracle printed: its hex literal parses to
    /// bits that print back the same way, and its decimal comment (where
    /// finite) parses to the same bits.
    @Test func floatLiteralsParseToTheOraclesBits() throws {
        var checked = 0
        for f in Self.printedWat() {
            let tokens = try WatLexer.tokenize(try String(contentsOf: f, encoding: .utf8))
            for (k, t) in tokens.enumerated() where k + 1 < tokens.count {
                guard case .keyword(let op) = t.kind, op == "f32.const" || op == "f64.const" else { continue }
                let lit: String
                switch tokens[k + 1].kind {
                case .number(let s), .keyword(let s): lit = s
                default: Issue.record("\(f.lastPathComponent):\(t.line): no literal after \(op)"); continue
                }
                let source = try String(contentsOf: f, encoding: .utf8)
                let lineText = source.split(separator: "\n", omittingEmptySubsequences: false)[t.line - 1]
                guard let open = lineText.range(of: "(;="), let close = lineText.range(of: ";)", range: open.upperBound..<lineText.endIndex) else {
                    Issue.record("no decimal comment: \(lineText)"); continue
                }
                let decimal = String(lineText[open.upperBound..<close.lowerBound])
                let printed = lit + " (;=" + decimal + ";)"
                if op == "f32.const" {
                    let bits = try #require(WatNumbers.f32(lit), "\(lit)")
                    #expect(FloatText.f32(bits: bits) == printed)
                    if decimal != "NaN" && !decimal.hasSuffix("inf") { #expect(WatNumbers.f32(decimal) == bits, "\(decimal)") }
                } else {
                    let bits = try #require(WatNumbers.f64(lit), "\(lit)")
                    #expect(FloatText.f64(bits: bits) == printed)
                    if decimal != "NaN" && !decimal.hasSuffix("inf") { #expect(WatNumbers.f64(decimal) == bits, "\(decimal)") }
                }
                checked += 1
            }
        }
        #expect(checked >= 60, "only \(checked) float constants found")
    }

    /// Names read from the binaries come back out of the string literals of
    /// the oracle's text (escapes included).
    @Test func stringLiteralsDecodeToTheBinarysNames() throws {
        var checked = 0
        for wat in Corpus.files("components/wast", suffix: ".wat") {
            let wasm = wat.deletingPathExtension().appendingPathExtension("wasm")
            let component = try ComponentDecoder.decode(try Corpus.bytes(wasm))
            let strings = Set(try WatLexer.tokenize(try String(contentsOf: wat, encoding: .utf8)).compactMap(\.text))
            for s in component.sections {
                switch s.content {
                case .imports(let list): for i in list { #expect(strings.contains(i.name.name), "\(wat.lastPathComponent): \(i.name.name)"); checked += 1 }
                case .exports(let list): for e in list { #expect(strings.contains(e.name.name), "\(wat.lastPathComponent): \(e.name.name)"); checked += 1 }
                default: break
                }
            }
        }
        #expect(checked > 300)
    }

    /// The one invalid corpus text whose error is lexical, at wasm-tools' line and column.
    @Test func invalidEscapeIsReportedWhereWasmToolsReportsIt() throws {
        let source = try String(contentsOf: Corpus.url("invalid/wast/cm_validation_attributes_L78.wat"), encoding: .utf8)
        #expect(throws: WatError("invalid string escape 'z'", line: 1, column: 37)) { try WatSExpr.parse(source) }
    }
}

struct WatLexerTests {
    @Test func tokens() throws {
        let t = try WatLexer.tokenize("(module $m (; a (; nested ;) comment ;) (@name \"x\") ;; line\n  i32.const -0x1_0 \"a\\u{1F600}\\41\\n\" $\"q d\" 1x +y)")
        #expect(t.map(\.kind) == [
            .lparen, .keyword("module"), .id("m"), .annotation("name"), .string([0x78]), .rparen,
            .keyword("i32.const"), .number("-0x1_0"), .string([0x61, 0xf0, 0x9f, 0x98, 0x80, 0x41, 0x0a]), .id("q d"),
            .number("1x"), .reserved("+y"), .rparen,
        ])
        #expect(t[6].line == 2 && t[6].column == 3)
    }

    @Test func lexicalErrorsHaveLineAndColumn() {
        #expect(throws: WatError("unterminated string", line: 2, column: 2)) { try WatLexer.tokenize("(a\n \"abc") }
        #expect(throws: WatError("unterminated block comment", line: 1, column: 4)) { try WatLexer.tokenize("(a (; x") }
        #expect(throws: WatError("unclosed `(`: expected `)` before the end of the text", line: 1, column: 1)) { try WatSExpr.parse("(a (b)") }
        #expect(throws: WatError("unexpected `)`: no list is open", line: 1, column: 4)) { try WatSExpr.parse("(a))") }
        #expect(throws: WatError("empty identifier", line: 1, column: 2)) { try WatLexer.tokenize(" $ ") }
        #expect(throws: WatError("invalid character in string: U+9", line: 1, column: 3)) { try WatLexer.tokenize("\"a\tb\"") }
        #expect(throws: WatError.self) { try WatSExpr.parse(String(repeating: "(", count: 5000)) }
    }

    @Test func numbers() {
        #expect(WatNumbers.integerBits("-1", bits: 32) == 0xffff_ffff)
        #expect(WatNumbers.integerBits("4294967295", bits: 32) == 0xffff_ffff)
        #expect(WatNumbers.integerBits("4294967296", bits: 32) == nil)
        #expect(WatNumbers.integerBits("-2147483648", bits: 32) == 0x8000_0000)
        #expect(WatNumbers.integerBits("-2147483649", bits: 32) == nil)
        #expect(WatNumbers.integerBits("0xFFFF_ffff_FFFF_ffff", bits: 64) == .max)
        #expect(WatNumbers.integerBits("1__0", bits: 32) == nil)
        #expect(WatNumbers.integerBits("_1", bits: 32) == nil)
        #expect(WatNumbers.f32("0x1p-149") == 1)
        #expect(WatNumbers.f32("-nan:0x200000") == 0xffa0_0000)
        #expect(WatNumbers.f32("nan:0x800000") == nil)
        #expect(WatNumbers.f64("1e400") == nil)
        #expect(WatNumbers.f64("1_000.5e-1_0") == 1000.5e-10.bitPattern)
        #expect(WatNumbers.f32("0x1.fffffeffp127") == Float.greatestFiniteMagnitude.bitPattern)
        #expect(WatNumbers.f64("-inf") == (-Double.infinity).bitPattern)
    }

    @Test func hostileNestingFailsCleanly() {
        let lists = "(component (type " + String(repeating: "(list ", count: 1500) + "u8" + String(repeating: ")", count: 1500) + "))"
        #expect(throws: WatError("type nesting too deep", line: 1, column: 624)) { try ComponentTextParser.parse(lists) }
        let components = String(repeating: "(component ", count: 150) + String(repeating: ")", count: 150)
        #expect(throws: WatError("item nesting too deep", line: 1, column: 1102)) { try ComponentTextParser.parse(components) }
        let shared = "(component (core type " + String(repeating: "(shared ", count: 1500) + "(func)" + String(repeating: ")", count: 1500) + "))"
        #expect(throws: WatError.self) { try ComponentTextParser.parse(shared) }
    }
}
