/// The lookup table `dlopen`/`dlsym` read at run time to find the symbols
/// of dl-openable libraries (all of them already linked in: this is lookup
/// of resident code, not loading).
///
/// Layout, all little-endian u32 and names padded to 4 bytes:
/// each library's symbols as sorted `{name_len, name_ptr, address}` rows,
/// the libraries as sorted `{name_len, name_ptr, symbol_count, symbols_ptr}`
/// rows, and at `librariesAddress` the root `{library_count, libraries_ptr}`.
/// A function's address is its table slot; a global's is filled in by the
/// init module (its library's memory base plus the exported offset).
struct DlopenTable {
    let tableBase: UInt32
    let memoryBase: UInt32
    private(set) var buffer: [UInt8] = []
    /// (library, global export, memory address of its slot) for the init module.
    private(set) var globalAddresses: [(library: String, export: String, address: UInt32)] = []
    /// (library, function export) in table order from `tableBase`.
    private(set) var functions: [(library: String, export: String, type: CoreFuncType)] = []
    private(set) var librariesAddress: UInt32 = 0

    init(tableBase: UInt32, memoryBase: UInt32, libraries: [LinkLibrary]) {
        self.tableBase = tableBase
        self.memoryBase = memoryBase
        var libs: [(name: String, nameAddress: UInt32, count: Int, symbols: UInt32)] = []
        for lib in libraries where lib.dlOpenable {
            let libName = address()
            writePadded(Array(lib.name.utf8))
            // wit-component keeps exports sorted by name and type; sort the same way.
            let exports = lib.exports.sorted { ($0.name, $0.type.description) < ($1.name, $1.type.description) }
            var symbols: [(name: String, nameAddress: UInt32, function: UInt32?)] = []
            for e in exports {
                if case .tag = e.type { continue }
                let nameAddress = address()
                writePadded(Array(e.name.utf8))
                if case .function(let f) = e.type {
                    symbols.append((e.name, nameAddress, tableBase + UInt32(functions.count)))
                    functions.append((lib.name, e.name, f))
                } else {
                    symbols.append((e.name, nameAddress, nil))
                }
            }
            symbols.sort { Array($0.name.utf8).lexicographicallyPrecedes(Array($1.name.utf8)) }
            let start = address()
            for s in symbols {
                write(UInt32(s.name.utf8.count)); write(s.nameAddress)
                if let f = s.function { write(f) } else {
                    globalAddresses.append((lib.name, s.name, address()))
                    write(0)
                }
            }
            // The rows written (wit-component counts tags too, which
            // `dlsym` would then read past the last row).
            libs.append((lib.name, libName, symbols.count, start))
        }
        libs.sort { Array($0.name.utf8).lexicographicallyPrecedes(Array($1.name.utf8)) }
        let start = address()
        for l in libs {
            write(UInt32(l.name.utf8.count)); write(l.nameAddress); write(UInt32(l.count)); write(l.symbols)
        }
        librariesAddress = address()
        write(UInt32(libs.count))
        write(start)
    }

    var functionCount: UInt32 { UInt32(functions.count) }

    private func address() -> UInt32 { memoryBase + UInt32(buffer.count) }
    private mutating func write(_ v: UInt32) { buffer += [UInt8(v & 0xff), UInt8((v >> 8) & 0xff), UInt8((v >> 16) & 0xff), UInt8(v >> 24)] }
    private mutating func writePadded(_ bytes: [UInt8]) {
        buffer += bytes
        while buffer.count % 4 != 0 { buffer.append(0) }
    }
}
