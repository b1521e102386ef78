import ArgumentParser
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import PatchbayEngine

/// `patchbay abi FILE`: the Canonical ABI view of a real component — each
/// lifted and lowered function with its options and core signature (checked
/// against the core function it references), and each named type's layout.
struct ComponentABIReport {
    var file: String
    var memory64: Bool
    var functionFilter: String?
    var json: Bool

    struct JSONReport: Encodable {
        var canon: [Entry]
        var types: [String: LayoutSummary]
        struct Entry: Encodable {
            var offset: Int
            var kind: String
            var name: String?
            var function: String
            var options: [String]
            var expected: String?
            var actual: String?
            var problem: String?
        }
    }

    /// Prints the report and adds the component's named types to
    /// `environment`, so a `--type` or `--function` expression can use them;
    /// with `onlyNames` (such an expression was given) it prints nothing.
    func run(onlyNames: Bool, environment: inout TypeEnvironment) throws {
        let (_, component) = try loadComponent(file)
        let resolved: TypeResolver.Result
        do { resolved = try TypeResolver.resolve(component) } catch {
            printError("\(file): \(error)")
            throw Exit.invalidInput
        }
        let named = namedTypes(resolved.type)
        for (name, t) in named { environment.define(name, as: t) }
        if onlyNames { return }
        let text = TypeText(resourceNames: resolved.resourceNames)
        let checks = CanonCheck.run(component, resolved: resolved).filter {
            guard let f = functionFilter else { return true }
            return ($0.name ?? "").contains(f)
        }
        var layouts: [String: Layout] = [:]
        for (name, t) in named where functionFilter == nil {
            if let l = try? CanonicalABI.layout(of: t, memory64: memory64, namer: environment.namer) { layouts[name] = l }
        }
        if json {
            let report = JSONReport(
                canon: checks.map {
                    .init(offset: $0.offset, kind: $0.kind, name: $0.name, function: text.function($0.function),
                          options: $0.options.map(\.text), expected: $0.expected?.description,
                          actual: $0.actual?.description, problem: $0.problem)
                },
                types: layouts.mapValues { LayoutSummary($0) })
            let enc = JSONEncoder()
            enc.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            print(String(decoding: try enc.encode(report), as: UTF8.self))
        } else {
            for c in checks {
                let opts = c.options.isEmpty ? "no options" : c.options.map(\.text).joined(separator: " ")
                print("canon \(c.kind) \(c.name ?? "(unnamed)") at 0x\(String(c.offset, radix: 16)): \(text.function(c.function))")
                print("  options: \(opts)")
                let agree = c.actual != nil && c.actual == c.expected ? "  (the core function agrees)" : ""
                print("  core:    \(c.expected?.description ?? "(not representable)")\(agree)")
                if let p = c.problem { print("  MISMATCH: \(p)") }
            }
            for name in layouts.keys.sorted() {
                guard let l = layouts[name] else { continue }
                print("")
                print("type \(name)")
                print(LayoutRenderer.render(l), terminator: "")
            }
        }
        if checks.contains(where: { $0.problem != nil }) { throw Exit.invalidInput }
    }

    /// Value types exported by name, at the top level or inside exported or
    /// imported instances (`iface.name` there).
    func namedTypes(_ t: ComponentType) -> [(String, ValueType)] {
        var out: [(String, ValueType)] = []
        for e in t.imports + t.exports {
            switch e.type {
            case .type(.value(let v)): out.append((e.name.name, v))
            case .instance(let i):
                for x in i.exports { if case .type(.value(let v)) = x.type { out.append((x.name.name, v)) } }
            default: break
            }
        }
        var seen = Set<String>()
        return out.filter { seen.insert($0.0).inserted }
    }
}
