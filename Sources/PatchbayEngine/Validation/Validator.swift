#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

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

    /// Validates `component`, not checking again the code of core modules in
    /// `trusting`; also returns the modules whose code was found valid.
    /// The resolution the validation made is returned too (nil on an
    /// error), so a caller that needs both does not resolve twice.
    public static func validate(_ component: Component, features: FeatureSet = .all,
                                trusting: Set<CoreModuleKey>)
        -> (diagnostics: [Diagnostic], checked: Set<CoreModuleKey>, resolved: TypeResolver.Result?) {
        let context = ValidationContext(features: features)
        context.trustedModules = trusting
        let resolver = TypeResolver()
        resolver.validation = context
        do {
            let spaces = try resolver.resolveComponentBody(component)
            return (context.notes, context.checkedModules, resolver.result(spaces))
        } catch {
            return (context.notes + [Diagnostic(.error, error.message, offset: error.offset)], context.checkedModules, nil)
        }
    }

    /// The first error, if any, as a thrown `ValidationError`.
    public static func check(_ bytes: [UInt8], features: FeatureSet = .all) throws(ValidationError) {
        if let e = validate(bytes, features: features).first(where: \.isError) {
            throw ValidationError(e.message, at: e.offset ?? 0)
        }
    }
}

/// Identifies a core module by its content, so a module validated once
/// (for instance as part of a composition's package) can be trusted when
/// it appears again byte for byte.
///
/// The key keeps the bytes (a slice: shared storage, no copy) and hashes
/// only their size and a sample; equality is the same storage range, or
/// else equal bytes. Hashing all 18 MB of a package on load and again for
/// the composite's check was a tenth of `plug`'s time.
public struct CoreModuleKey: Hashable, Sendable {
    let bytes: ArraySlice<UInt8>
    let digest: Int

    init(_ bytes: ArraySlice<UInt8>) {
        self.bytes = bytes
        var h = Hasher()
        h.combine(bytes.count)
        bytes.withUnsafeBytes { raw in
            // The first and last 256 bytes and 256 bytes spread in between.
            let n = raw.count
            if n <= 768 { h.combine(bytes: raw); return }
            h.combine(bytes: UnsafeRawBufferPointer(rebasing: raw[0..<256]))
            h.combine(bytes: UnsafeRawBufferPointer(rebasing: raw[(n - 256)..<n]))
            let step = (n - 512) / 256
            var i = 256
            for _ in 0..<256 { h.combine(raw[i]); i += step }
        }
        digest = h.finalize()
    }

    public func hash(into hasher: inout Hasher) { hasher.combine(digest) }

    public static func == (a: CoreModuleKey, b: CoreModuleKey) -> Bool {
        guard a.digest == b.digest, a.bytes.count == b.bytes.count else { return false }
        return a.bytes.withUnsafeBytes { pa in
            b.bytes.withUnsafeBytes { pb in
                guard let x = pa.baseAddress, let y = pb.baseAddress else { return pa.count == pb.count }
                return x == y || memcmp(x, y, pa.count) == 0
            }
        }
    }
}
