import PatchbayEngine

/// How the workbench describes a core module that is not a component
/// (what it is is the engine's `CoreModuleInfo`).
extension CoreModuleInfo {
    /// The sentence the diagnostics pane shows for the module.
    var summary: String {
        var parts: [String] = []
        if let d = dylink {
            let needs = d.needed.isEmpty ? "needs no other library" : "needs " + d.needed.joined(separator: ", ")
            parts.append("a dynamic library (dylink.0: \(d.memorySize) bytes of data, \(needs)): link it with others in the link panel")
        }
        if hasWorld {
            parts.append("carries its world (component-type): wrap it into a component with the wrap action")
        }
        return "core module: " + parts.joined(separator: "; it ")
    }
}
