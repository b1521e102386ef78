// swift-tools-version:6.1
// Patchbay: a terminal workbench for linking WebAssembly components.
//
// Layering (nothing points back up):
//   PatchbayTool (executable `patchbay`, @main only)
//     └─ PatchbayCommands (swift-argument-parser subcommands)
//          ├─ Workbench (app state, actions, screens; renders into TerminalCore buffers)
//          │     ├─ PatchbayEngine (the linking engine: binary, types, WIT, ABI, validation)
//          │     └─ TerminalCore (cell buffer, layout, widgets, themes; pure Swift)
//          └─ NcursesBackend ── TerminalCore
//                └─ CNcursesShim (the only includer of curses.h)
import PackageDescription

let package = Package(
    name: "Patchbay",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "patchbay", targets: ["PatchbayTool"]),
        .library(name: "PatchbayEngine", targets: ["PatchbayEngine"]),
    ],
    dependencies: [
        .package(url: "https://github.com/swiftwasm/WasmKit", exact: "0.4.2"),
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
    ],
    targets: [
        .target(
            name: "PatchbayEngine",
            dependencies: [.product(name: "WasmParser", package: "WasmKit"), .product(name: "WasmKit", package: "WasmKit"), .product(name: "WAT", package: "WasmKit")]
        ),
        .target(name: "TerminalCore"),
        .target(
            name: "CNcursesShim",
            cSettings: [.define("_XOPEN_SOURCE_EXTENDED"), .define("NCURSES_WIDECHAR", to: "1")],
            linkerSettings: [.linkedLibrary("ncursesw")]
        ),
        .target(name: "NcursesBackend", dependencies: ["TerminalCore", "CNcursesShim"]),
        .target(name: "Workbench", dependencies: ["PatchbayEngine", "TerminalCore"]),
        .target(
            name: "PatchbayCommands",
            dependencies: [
                "PatchbayEngine", "Workbench", "TerminalCore", "NcursesBackend",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .executableTarget(name: "PatchbayTool", dependencies: ["PatchbayCommands"]),
        .testTarget(name: "PatchbayEngineTests", dependencies: ["PatchbayEngine"]),
        .testTarget(name: "TerminalCoreTests", dependencies: ["TerminalCore"]),
        .testTarget(name: "WorkbenchTests", dependencies: ["Workbench", "TerminalCore", "PatchbayEngine"], exclude: ["Goldens", "CanvasGoldens", "TourGoldens"]),
        .testTarget(name: "PatchbayCommandsTests", dependencies: ["PatchbayCommands", "PatchbayEngine"]),
    ],
    swiftLanguageModes: [.v6]
)
