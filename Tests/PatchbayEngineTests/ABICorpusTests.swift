import Foundation
import Testing
@testable import PatchbayEngine

/// Every row of the corpus truth tables (generated from the reference
/// `definitions.py`) against the engine. Each mismatch is its own issue,
/// naming the type, the memory and the field that differs.
@Suite(.enabled(if: ABICorpus.available, "corpus not found at \(ABICorpus.abiDirectory.path) (set PATCHBAY_CORPUS)"))
struct ABICorpusTests {
    @Test func valueTypesMatchTruthTable() throws {
        let rows = try ABICorpus.loadTypes()
        let env = try ABICorpus.environment(for: rows)
        var failedRows = 0
        for row in rows {
            var problems: [String] = []
            let type: ValueType
            do {
                type = try TypeExpression.parse(row.type, in: env)
            } catch {
                guard let synthesized = ABICorpus.synthesizedEnum(for: row) else {
                    Issue.record("\(row.type): does not parse: \(error)")
                    failedRows += 1
                    continue
                }
                type = synthesized
            }
            for (memory64, expected) in [(false, row.memory32), (true, row.memory64)] {
                let where_ = "\(row.type) [\(memory64 ? "memory64" : "memory32")]"
                problems += ABICompare.layout(of: type, memory64: memory64, expected: expected, context: where_)
            }
            for p in problems { Issue.record(Comment(rawValue: p)) }
            if !problems.isEmpty { failedRows += 1 }
        }
        print("ABI corpus: \(rows.count - failedRows)/\(rows.count) value types match (memory32 and memory64)")
        #expect(rows.count == 112, "the truth table should have 112 value types")
        #expect(failedRows == 0)
    }

    @Test func functionTypesMatchTruthTable() throws {
        let types = try ABICorpus.loadTypes()
        let env = try ABICorpus.environment(for: types)
        let rows = try ABICorpus.loadFunctions()
        var failedRows = 0
        for row in rows {
            let function: FunctionType
            do {
                function = try TypeExpression.parseFunction(row.type, in: env)
            } catch {
                Issue.record("\(row.name) \(row.type): does not parse: \(error)")
                failedRows += 1
                continue
            }
            let problems = ABICompare.function(function, expected: row)
            for p in problems { Issue.record(Comment(rawValue: p)) }
            if !problems.isEmpty { failedRows += 1 }
        }
        print("ABI corpus: \(rows.count - failedRows)/\(rows.count) function types match (7 signatures each)")
        #expect(rows.count == 31, "the truth table should have 31 function types")
        #expect(failedRows == 0)
    }
}

/// Field-by-field comparison of engine results with truth-table entries,
/// returning one message per differing field.
enum ABICompare {
    static func layout(of type: ValueType, memory64: Bool, expected: LayoutSummary, context: String) -> [String] {
        let layout: Layout
        do {
            layout = try CanonicalABI.layout(of: type, memory64: memory64)
        } catch {
            if expected.error != nil { return [] }
            return ["\(context): engine rejects the type (\(error)) but the table has size \(expected.size.map(String.init) ?? "?")"]
        }
        if let e = expected.error {
            return ["\(context): table says invalid (\(e)) but the engine gives size \(layout.size)"]
        }
        var out: [String] = []
        func check<T: Equatable>(_ field: String, _ want: T?, _ got: T?) {
            if want != got {
                out.append("\(context): \(field) expected \(want.map { "\($0)" } ?? "absent"), got \(got.map { "\($0)" } ?? "absent")")
            }
        }
        let ours = LayoutSummary(layout, elideCasesBeyond: nil)
        // Cross-check the scalar API against the tree.
        check("size (size(of:))", layout.size, try? CanonicalABI.size(of: type, memory64: memory64))
        check("align (alignment(of:))", layout.alignment, try? CanonicalABI.alignment(of: type, memory64: memory64))
        check("flat (flatten)", layout.flat, try? CanonicalABI.flatten(type, memory64: memory64))
        check("size", expected.size, ours.size)
        check("align", expected.align, ours.align)
        check("flat", expected.flat?.map(\.rawValue).joined(separator: " "), ours.flat?.map(\.rawValue).joined(separator: " "))
        switch (expected.layout, ours.layout) {
        case (nil, nil): break
        case (nil, _?): out.append("\(context): layout expected absent, engine has one")
        case (_?, nil): out.append("\(context): layout expected, engine has none")
        case (let want?, let got?):
            check("layout.discriminant", want.discriminant?.rawValue, got.discriminant?.rawValue)
            check("layout.discriminant_size", want.discriminantSize, got.discriminantSize)
            check("layout.payload_offset", want.payloadOffset, got.payloadOffset)
            check("layout.ptr_len", want.ptrLen, got.ptrLen)
            check("layout.fixed_length", want.fixedLength, got.fixedLength)
            check("layout.elem_size", want.elemSize, got.elemSize)
            check("layout.elem_align", want.elemAlign, got.elemAlign)
            check("layout.labels", want.labels, got.labels)
            check("layout.bytes", want.bytes, got.bytes)
            check("layout.fields.count", want.fields?.count, got.fields?.count)
            for (i, (w, g)) in zip(want.fields ?? [], got.fields ?? []).enumerated() {
                check("layout.fields[\(i)].field", w.field, g.field)
                check("layout.fields[\(i)] '\(w.field)'.offset", w.offset, g.offset)
                check("layout.fields[\(i)] '\(w.field)'.size", w.size, g.size)
                check("layout.fields[\(i)] '\(w.field)'.align", w.align, g.align)
            }
            out += cases(want.cases, got.cases, context: context)
        }
        return out
    }

    /// Expected case lists may elide a run (`{"elided": n}`); the engine's
    /// list is complete, so walk it with a cursor.
    static func cases(_ want: [LayoutSummary.Case]?, _ got: [LayoutSummary.Case]?, context: String) -> [String] {
        guard let want else { return got == nil ? [] : ["\(context): layout.cases expected absent"] }
        guard let got else { return ["\(context): layout.cases missing"] }
        var out: [String] = []
        var cursor = 0
        for w in want {
            if let skip = w.elided { cursor += skip; continue }
            guard cursor < got.count else {
                out.append("\(context): layout.cases expected case '\(w.case ?? "?")' at \(cursor), engine has \(got.count) cases")
                break
            }
            let g = got[cursor]
            let label = "layout.cases[\(cursor)] '\(w.case ?? "?")'"
            if w.case != g.case { out.append("\(context): \(label).case expected \(w.case ?? "-"), got \(g.case ?? "-")") }
            if w.index != g.index { out.append("\(context): \(label).index expected \(w.index ?? -1), got \(g.index ?? -1)") }
            if w.payloadSize != g.payloadSize {
                out.append("\(context): \(label).payload_size expected \(w.payloadSize.map(String.init) ?? "none"), got \(g.payloadSize.map(String.init) ?? "none")")
            }
            if w.payloadFlat != g.payloadFlat {
                out.append("\(context): \(label).payload_flat expected \(w.payloadFlat ?? []), got \(g.payloadFlat ?? [])")
            }
            cursor += 1
        }
        if cursor != got.count { out.append("\(context): layout.cases count expected \(cursor), got \(got.count)") }
        return out
    }

    static func function(_ f: FunctionType, expected row: ABICorpus.FunctionRow) -> [String] {
        let context = "\(row.name) \(row.type)"
        var out: [String] = []
        let variants: [(String, ABIContext, SignatureOptions, ABICorpus.Signature)] = [
            ("lift", .lift, .sync32, row.lift),
            ("lower", .lower, .sync32, row.lower),
            ("lift_memory64", .lift, .sync64, row.liftMemory64),
            ("lower_memory64", .lower, .sync64, row.lowerMemory64),
            ("async_lift_callback", .lift, .asyncCallback, row.asyncLiftCallback),
            ("async_lift_stackful", .lift, .asyncStackful, row.asyncLiftStackful),
            ("async_lower", .lower, SignatureOptions(isAsync: true), row.asyncLower),
        ]
        for (name, ctx, options, want) in variants {
            do {
                let sig = try CanonicalABI.coreSignature(of: f, context: ctx, options: options)
                if name == "lift" {
                    if sig.flatParams != row.flatParams { out.append("\(context): flat_params expected \(row.flatParams), got \(sig.flatParams)") }
                    if sig.flatResults != row.flatResults { out.append("\(context): flat_results expected \(row.flatResults), got \(sig.flatResults)") }
                }
                if sig.params != want.params { out.append("\(context): \(name).params expected \(want.params), got \(sig.params)") }
                if sig.results != want.results { out.append("\(context): \(name).results expected \(want.results), got \(sig.results)") }
            } catch {
                out.append("\(context): \(name): engine throws \(error)")
            }
        }
        return out
    }
}
