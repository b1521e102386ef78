import ArgumentParser
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import PatchbayEngine
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

/// Runs the workbench on ncurses.
struct WorkbenchLauncher {
    var paths: [String]
    var theme: String?
    var keys: String?

    func run() throws {
        let keyFile = keys ?? ProcessInfo.processInfo.environment["HOME"].map { $0 + "/.config/patchbay/keys.toml" }
        let setup = WorkbenchSetup(paths: paths, theme: theme, keyFile: keyFile)
        let logDir = (ProcessInfo.processInfo.environment["HOME"] ?? "/tmp") + "/.cache/patchbay"
        try? FileManager.default.createDirectory(atPath: logDir, withIntermediateDirectories: true)
        var backend = NcursesBackend(logPath: logDir + "/patchbay.log")
        // The terminal's colours are known only once it is set up; style for the likely
        // answer now (the app re-adapts in terminalReady if the guess was wrong).
        let guess = ColorCapability.detect(environment: ProcessInfo.processInfo.environment, terminalColors: 256)
        var app = setup.makeApp(capability: guess)
        // Only the interactive workbench keeps a session (render stays reproducible).
        app.attachSession(SessionStore.standard())
        for wac in setup.compositions { app.openComposition(wacPath: wac) }
        do {
            try AppRunner.run(&app, on: &backend)
        } catch let e as NcursesBackend.SetupError {
            printError("the workbench needs a terminal: \(e); use the subcommands (patchbay --help) in scripts")
            throw Exit.usage
        }
    }
}

/// What `open` and `render` share: the input files, the themes and the key
/// bindings, found the same way so a rendered frame is what `open` shows.
struct WorkbenchSetup {
    var files: [String]
    var compositions: [String] = []
    var theme: Theme
    var themes: [Theme]
    var keymap: Keymap
    var warnings: [String] = []

    /// `keyFile` is read if it exists; a missing file is not an error
    /// (the default location usually does not exist).
    init(paths: [String], theme themeName: String?, keyFile: String?) {
        var inputs = paths
        if inputs.isEmpty, let samples = Self.resourceDirectories("samples").first(where: { FileManager.default.fileExists(atPath: $0 + "/greeter.wasm") }) {
            inputs = [samples]
        }
        let expanded = Self.expand(inputs)
        // A .wac file is a composition: it opens on the canvas, its packages in the library.
        files = expanded.filter { !$0.hasSuffix(".wac") }
        compositions = expanded.filter { $0.hasSuffix(".wac") }
        let themeDirs = Self.resourceDirectories("themes")
        var warnings: [String] = []
        func loadTheme(_ name: String) -> Theme {
            let r = name.hasSuffix(".toml") ? Theme.load(contentsOf: name) : Theme.load(named: name, searchPaths: themeDirs)
            warnings += r.warnings.map { "\($0)" }
            return r.theme
        }
        let chosen = loadTheme(themeName ?? "dark")
        var all = ["dark", "light", "high-contrast"].map { n in n == chosen.name ? chosen : Theme.load(named: n, searchPaths: themeDirs).theme }
        if !all.contains(where: { $0.name == chosen.name }) { all.insert(chosen, at: 0) }
        var keymap = WorkbenchActions.keymap
        if let keyFile, let text = try? String(contentsOfFile: keyFile, encoding: .utf8) {
            let applied = keymap.applying(configText: text, registry: WorkbenchActions.registry, file: keyFile)
            keymap = applied.keymap
            warnings += applied.warnings.map { "\($0)" }
        }
        self.theme = chosen
        self.themes = all
        self.keymap = keymap
        self.warnings = warnings
    }

    /// The app with its themes adapted to the terminal's colours before
    /// anything is styled (the browser trees keep the styles they were built with).
    func makeApp(capability: ColorCapability) -> WorkbenchApp {
        var app = WorkbenchApp(paths: files, theme: theme.adapted(to: capability), themes: themes.map { $0.adapted(to: capability) }, keymap: keymap)
        if !warnings.isEmpty { app.status = warnings.joined(separator: "; ") }
        return app
    }

    /// `makeApp` with the compositions given as `.wac` files opened on the canvas.
    func makeAppWithCompositions(capability: ColorCapability) -> WorkbenchApp {
        var app = makeApp(capability: capability)
        for wac in compositions { app.openComposition(wacPath: wac) }
        return app
    }

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
            if fm.fileExists(atPath: p), PathNames.isDirectory(p) {
                let names = (try? fm.contentsOfDirectory(atPath: p)) ?? []
                out += names.filter { $0.hasSuffix(".wasm") }.sorted().map { PathNames.appending(p, $0) }
            } else {
                out.append(p)
            }
        }
        return out
    }
}
