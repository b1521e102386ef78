import ArgumentParser
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import PatchbayEngine

/// `patchbay inspect FILE [--json]`: a readable tree of a component.
struct InspectCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "inspect",
        abstract: "Show a component's imports, exports, modules, instances, canon functions and custom sections.",
        discussion: "The tree gives types in WIT syntax and byte offsets. --json prints the same report as JSON (format in the README)."
    )

    @Argument(help: "A component binary (.wasm).") var file: String
    @Flag(help: "Print the report as JSON.") var json = false

    func run() throws {
        let (_, component) = try loadComponent(file)
        var types: ComponentType?
        var text = TypeText()
        var problem: String?
        var summaries: [Int: CoreModuleReader.Summary] = [:]
        do {
            let resolved = try TypeResolver.resolve(component)
            types = resolved.type
            text = TypeText(resourceNames: resolved.resourceNames)
            summaries = resolved.moduleSummaries
        } catch {
            problem = error.description
        }
        let report = InspectReport.build(component, types: types, text: text, summaries: summaries)
        if json {
            let enc = JSONEncoder()
            enc.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            let data = try enc.encode(report)
            print(String(decoding: data, as: UTF8.self))
        } else {
            print(report.outline(title: PathNames.last(file)).render())
        }
        if let problem {
            printError("\(file): types could not be resolved: \(problem)")
            throw Exit.invalidInput
        }
    }
}
