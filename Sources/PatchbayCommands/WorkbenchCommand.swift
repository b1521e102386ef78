import ArgumentParser
import Foundation
import NcursesBackend
import TerminalCore
import Workbench

/// `patchbay open PATH...` (and `patchbay` alone): the interactive workbench.
struct OpenCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "open",
        abstract: "Open the workbench on components or folders of components (the bundled samples by default)."
    )

    @Argument(help: "Component files or folders (folders contribute their .wasm files), or a composition FILE.wac to open on the canvas.") var paths: [String] = []
    @Option(help: "Theme name (dark, light, high-contrast) or a path to a theme .toml file.") var theme: String?
    @Option(help: "Key binding file (TOML, [keys] table). Default: ~/.config/patchbay/keys.toml if present.") var keys: String?

    func run() throws {
        try WorkbenchLauncher(paths: paths, theme: theme, keys: keys).run()
    }
}

/// Finds the inputs, theme and key bindings, then runs the workbench on ncurses.
struct WorkbenchLauncher {
    var paths: [String]
    var theme: String?
    var keys: String?

    /// Where bundled folders (samples, themes) are looked for: beside the
    /// working directory, then relative to the executable (.build/<config>/patchbay).
    static func resourceDirectories(_ name: String) -> [String] {
        let exe = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().deletingLastPathComponent()
        var dirs = [FileManager.default.currentDirectoryPath + "/" + name]
        var u = exe
        for _ in 0..<4 {
            dirs.append(u.appendingPathComponent(name).path)
            u = u.deletingLastPathComponent()
        }
        if let home = ProcessInfo.processInfo.environment["HOME"] { dirs.append(home + "/.config/patchbay/" + name) }
        return dirs
    }

    static func expand(_ paths: [String]) -> [String] {
        var out: [String] = []
        let fm = FileManager.default
        for p in paths {
            var isDir: ObjCBool = false
            if fm.fileExists(atPath: p, isDirectory: &isDir), isDir.boolValue {
                let names = (try? fm.contentsOfDirectory(atPath: p)) ?? []
                out += names.filter { $0.hasSuffix(".wasm") }.sorted().map { (p as NSString).appendingPathComponent($0) }
            } else {
                out.append(p)
            }
        }
        return out
    }

    func run() throws {
        var inputs = paths
        if inputs.isEmpty, let samples = Self.resourceDirectories("samples").first(where: { FileManager.default.fileExists(atPath: $0 + "/greeter.wasm") }) {
            inputs = [samples]
        }
        let files = Self.expand(inputs)
        let themeDirs = Self.resourceDirectories("themes")
        var warnings: [String] = []
        func loadTheme(_ name: String) -> Theme {
            let r = name.hasSuffix(".toml") ? Theme.load(contentsOf: name) : Theme.load(named: name, searchPaths: themeDirs)
            warnings += r.warnings.map { "\($0)" }
            return r.theme
        }
        let chosen = loadTheme(theme ?? "dark")
        var all = ["dark", "light", "high-contrast"].map { n in n == chosen.name ? chosen : Theme.load(named: n, searchPaths: themeDirs).theme }
        if !all.contains(where: { $0.name == chosen.name }) { all.insert(chosen, at: 0) }
        var keymap = WorkbenchActions.keymap
        let keyFile = keys ?? ProcessInfo.processInfo.environment["HOME"].map { $0 + "/.config/patchbay/keys.toml" }
        if let keyFile, let text = try? String(contentsOfFile: keyFile, encoding: .utf8) {
            let applied = keymap.applying(configText: text, registry: WorkbenchActions.registry, file: keyFile)
            keymap = applied.keymap
            warnings += applied.warnings.map { "\($0)" }
        }
        let logDir = (ProcessInfo.processInfo.environment["HOME"] ?? "/tmp") + "/.cache/patchbay"
        try? FileManager.default.createDirectory(atPath: logDir, withIntermediateDirectories: true)
        var backend = NcursesBackend(logPath: logDir + "/patchbay.log")
        // A .wac file is a composition: it opens on the canvas, its packages in the library.
        var app = WorkbenchApp(paths: files.filter { !$0.hasSuffix(".wac") }, theme: chosen, themes: all, keymap: keymap)
        app.attachSession(SessionStore.standard())
        for wac in files where wac.hasSuffix(".wac") { app.openComposition(wacPath: wac) }
        if !warnings.isEmpty { app.status = warnings.joined(separator: "; ") }
        app.theme = chosen.adapted(to: backend.colorCapability)
        do {
            try AppRunner.run(&app, on: &backend)
        } catch let e as NcursesBackend.SetupError {
            printError("the workbench needs a terminal: \(e); use the subcommands (patchbay --help) in scripts")
            throw Exit.usage
        }
    }
}
