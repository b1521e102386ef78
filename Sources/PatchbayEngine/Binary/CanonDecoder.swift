/// Canonical definitions (section 8) and their options.
extension ComponentDecoder {
    func readCanonOptions(_ r: inout ByteReader) throws(DecodeError) -> [CanonOption] {
        try readVector(&r, "canonical options") { (r: inout ByteReader) throws(DecodeError) -> CanonOption in
            let at = r.position
            switch try r.readByte() {
            case 0x00: return .utf8
            case 0x01: return .utf16
            case 0x02: return .latin1Utf16
            case 0x03: return .memory(try r.readU32())
            case 0x04: return .realloc(try r.readU32())
            case 0x05: return .postReturn(try r.readU32())
            case 0x06: return .async
            case 0x07: return .callback(try r.readU32())
            case 0x08: return .coreType(try r.readU32())
            case 0x09: return .gc
            case let b: throw DecodeError("invalid leading byte (0x\(String(b, radix: 16))) for canonical option", at: at)
            }
        }
    }

    func readFlag(_ r: inout ByteReader, _ what: String) throws(DecodeError) -> Bool {
        let at = r.position
        switch try r.readByte() {
        case 0x00: return false
        case 0x01: return true
        case let b: throw DecodeError("invalid leading byte (0x\(String(b, radix: 16))) for \(what)", at: at)
        }
    }

    func readCanon(_ r: inout ByteReader) throws(DecodeError) -> Canon {
        let start = r.position
        let op = try r.readByte()
        let kind: Canon.Kind
        switch op {
        case 0x00, 0x01:
            let sortAt = r.position
            let sort = try r.readByte()
            guard sort == 0x00 else {
                throw DecodeError("invalid leading byte (0x\(String(sort, radix: 16))) for canonical function \(op == 0 ? "lift" : "lower")", at: sortAt)
            }
            let f = try r.readU32()
            let opts = try readCanonOptions(&r)
            if op == 0x00 {
                kind = .lift(coreFunc: f, options: opts, type: try r.readU32())
            } else {
                kind = .lower(func_: f, options: opts)
            }
        case 0x02: kind = .resourceNew(try r.readU32())
        case 0x03: kind = .resourceDrop(try r.readU32())
        case 0x04: kind = .resourceRep(try r.readU32())
        case 0x24: kind = .backpressureInc
        case 0x25: kind = .backpressureDec
        case 0x09:
            let result = try readResultList(&r)
            kind = .taskReturn(result: result, options: try readCanonOptions(&r))
        case 0x05: kind = .taskCancel
        case 0x0a:
            let t = try readCoreValType(&r)
            kind = .contextGet(t, try r.readU32())
        case 0x0b:
            let t = try readCoreValType(&r)
            kind = .contextSet(t, try r.readU32())
        case 0x06: kind = .subtaskCancel(async: try readFlag(&r, "async"))
        case 0x0d: kind = .subtaskDrop
        case 0x0e: kind = .streamNew(try r.readU32())
        case 0x0f:
            let t = try r.readU32()
            kind = .streamRead(t, try readCanonOptions(&r))
        case 0x10:
            let t = try r.readU32()
            kind = .streamWrite(t, try readCanonOptions(&r))
        case 0x11:
            let t = try r.readU32()
            kind = .streamCancelRead(t, async: try readFlag(&r, "async"))
        case 0x12:
            let t = try r.readU32()
            kind = .streamCancelWrite(t, async: try readFlag(&r, "async"))
        case 0x13: kind = .streamDropReadable(try r.readU32())
        case 0x14: kind = .streamDropWritable(try r.readU32())
        case 0x15: kind = .futureNew(try r.readU32())
        case 0x16:
            let t = try r.readU32()
            kind = .futureRead(t, try readCanonOptions(&r))
        case 0x17:
            let t = try r.readU32()
            kind = .futureWrite(t, try readCanonOptions(&r))
        case 0x18:
            let t = try r.readU32()
            kind = .futureCancelRead(t, async: try readFlag(&r, "async"))
        case 0x19:
            let t = try r.readU32()
            kind = .futureCancelWrite(t, async: try readFlag(&r, "async"))
        case 0x1a: kind = .futureDropReadable(try r.readU32())
        case 0x1b: kind = .futureDropWritable(try r.readU32())
        case 0x1c: kind = .errorContextNew(try readCanonOptions(&r))
        case 0x1d: kind = .errorContextDebugMessage(try readCanonOptions(&r))
        case 0x1e: kind = .errorContextDrop
        case 0x1f: kind = .waitableSetNew
        case 0x20:
            let c = try readFlag(&r, "cancellable")
            kind = .waitableSetWait(cancellable: c, memory: try r.readU32())
        case 0x21:
            let c = try readFlag(&r, "cancellable")
            kind = .waitableSetPoll(cancellable: c, memory: try r.readU32())
        case 0x22: kind = .waitableSetDrop
        case 0x23: kind = .waitableJoin
        case 0x26: kind = .threadIndex
        case 0x27:
            let ft = try r.readU32()
            kind = .threadNewIndirect(funcType: ft, table: try r.readU32())
        case 0x28: kind = .threadResumeLater
        case 0x29: kind = .threadSuspend(cancellable: try readFlag(&r, "cancellable"))
        case 0x0c: kind = .threadYield(cancellable: try readFlag(&r, "cancellable"))
        case 0x2a: kind = .threadSuspendThenResume(cancellable: try readFlag(&r, "cancellable"))
        case 0x2b: kind = .threadYieldThenResume(cancellable: try readFlag(&r, "cancellable"))
        case 0x2c: kind = .threadSuspendThenPromote(cancellable: try readFlag(&r, "cancellable"))
        case 0x2d: kind = .threadYieldThenPromote(cancellable: try readFlag(&r, "cancellable"))
        case 0x40: kind = .threadSpawnRef(funcType: try r.readU32())
        case 0x41:
            let ft = try r.readU32()
            kind = .threadSpawnIndirect(funcType: ft, table: try r.readU32())
        case 0x42: kind = .threadAvailableParallelism
        default:
            throw DecodeError("invalid leading byte (0x\(String(op, radix: 16))) for canonical function", at: start)
        }
        return Canon(offset: start, kind)
    }
}
