/// `new --from-world`: a component for a WIT world whose exports trap.
public enum PlaceholderComponent {
    public static func make(witPath: String, world: String?) throws -> [UInt8] {
        throw WrapError("--from-world is not supported yet")
    }
}
