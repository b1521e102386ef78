import ArgumentParser
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import PatchbayEngine

/// `patchbay targets COMPONENT WIT_PATH [--world W]`: whether a component
/// conforms to a WIT world, as `wasm-tools component targets` decides it.
/// When it does not, every difference is listed, each explained the way a
/// refused wire is (path, expected, found, notes), so a failed check says
/// what to change rather than only that something is wrong.
public struct TargetsCommand: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "targets",
        abstract: "Check whether a component conforms to a WIT world.",
        discussion: """
            The component targets the world when each of its imports is imported by the world \
            with a type that fits, and it exports everything the world exports with types that fit. \
            Exit status 0 when it conforms, 1 with every difference listed when it does not.
            """
    )

    @Argument(help: "The component (.wasm).")
    public var component: String

    @Argument(help: "A .wit file or a WIT package directory (with deps/).")
    public var witPath: String

    @Option(name: .long, help: "The world: a name in the package, or ns:pkg/world. Needed when the package has several.")
    public var world: String?

    @Option(name: .long, help: "Comma-separated features enabling @unstable(feature = ...) items.")
    public var features: String?

    @Flag(name: .long, help: "Enable every @unstable feature.")
    public var allFeatures = false

    public init() {}

    public func run() throws {
        guard FileManager.default.fileExists(atPath: witPath) else {
            printError("\(witPath): no such file or directory")
            throw Exit.usage
        }
        let (_, parsed) = try loadComponent(component)
        let resolved: TypeResolver.Result
        do { resolved = try TypeResolver.resolve(parsed) } catch {
            printError("\(component): \(error)")
            throw Exit.invalidInput
        }
        let enabled = Set((features ?? "").split(separator: ",").map { $0.trimmingBlanks() }.filter { !$0.isEmpty })
        let report: TargetsReport
        do {
            let (doc, main) = try WitPackageLoader.load(path: witPath, features: enabled, allFeatures: allFeatures)
            let w: WitWorldID
            do { w = try Targets.selectWorld(doc, main: main, name: world) } catch {
                printError("\(witPath): \(error.description)")
                throw Exit.usage
            }
            report = try Targets.check(component: resolved.type, resourceNames: resolved.resourceNames, document: doc, world: w)
        } catch let error as WitLoadError {
            printError(error.description)
            throw Exit.invalidInput
        } catch let error as WitError {
            printError("\(witPath): \(error.description)")
            throw Exit.invalidInput
        }
        if report.conforms {
            print("\(component) targets \(report.world)")
            return
        }
        let n = report.differences.count
        var text = "\(component) does not target \(report.world): \(n) difference\(n == 1 ? "" : "s")\n"
        for d in report.differences { text += d.description + "\n" }
        StandardStreams.writeOutput(text)
        throw Exit.invalidInput
    }
}
