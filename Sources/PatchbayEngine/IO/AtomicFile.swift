import Foundation

/// Writing outputs so that a crash or a full disk never leaves a half
/// written file: write a temporary file beside the target, then rename.
public enum AtomicFile {
    public struct Failure: Error, CustomStringConvertible {
        public var description: String
    }

    /// Writes `bytes` to `path`. An existing file is replaced only when
    /// `overwrite` is true, and never when it is one of `protectedInputs`.
    public static func write(_ bytes: [UInt8], to path: String, overwrite: Bool = true, protectedInputs: [String] = []) throws(Failure) {
        let target = URL(fileURLWithPath: path).standardizedFileURL
        for input in protectedInputs where URL(fileURLWithPath: input).standardizedFileURL.path == target.path {
            throw Failure(description: "refusing to overwrite the input file \(path); choose another output path")
        }
        let fm = FileManager.default
        if fm.fileExists(atPath: target.path) && !overwrite {
            throw Failure(description: "\(path) exists; pass --force to replace it")
        }
        let dir = target.deletingLastPathComponent()
        let tmp = dir.appendingPathComponent(".\(target.lastPathComponent).tmp-\(ProcessInfo.processInfo.processIdentifier)")
        do {
            try Data(bytes).write(to: tmp)
        } catch {
            try? fm.removeItem(at: tmp)
            throw Failure(description: "cannot write \(path): \(error.localizedDescription)")
        }
        // rename(2) replaces an existing target atomically. (Foundation's
        // replaceItemAt on Linux failed here and left the old file deleted.)
        if rename(tmp.path, target.path) != 0 {
            let reason = String(cString: strerror(errno))
            try? fm.removeItem(at: tmp)
            throw Failure(description: "cannot write \(path): \(reason)")
        }
    }
}
