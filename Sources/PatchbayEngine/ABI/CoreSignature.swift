/// Which side of the component boundary a core function sits on.
///
/// `lift` is a core export turned into a component function (the callee
/// side); `lower` is a component function turned into a core import (the
/// caller side). They spill results differently, so the spec needs to know.
public enum ABIContext: String, Hashable, Sendable, Codable {
    case lift, lower
}

/// The canonical options that change a function's core signature.
public struct SignatureOptions: Hashable, Sendable {
    /// Address width of the memory used for spilled params/results.
    public var memory64: Bool
    /// `async` canonical option.
    public var isAsync: Bool
    /// An async lift with a `callback` returns an i32 status code; without
    /// one (stackful) it returns nothing.
    public var callback: Bool

    public init(memory64: Bool = false, isAsync: Bool = false, callback: Bool = false) {
        self.memory64 = memory64; self.isAsync = isAsync; self.callback = callback
    }

    public static let sync32 = SignatureOptions()
    public static let sync64 = SignatureOptions(memory64: true)
    public static let asyncCallback = SignatureOptions(isAsync: true, callback: true)
    public static let asyncStackful = SignatureOptions(isAsync: true, callback: false)
}

/// A core function signature derived from a component function type, with
/// the reasons it differs from the plain flattening (so renderers can explain).
public struct CoreSignature: Hashable, Sendable {
    public var context: ABIContext
    public var options: SignatureOptions
    /// `flatten_types(params)` before any limit applies.
    public var flatParams: [CoreValueType]
    /// `flatten_types(result)` before any limit applies.
    public var flatResults: [CoreValueType]
    /// The core parameter list.
    public var params: [CoreValueType]
    /// The core result list.
    public var results: [CoreValueType]
    /// Parameters exceeded the limit and are passed as one pointer to a tuple
    /// in memory.
    public var paramsViaPointer: Bool
    /// How the component result reaches the caller.
    public var resultPassing: ResultPassing

    public enum ResultPassing: String, Hashable, Sendable {
        /// Results are the flat values themselves (or there are none).
        case flat
        /// lift: the core function returns a pointer to the results in memory.
        case returnedPointer
        /// lower: the caller adds a final pointer parameter; the results are
        /// written there.
        case outPointerParam
        /// async lift with callback: the i32 result is a callback status code;
        /// results are delivered through `task.return`.
        case asyncCallbackCode
        /// async stackful lift: no core result; results go through `task.return`.
        case asyncTaskReturn
        /// async lower: the i32 result is the subtask status; results (if any)
        /// are written through the final pointer parameter.
        case asyncSubtaskStatus
    }
}

extension CanonicalABI {
    /// The core signature of `function` for the given context and options,
    /// exactly as `flatten_functype` in the reference implementation.
    public static func coreSignature(
        of function: FunctionType, context: ABIContext, options: SignatureOptions = .sync32
    ) throws -> CoreSignature {
        let width = AddressWidth(memory64: options.memory64)
        let flatParams = try flatten(function.params.map(\.type), memory64: options.memory64)
        let flatResults = try function.result.map { try flatten($0, memory64: options.memory64) } ?? []
        var params = flatParams
        var results = flatResults
        var viaPointer = false
        var passing = CoreSignature.ResultPassing.flat

        if !options.isAsync {
            if params.count > maxFlatParams { params = [width.pointerType]; viaPointer = true }
            if results.count > maxFlatResults {
                switch context {
                case .lift:
                    results = [width.pointerType]; passing = .returnedPointer
                case .lower:
                    params.append(width.pointerType); results = []; passing = .outPointerParam
                }
            }
        } else {
            switch context {
            case .lift:
                if params.count > maxFlatParams { params = [width.pointerType]; viaPointer = true }
                results = options.callback ? [.i32] : []
                passing = options.callback ? .asyncCallbackCode : .asyncTaskReturn
            case .lower:
                if params.count > maxFlatAsyncParams { params = [width.pointerType]; viaPointer = true }
                if !results.isEmpty { params.append(width.pointerType) }
                results = [.i32]
                passing = .asyncSubtaskStatus
            }
        }
        return CoreSignature(
            context: context, options: options, flatParams: flatParams, flatResults: flatResults,
            params: params, results: results, paramsViaPointer: viaPointer, resultPassing: passing)
    }
}
