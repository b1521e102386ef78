import ArgumentParser
import Foundation
import PatchbayEngine

/// `patchbay run COMPONENT 'func(args)'...`: instantiates a component with
/// Patchbay's runtime and calls its exports, arguments and results in WAVE.
/// Imports the component still has are host stubs that trap when called.
public struct RunCommand: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run a component: call its exports with WAVE arguments.",
        discussion: """
            Each CALL is `name(arg, ...)`, or `iface#name(...)` for a function of an exported \
            interface, with arguments in WAVE syntax: 1, -2.5, 'c', "text", [1, 2], {x: 1}, (1, 2), \
            some(1), none, ok(1), err("e"), case(payload), label, {flag-a, flag-b}. \
            Each result is printed on its own line in WAVE. The calls run one after the other in one \
            instance. Unresolved imports trap with a message naming the import. \
            Exit status 0 when every call returns, 1 on a trap or invalid input, 2 on usage errors.
            """
    )

    @Argument(help: "The component (.wasm).")
    public var component: String

    @Argument(help: "Calls such as 'run(1, 2)' or 'test:demo/api#sum([1, 2])'.")
    public var calls: [String] = []

    @Flag(name: .long, help: "Print every boundary crossing: component function, core values, memory bytes.")
    public var trace = false

    @Flag(name: .long, help: "List the exported functions with their types and exit.")
    public var list = false

    public init() {}

    public func run() throws {
        let (_, parsed) = try loadComponent(component)
        let runtime: ComponentRuntime
        do { runtime = try ComponentRuntime(parsed) } catch {
            printError("\(component): cannot instantiate: \(error)")
            throw Exit.invalidInput
        }
        if list || calls.isEmpty {
            for name in runtime.exportedFunctions {
                guard let f = try? runtime.function(name) else { continue }
                print("\(name): \(TypeText().function(f.type))")
            }
            if calls.isEmpty && !list {
                printError("no call given; write one such as 'run()' (the exported functions are listed above)")
                throw Exit.usage
            }
            return
        }
        for (n, text) in calls.enumerated() {
            let label = "call \(n + 1) `\(text)`"
            let f: ComponentFunction
            let args: [ComponentValue]
            do {
                let (name, argText) = try WaveSyntax.splitCall(text)
                do { f = try runtime.function(name) } catch {
                    printError("\(label): \(error)")
                    throw Exit.invalidInput
                }
                args = try WaveSyntax.parseArguments(argText, as: f.type.params.map(\.type))
            } catch let e as WaveSyntax.ParseError {
                printError("\(label): \(e)")
                throw Exit.invalidInput
            }
            let recorder = trace ? CallTrace() : nil
            do {
                let result = try runtime.call(f, args, trace: recorder)
                recorder.map { for line in $0.render() { print(line) } }
                print(result.map(WaveSyntax.print) ?? "()")
            } catch {
                recorder.map { for line in $0.render() { print(line) } }
                printError("\(label): \(error)")
                throw Exit.invalidInput
            }
        }
    }
}
