/// A canonical definition (section 8): lift, lower and the built-ins.
public struct Canon: Sendable, Hashable {
    public var offset: Int
    public var kind: Kind
    public init(offset: Int = 0, _ kind: Kind) { self.offset = offset; self.kind = kind }

    public enum Kind: Sendable, Hashable {
        case lift(coreFunc: UInt32, options: [CanonOption], type: UInt32)
        case lower(func_: UInt32, options: [CanonOption])
        case resourceNew(UInt32)
        case resourceDrop(UInt32)
        case resourceRep(UInt32)
        case backpressureInc
        case backpressureDec
        case taskReturn(result: ValTypeRef?, options: [CanonOption])
        case taskCancel
        case contextGet(CoreValType, UInt32)
        case contextSet(CoreValType, UInt32)
        case subtaskCancel(async: Bool)
        case subtaskDrop
        case streamNew(UInt32)
        case streamRead(UInt32, [CanonOption])
        case streamWrite(UInt32, [CanonOption])
        case streamCancelRead(UInt32, async: Bool)
        case streamCancelWrite(UInt32, async: Bool)
        case streamDropReadable(UInt32)
        case streamDropWritable(UInt32)
        case futureNew(UInt32)
        case futureRead(UInt32, [CanonOption])
        case futureWrite(UInt32, [CanonOption])
        case futureCancelRead(UInt32, async: Bool)
        case futureCancelWrite(UInt32, async: Bool)
        case futureDropReadable(UInt32)
        case futureDropWritable(UInt32)
        case errorContextNew([CanonOption])
        case errorContextDebugMessage([CanonOption])
        case errorContextDrop
        case waitableSetNew
        case waitableSetWait(cancellable: Bool, memory: UInt32)
        case waitableSetPoll(cancellable: Bool, memory: UInt32)
        case waitableSetDrop
        case waitableJoin
        case threadIndex
        case threadNewIndirect(funcType: UInt32, table: UInt32)
        case threadResumeLater
        case threadSuspend(cancellable: Bool)
        case threadYield(cancellable: Bool)
        case threadSuspendThenResume(cancellable: Bool)
        case threadYieldThenResume(cancellable: Bool)
        case threadSuspendThenPromote(cancellable: Bool)
        case threadYieldThenPromote(cancellable: Bool)
        case threadSpawnRef(funcType: UInt32)
        case threadSpawnIndirect(funcType: UInt32, table: UInt32)
        case threadAvailableParallelism
    }

    /// The built-in's name as the text format writes it (`resource.new`, ...).
    public var name: String {
        switch kind {
        case .lift: "lift"
        case .lower: "lower"
        case .resourceNew: "resource.new"
        case .resourceDrop: "resource.drop"
        case .resourceRep: "resource.rep"
        case .backpressureInc: "backpressure.inc"
        case .backpressureDec: "backpressure.dec"
        case .taskReturn: "task.return"
        case .taskCancel: "task.cancel"
        case .contextGet: "context.get"
        case .contextSet: "context.set"
        case .subtaskCancel: "subtask.cancel"
        case .subtaskDrop: "subtask.drop"
        case .streamNew: "stream.new"
        case .streamRead: "stream.read"
        case .streamWrite: "stream.write"
        case .streamCancelRead: "stream.cancel-read"
        case .streamCancelWrite: "stream.cancel-write"
        case .streamDropReadable: "stream.drop-readable"
        case .streamDropWritable: "stream.drop-writable"
        case .futureNew: "future.new"
        case .futureRead: "future.read"
        case .futureWrite: "future.write"
        case .futureCancelRead: "future.cancel-read"
        case .futureCancelWrite: "future.cancel-write"
        case .futureDropReadable: "future.drop-readable"
        case .futureDropWritable: "future.drop-writable"
        case .errorContextNew: "error-context.new"
        case .errorContextDebugMessage: "error-context.debug-message"
        case .errorContextDrop: "error-context.drop"
        case .waitableSetNew: "waitable-set.new"
        case .waitableSetWait: "waitable-set.wait"
        case .waitableSetPoll: "waitable-set.poll"
        case .waitableSetDrop: "waitable-set.drop"
        case .waitableJoin: "waitable.join"
        case .threadIndex: "thread.index"
        case .threadNewIndirect: "thread.new-indirect"
        case .threadResumeLater: "thread.resume-later"
        case .threadSuspend: "thread.suspend"
        case .threadYield: "thread.yield"
        case .threadSuspendThenResume: "thread.suspend-then-resume"
        case .threadYieldThenResume: "thread.yield-then-resume"
        case .threadSuspendThenPromote: "thread.suspend-then-promote"
        case .threadYieldThenPromote: "thread.yield-then-promote"
        case .threadSpawnRef: "thread.spawn-ref"
        case .threadSpawnIndirect: "thread.spawn-indirect"
        case .threadAvailableParallelism: "thread.available-parallelism"
        }
    }

    /// Lift defines a component function; every other definition a core function.
    public var definesComponentFunction: Bool {
        if case .lift = kind { return true }
        return false
    }
}

/// A canonical option (Binary.md `canonopt`).
public enum CanonOption: Sendable, Hashable {
    case utf8, utf16, latin1Utf16
    case memory(UInt32)
    case realloc(UInt32)
    case postReturn(UInt32)
    case async
    case callback(UInt32)
    case coreType(UInt32)
    case gc

    public var text: String {
        switch self {
        case .utf8: "string-encoding=utf8"
        case .utf16: "string-encoding=utf16"
        case .latin1Utf16: "string-encoding=latin1+utf16"
        case .memory(let i): "(memory \(i))"
        case .realloc(let i): "(realloc \(i))"
        case .postReturn(let i): "(post-return \(i))"
        case .async: "async"
        case .callback(let i): "(callback \(i))"
        case .coreType(let i): "(core-type \(i))"
        case .gc: "gc"
        }
    }
}
