#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Writing outputs so that a crash or a full disk never leaves a half
/// written file: write a temporary file beside the target, then rename.
public enum AtomicFile {
    public struct Failure: Error, CustomStringConvertible {
        public var description: String
    }

    /// Writes `bytes` to `path`. An existing file is replaced only when
    /// `overwrite` is true, and never when it is one of `protectedInputs`.
    public static func write(_ bytes: [UInt8], to path: String, overwrite: Bool = true, protectedInputs: [String] = []) throws(Failure) {
        try write(pieces: [bytes[...]], to: path, overwrite: overwrite, protectedInputs: protectedInputs)
    }

    /// Writes the concatenation of `pieces` (see `write(_:to:)`), each
    /// straight from its storage: no buffer holds the whole output.
    public static func write(pieces: [ArraySlice<UInt8>], to path: String, overwrite: Bool = true, protectedInputs: [String] = []) throws(Failure) {
        // Compared as absolute paths without `.`/`..` (what URL's
        // standardizedFileURL gives, without building URLs: this runs on
        // every output and URL parsing was a visible part of a small link).
        let target = PathNames.absolute(path)
        for input in protectedInputs where PathNames.absolute(input) == target {
            throw Failure(description: "refusing to overwrite the input file \(path); choose another output path")
        }
        let fm = FileManager.default
        if fm.fileExists(atPath: target) && !overwrite {
            throw Failure(description: "\(path) exists; pass --force to replace it")
        }
        let tmp = PathNames.appending(PathNames.deletingLast(target), ".\(PathNames.last(target)).tmp-\(getpid())")
        // Written from the arrays themselves: a `Data` copy would hold the
        // output twice at the peak.
        if let problem = writeAll(pieces, to: tmp) {
            try? fm.removeItem(atPath: tmp)
            throw Failure(description: "cannot write \(path): \(problem)")
        }
        // rename(2) replaces an existing target atomically. (Foundation's
        // replaceItemAt on Linux failed here and left the old file deleted.)
        if rename(tmp, target) != 0 {
            let reason = String(cString: strerror(errno))
            try? fm.removeItem(atPath: tmp)
            throw Failure(description: "cannot write \(path): \(reason)")
        }
    }

    /// Creates `path` (mode 0644 before the umask) and writes every byte
    /// of every piece; the reason on failure.
    static func writeAll(_ pieces: [ArraySlice<UInt8>], to path: String) -> String? {
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        guard fd >= 0 else { return String(cString: strerror(errno)) }
        var problem: String?
        for piece in pieces where problem == nil {
            piece.withUnsafeBytes { buffer in
                var done = 0
                while done < buffer.count, let base = buffer.baseAddress {
                    let n = SystemCalls.write(fd, base + done, buffer.count - done)
                    if n < 0 && errno == EINTR { continue }
                    if n <= 0 { problem = String(cString: strerror(errno)); return }
                    done += n
                }
            }
        }
        if close(fd) != 0 && problem == nil { problem = String(cString: strerror(errno)) }
        return problem
    }
}
