// libFuzzer entry for the component decoder and validator. Built only by
// scripts/fuzz.sh (never by `swift build`): every input is decoded, and
// what decodes is resolved and validated. A crash, hang or runaway
// allocation here is a bug in the engine, whatever the bytes are.

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    if let component = try? ComponentDecoder.decode(bytes) {
        _ = try? TypeResolver.resolve(component)
        _ = Validator.validate(component, features: .all)
        _ = Validator.validate(component, features: .mvp)
    }
    return 0
}
