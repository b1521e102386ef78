/// A refused composition step or encoding, with the chain of reasons from
/// the general to the specific, and the structured explanation of a misfit
/// when a type check was the reason.
public struct CompositionError: Error, Sendable, CustomStringConvertible {
    public enum Kind: String, Sendable {
        case invalidPackage, packageAlreadyRegistered, unknownPackage
        case invalidName, importExists, exportExists, unknownNode
        case notAnInstance, exportMissing, notInstantiation
        case missingArgument, argumentAlreadySatisfied, argumentMismatch
        case cycle, implicitImportConflict, typeAggregation
        case unsatisfied, unsupported, nodeInUse
    }

    public var kind: Kind
    public var message: String
    public var causes: [String]
    public var misfit: Misfit?

    public init(_ kind: Kind, _ message: String, causes: [String] = [], misfit: Misfit? = nil) {
        self.kind = kind; self.message = message; self.causes = causes; self.misfit = misfit
    }

    /// The message, then each cause on its own line, most specific last.
    public var description: String {
        var s = message
        for c in causes { s += "\n  caused by: " + c.replacing("\n", with: "\n  ") }
        return s
    }
}
