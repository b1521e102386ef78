/// Validation of a component binary against the rules of the component
/// model: decoding, then one resolution pass with every check switched on.
///
/// The result is a list so the workbench can show errors beside notes (for
/// instance a core module that could only be summarized, not fully checked).
/// Validation stops at the first error: later findings would mostly be
/// consequences of it.
public enum Validator {
    /// Decodes and validates `bytes`. An empty list, or one without
    /// errors, means the component is valid.
    public static func validate(_ bytes: [UInt8], features: FeatureSet = .all) -> [Diagnostic] {
        let component: Component
        do { component = try ComponentDecoder.decode(bytes) } catch {
            return [Diagnostic(.error, error.message, offset: error.offset)]
        }
        return validate(component, features: features)
    }

    /// Validates an already decoded component.
    public static func validate(_ component: Component, features: FeatureSet = .all) -> [Diagnostic] {
        let context = ValidationContext(features: features)
        let resolver = TypeResolver()
        resolver.validation = context
        do {
            _ = try resolver.resolveComponentBody(component)
            return context.notes
        } catch {
            return context.notes + [Diagnostic(.error, error.message, offset: error.offset)]
        }
    }

    /// The first error, if any, as a thrown `ValidationError`.
    public static func check(_ bytes: [UInt8], features: FeatureSet = .all) throws(ValidationError) {
        if let e = validate(bytes, features: features).first(where: \.isError) {
            throw ValidationError(e.message, at: e.offset ?? 0)
        }
    }
}
