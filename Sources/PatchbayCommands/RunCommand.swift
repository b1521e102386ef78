import ArgumentParser
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import PatchbayEngine

/// `patchbay run COMPONENT 'func(args)'...`: instantiates a component with
/// Patchbay's runtime and calls its exports, arguments and results in WAVE.
/// Imports the component still has are host stubs: they return the values
/// given with `--import NAME=VALUE`, or trap when called.
public struct RunCommand: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run a component: call its exports with WAVE arguments.",
        discussion: """
            Each CALL is `name(arg, ...)`, or `iface#name(...)` for a function of an exported \
            interface, with arguments in WAVE syntax: 1, -2.5, 'c', "text", [1, 2], {x: 1}, (1, 2), \
            some(1), none, ok(1), err("e"), case(payload), label, {flag-a, flag-b}. \
            Each result is printed on its own line in WAVE. The calls run one after the other in one \
            instance. Unresolved imports trap with a message naming the import, unless a value is \
            given for them with --import 'iface#func=VALUE' (WAVE, of the import's result type; \
            repeat the option for the same function to return one value per call, the last one \
            repeating; `()` for a function without a result). \
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

    @Option(name: .customLong("import"), help: ArgumentHelp(
        "Serve an unresolved imported function with a value: 'iface#func=VALUE' (WAVE). Repeatable.",
        valueName: "NAME=VALUE"))
    public var importValues: [String] = []

    @Option(name: .long, help: ArgumentHelp(
        "Make each call N times (result printed once) and print the time per call on stderr.",
        valueName: "N"))
    public var `repeat`: Int?

    public init() {}

    /// `--import` options as WAVE texts by import name, in order.
    func hostValueTexts() throws -> [String: [String]] {
        var out: [String: [String]] = [:]
        for (i, text) in importValues.enumerated() {
            guard let eq = text.firstIndex(of: "="), eq != text.startIndex else {
                printError("--import \(i + 1) `\(text)`: expected NAME=VALUE such as 'test:math/ops#add=7', found \(text.hasPrefix("=") ? "no name before `=`" : "no `=`")")
                throw Exit.usage
            }
            let name = String(text[..<eq]).trimmingBlanks()
            out[name, default: []].append(String(text[text.index(after: eq)...]))
        }
        return out
    }

    public func run() throws {
        // A bound keeps a typo from running for hours: ten million calls take minutes already.
        if let n = `repeat`, n < 1 || n > 10_000_000 {
            printError("--repeat: expected a count from 1 to 10000000, found \(n)")
            throw Exit.usage
        }
        let given = try hostValueTexts()
        let (_, parsed) = try loadComponent(component)
        let runtime: ComponentRuntime
        do { runtime = try ComponentRuntime(parsed, hostValues: HostValues(given)) } catch {
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
                if let n = `repeat` { try timeRepeats(runtime, f, args, times: n, label: label) }
                print(result.map(WaveSyntax.print) ?? "()")
            } catch {
                recorder.map { for line in $0.render() { print(line) } }
                printError("\(label): \(error)")
                throw Exit.invalidInput
            }
        }
    }

    /// Makes the call `times` more times, untraced, and prints the mean time
    /// per call: the figure scripts/bench-run.sh sets against wasmtime-py.
    private func timeRepeats(_ runtime: ComponentRuntime, _ f: ComponentFunction, _ args: [ComponentValue], times: Int, label: String) throws {
        let clock = ContinuousClock()
        let start = clock.now
        for _ in 0..<times { _ = try runtime.call(f, args) }
        let d = clock.now - start
        let ns = Double(d.components.seconds) * 1e9 + Double(d.components.attoseconds) / 1e9
        let perCall = ns / Double(times)
        let line = "time: \(label): \(times) calls in \(DecimalText.fixed(ns / 1e6, places: 3)) ms, \(DecimalText.fixed(perCall, places: 0)) ns per call\n"
        StandardStreams.writeError(line)
    }
}
