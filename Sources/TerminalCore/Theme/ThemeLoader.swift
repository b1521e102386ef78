#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// File access for themes, kept apart from parsing so parsing stays pure.
extension Theme {
    /// Loads a theme file; a missing or unreadable file gives a warning and
    /// the built-in default.
    public static func load(contentsOf path: String) -> ThemeLoadResult {
        guard let data = FileManager.default.contents(atPath: path) else {
            return ThemeLoadResult(theme: .builtinDefault, warnings: [ConfigWarning(file: path, message: "cannot read theme file; using the built-in '\(Theme.builtinDefault.name)' theme")], usedFallback: true)
        }
        guard let text = String(data: data, encoding: .utf8) else {
            return ThemeLoadResult(theme: .builtinDefault, warnings: [ConfigWarning(file: path, message: "theme file is not UTF-8; using the built-in '\(Theme.builtinDefault.name)' theme")], usedFallback: true)
        }
        let name = URL(fileURLWithPath: path).deletingPathExtension().lastPathComponent
        return parse(text, name: name, file: path)
    }

    /// Finds `name.toml` in the first directory that has it. `dark` is
    /// always available even when no theme directory is installed.
    public static func load(named name: String, searchPaths: [String]) -> ThemeLoadResult {
        for directory in searchPaths {
            let path = URL(fileURLWithPath: directory).appendingPathComponent(name + ".toml").path
            if FileManager.default.fileExists(atPath: path) { return load(contentsOf: path) }
        }
        if name == builtinDefault.name { return ThemeLoadResult(theme: .builtinDefault, warnings: [], usedFallback: false) }
        return ThemeLoadResult(theme: .builtinDefault, warnings: [ConfigWarning(message: "no theme named '\(name)' in \(searchPaths.joined(separator: ", ")); using the built-in '\(builtinDefault.name)' theme")], usedFallback: true)
    }
}
