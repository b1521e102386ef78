/// The identity of a component-level type as the validator tracks it.
///
/// WIT decoding hinges on *identity*, not structure: a type exported by one
/// interface and re-exported (via an outer alias) by another becomes a `use`
/// only because both exports lead back to the same definition. So this keeps
/// the validator's bookkeeping: every definition gets an index, resources get
/// their own counter, and `(eq T)` bounds create a fresh *alias id* whose
/// parent is T's alias id, so the chain can be peeled back later.
struct TypeKey: Hashable, Sendable {
    enum Kind: UInt8, Sendable { case defined, resource, function, instance, component }
    var kind: Kind
    var index: Int32
    /// -1 when this key is the original, not an alias of something.
    var alias: Int32 = -1
}

/// A value type inside the type space: primitive or a defined-type key.
enum SpaceValType: Hashable, Sendable {
    case primitive(PrimitiveType)
    case type(TypeKey)
}

/// A defined value type whose references are keys into the type space.
enum SpaceDefined: Hashable, Sendable {
    struct Field: Hashable, Sendable { var name: String; var type: SpaceValType }
    struct Case: Hashable, Sendable { var name: String; var type: SpaceValType? }
    case primitive(PrimitiveType)
    case record([Field])
    case variant([Case])
    case list(SpaceValType)
    case fixedList(SpaceValType, UInt32)
    case tuple([SpaceValType])
    case flags([String])
    case enumeration([String])
    case option(SpaceValType)
    case result(ok: SpaceValType?, err: SpaceValType?)
    case own(TypeKey)
    case borrow(TypeKey)
    case stream(SpaceValType?)
    case future(SpaceValType?)
    case map(SpaceValType, SpaceValType)
}

struct SpaceFunc: Hashable, Sendable {
    var isAsync: Bool
    var params: [SpaceDefined.Field]
    var result: SpaceValType?
}

/// What an import, export or instance-type export is (the validator's
/// `ComponentEntityType`).
enum SpaceEntity: Hashable, Sendable {
    case module
    case function(TypeKey)
    case value
    /// `referenced` is what the bound points at; `created` is the new
    /// identity this declaration introduces (an alias of `referenced`, or the
    /// same key for a fresh resource).
    case type(referenced: TypeKey, created: TypeKey)
    case instance(TypeKey)
    case component(TypeKey)
}

/// A named entity with the attributes of its extern name.
struct SpaceItem: Sendable {
    var name: String
    var entity: SpaceEntity
    var implements: String?
    var externalId: String?
    var versionSuffix: String?
}

struct SpaceInstance: Sendable {
    var exports: [SpaceItem] = []
    var exportIndex: [String: Int] = [:]
    /// Resources this (type-level) instance introduces; freshened whenever
    /// the instance type is imported or exported.
    var definedResources: [Int32] = []

    func export(_ name: String) -> SpaceItem? {
        exportIndex[name].map { exports[$0] }
    }

    mutating func add(_ item: SpaceItem) {
        exportIndex[item.name] = exports.count
        exports.append(item)
    }
}

struct SpaceComponent: Sendable {
    var imports: [SpaceItem] = []
    var exports: [SpaceItem] = []
    var importedResources: [Int32] = []
    var definedResources: [Int32] = []
}

/// The arena of all types met while checking one component binary.
struct TypeSpace: Sendable {
    var defined: [SpaceDefined] = []
    var funcs: [SpaceFunc] = []
    var instances: [SpaceInstance] = []
    var components: [SpaceComponent] = []
    var resourceCount: Int32 = 0
    /// Parent alias id of each alias id (-1: the original).
    var aliasParents: [Int32] = []

    mutating func add(_ d: SpaceDefined) -> TypeKey {
        defined.append(d); return TypeKey(kind: .defined, index: Int32(defined.count - 1))
    }
    mutating func add(_ f: SpaceFunc) -> TypeKey {
        funcs.append(f); return TypeKey(kind: .function, index: Int32(funcs.count - 1))
    }
    mutating func add(_ i: SpaceInstance) -> TypeKey {
        instances.append(i); return TypeKey(kind: .instance, index: Int32(instances.count - 1))
    }
    mutating func add(_ c: SpaceComponent) -> TypeKey {
        components.append(c); return TypeKey(kind: .component, index: Int32(components.count - 1))
    }
    mutating func freshResource() -> Int32 {
        resourceCount += 1; return resourceCount - 1
    }

    /// A new identity that is an alias of `key` (what an `(eq T)` bound makes).
    mutating func withUnique(_ key: TypeKey) -> TypeKey {
        aliasParents.append(key.alias)
        var k = key
        k.alias = Int32(aliasParents.count - 1)
        return k
    }

    /// The identity `key` was aliased from, or nil for an original.
    func peelAlias(_ key: TypeKey) -> TypeKey? {
        guard key.alias >= 0, Int(key.alias) < aliasParents.count else { return nil }
        var k = key
        k.alias = aliasParents[Int(key.alias)]
        return k
    }

    func definedType(_ k: TypeKey) -> SpaceDefined? {
        k.kind == .defined && Int(k.index) < defined.count ? defined[Int(k.index)] : nil
    }
    func funcType(_ k: TypeKey) -> SpaceFunc? {
        k.kind == .function && Int(k.index) < funcs.count ? funcs[Int(k.index)] : nil
    }
    func instanceType(_ k: TypeKey) -> SpaceInstance? {
        k.kind == .instance && Int(k.index) < instances.count ? instances[Int(k.index)] : nil
    }
    func componentType(_ k: TypeKey) -> SpaceComponent? {
        k.kind == .component && Int(k.index) < components.count ? components[Int(k.index)] : nil
    }
}
