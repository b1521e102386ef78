import ArgumentParser
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import NcursesBackend
import TerminalCore
import Workbench

/// `patchbay tour`: the workbench opened on the guided tour of the forms of
/// linking (the same tour `T` starts inside the workbench).
struct TourCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tour",
        abstract: "A guided tour of the forms of linking on the bundled samples, inside the workbench.",
        discussion: "Shared-nothing composition, link-time virtualization, shared-everything dynamic linking and a plugin loader, each a screen of explanation above the real artefact. n/p move between steps, q leaves the tour for the workbench."
    )

    @Option(help: "The samples folder (default: the bundled samples).") var samples: String?
    @Option(help: "Theme name (dark, light, high-contrast) or a path to a theme .toml file.") var theme: String?

    func run() throws {
        guard let dir = samples ?? WorkbenchSetup.resourceDirectories("samples").first(where: { FileManager.default.fileExists(atPath: $0 + "/hello.wac") }) else {
            printError("tour: the samples folder was not found; give it with --samples DIR")
            throw Exit.usage
        }
        let setup = WorkbenchSetup(paths: [dir], theme: theme, keyFile: nil)
        let logDir = (ProcessInfo.processInfo.environment["HOME"] ?? "/tmp") + "/.cache/patchbay"
        try? FileManager.default.createDirectory(atPath: logDir, withIntermediateDirectories: true)
        var backend = NcursesBackend(logPath: logDir + "/patchbay.log")
        let guess = ColorCapability.detect(environment: ProcessInfo.processInfo.environment, terminalColors: 256)
        var app = setup.makeApp(capability: guess)
        app.samplesDir = dir
        app.startTour(.forms(samples: dir))
        do {
            try AppRunner.run(&app, on: &backend)
        } catch let e as NcursesBackend.SetupError {
            printError("the tour needs a terminal: \(e)")
            throw Exit.usage
        }
    }
}
