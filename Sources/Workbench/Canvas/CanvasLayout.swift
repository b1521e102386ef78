import PatchbayEngine
import TerminalCore

/// Where everything on the canvas goes, in canvas coordinates (the screen
/// is a scrolled window onto them).
///
/// Boxes are laid out as a layered graph: a box's layer is the length of
/// the longest chain of wires feeding it, so providers stand left of their
/// consumers and wires run left to right. Boxes moved by hand keep their
/// place. Each wire gets its own vertical lane in the gap before its target
/// so wires into one box do not run on top of each other.
struct CanvasLayout {
    typealias NodeID = CompositionGraph.NodeID
    typealias Port = CanvasModel.Port

    struct Box {
        var node: NodeID
        var title: String
        var rect: Rect
        var imports: [String]
        var exports: [String]
        var folded: Bool
        var layer: Int

        /// The row of a port (a folded box shows all on its middle row).
        func row(of port: Port) -> Int {
            if folded { return port == .header ? rect.y : rect.y + 1 }
            switch port {
            case .header: return rect.y
            case .import(let n): return rect.y + 1 + (imports.firstIndex(of: n) ?? 0)
            case .export(let n): return rect.y + 1 + imports.count + (exports.firstIndex(of: n) ?? 0)
            }
        }

        /// Ports in the order the selection walks them.
        var ports: [Port] {
            [.header] + (folded ? [] : imports.map(Port.import) + exports.map(Port.export))
        }

        /// The port drawn at a canvas cell, for the mouse.
        func port(atX x: Int, y: Int) -> Port? {
            guard rect.contains(x: x, y: y) else { return nil }
            if y == rect.y || folded { return .header }
            let i = y - rect.y - 1
            if i < imports.count { return .import(imports[i]) }
            if i - imports.count < exports.count { return .export(exports[i - imports.count]) }
            return .header
        }
    }

    struct Wire {
        /// The cell right of the source port and the cell left of the target port.
        var from: Position
        var to: Position
        /// Column of the vertical part.
        var lane: Int
    }

    struct EdgeLabel {
        var text: String
        var x: Int
        var y: Int
    }

    var boxes: [Box] = []
    var wires: [Wire] = []
    /// The composite's own imports (left edge) and exports (right edge).
    var importLabels: [EdgeLabel] = []
    var exportLabels: [EdgeLabel] = []
    /// Why the composite cannot be planned (a cycle, conflicting imports).
    var planError: String?
    var width = 0
    var height = 0

    static let layerGap = 12
    static let maxBoxWidth = 44

    func box(_ id: NodeID) -> Box? { boxes.first { $0.node == id } }

    /// The box and port a node's value comes from: an alias stands for its
    /// source's export, an instance or import node for its whole box.
    static func source(of id: NodeID, in g: CompositionGraph) -> (NodeID, Port)? {
        var cur = id
        var port = Port.header
        for _ in 0...g.nodes.count {
            guard let n = try? g.node(cur) else { return nil }
            switch n.kind {
            case .alias(let s, let e):
                // An export of an export is drawn at the box's own export.
                port = .export(e)
                cur = s
            case .instantiation, .import:
                return (cur, port)
            }
        }
        return nil
    }

    /// The nodes drawn as boxes: instances and explicit imports.
    static func boxNodes(_ g: CompositionGraph) -> [NodeID] {
        g.liveNodes.filter { id in
            guard let n = try? g.node(id) else { return false }
            if case .alias = n.kind { return false }
            return true
        }
    }

    init(graph g: CompositionGraph, positions: [Int: Position], folded: Set<Int>) {
        let ids = Self.boxNodes(g)
        // Layers by longest chain of wires into each box.
        var deps: [NodeID: [NodeID]] = [:]
        for id in ids {
            guard let n = try? g.node(id) else { continue }
            deps[id] = n.arguments.values.compactMap { Self.source(of: $0, in: g)?.0 }.filter { $0 != id }
        }
        var layer: [NodeID: Int] = [:]
        func depth(_ id: NodeID, _ seen: Set<NodeID>) -> Int {
            if let l = layer[id] { return l }
            // A cycle (only possible from a hand-written session) is cut where it closes.
            if seen.contains(id) { return 0 }
            let d = (deps[id] ?? []).map { depth($0, seen.union([id])) + 1 }.max() ?? 0
            layer[id] = d
            return d
        }
        for id in ids { _ = depth(id, []) }

        var plan: CompositePlan?
        do { plan = try CompositePlan(g) } catch { planError = error.description }

        // Boxes, sized to their longest line.
        var raw: [Box] = []
        for id in ids {
            guard let n = try? g.node(id) else { continue }
            var imports: [String] = [], exports: [String] = []
            var title = g.displayName(id)
            switch n.kind {
            case .instantiation(let p):
                imports = g.packages[p].type.imports.map(\.name.name)
                exports = g.packages[p].type.exports.map(\.name.name)
            case .import(let name, _):
                title = "import " + name
            case .alias: continue
            }
            let f = folded.contains(id.raw)
            let longest = ([title.displayWidth + 4] + imports.map { $0.displayWidth + 4 } + exports.map { $0.displayWidth + 4 }).max() ?? 8
            let w = min(Self.maxBoxWidth, max(12, longest))
            let h = f ? 3 : max(3, 2 + imports.count + exports.count)
            raw.append(Box(node: id, title: title, rect: Rect(x: 0, y: 0, width: w, height: h),
                           imports: imports, exports: exports, folded: f, layer: layer[id] ?? 0))
        }

        // Composite imports need room at the left edge.
        let implicit = plan?.implicitImports ?? []
        let leftWidth = implicit.isEmpty ? 2 : (implicit.map { $0.name.displayWidth }.max() ?? 0) + 6
        let layers = (raw.map(\.layer).max() ?? -1) + 1
        var layerX: [Int] = []
        var x = leftWidth
        for l in 0..<layers {
            layerX.append(x)
            x += (raw.filter { $0.layer == l }.map(\.rect.width).max() ?? 0) + Self.layerGap
        }
        var nextY = Array(repeating: 1, count: layers)
        for i in raw.indices {
            let l = raw[i].layer
            if let p = positions[raw[i].node.raw] {
                raw[i].rect.x = max(0, p.x); raw[i].rect.y = max(0, p.y)
            } else {
                raw[i].rect.x = layerX[l]; raw[i].rect.y = nextY[l]
                nextY[l] += raw[i].rect.height + 1
            }
        }
        boxes = raw

        // Wires between boxes, then from the left edge.
        var targets: [(to: (NodeID, Int), from: Position)] = []
        for b in boxes {
            guard let n = try? g.node(b.node) else { continue }
            for name in b.imports {
                guard let src = n.arguments[name], let (sid, sport) = Self.source(of: src, in: g), let sb = box(sid) else { continue }
                targets.append(((b.node, b.row(of: .import(name))), Position(x: sb.rect.maxX, y: sb.row(of: sport))))
            }
        }
        var taken = Set<Int>()
        for imp in implicit {
            guard let first = imp.users.first, let tb = box(first.node) else { continue }
            var y = tb.row(of: .import(first.importName))
            while taken.contains(y) { y += 1 }
            taken.insert(y)
            importLabels.append(EdgeLabel(text: imp.name + " ○", x: 0, y: y))
            let from = Position(x: imp.name.displayWidth + 2, y: y)
            for u in imp.users {
                if let ub = box(u.node) { targets.append(((u.node, ub.row(of: .import(u.importName))), from)) }
            }
        }
        // Lanes: wires into one box take successive columns before it.
        var laneCount: [NodeID: Int] = [:]
        for t in targets.sorted(by: { ($0.to.0, $0.to.1) < ($1.to.0, $1.to.1) }) {
            guard let tb = box(t.to.0) else { continue }
            let k = laneCount[tb.node, default: 0]
            laneCount[tb.node] = k + 1
            let lane = max(t.from.x, tb.rect.x - 3 - (k % (Self.layerGap - 4)))
            wires.append(Wire(from: t.from, to: Position(x: tb.rect.x - 1, y: t.to.1), lane: lane))
        }

        // Exports at the right edge, each beside its source row.
        let right = (boxes.map(\.rect.maxX).max() ?? leftWidth) + 6
        var takenRight = Set<Int>()
        var k = 0
        for e in g.exports {
            guard let (sid, sport) = Self.source(of: e.node, in: g), let sb = box(sid) else { continue }
            var y = sb.row(of: sport)
            while takenRight.contains(y) { y += 1 }
            takenRight.insert(y)
            exportLabels.append(EdgeLabel(text: e.name, x: right, y: y))
            wires.append(Wire(from: Position(x: sb.rect.maxX, y: sb.row(of: sport)), to: Position(x: right - 1, y: y),
                              lane: right - 2 - (k % 4)))
            k += 1
        }

        width = max(right + (exportLabels.map { $0.text.displayWidth }.max() ?? 0), boxes.map(\.rect.maxX).max() ?? 0) + 2
        height = max(boxes.map(\.rect.maxY).max() ?? 0, (importLabels + exportLabels).map { $0.y + 1 }.max() ?? 0) + 1
    }

    /// Boxes in the order Tab walks them: by layer, then top to bottom.
    var walkOrder: [Box] {
        boxes.sorted { ($0.rect.x, $0.rect.y, $0.node) < ($1.rect.x, $1.rect.y, $1.node) }
    }
}

/// Wires drawn on a grid of connection masks, so crossings and joins pick
/// the right box-drawing character.
struct WireGrid {
    static let left: UInt8 = 1, right: UInt8 = 2, up: UInt8 = 4, down: UInt8 = 8
    var cells: [Position: UInt8] = [:]
    var heads = Set<Position>()

    mutating func add(_ w: CanvasLayout.Wire) {
        let a = w.from, b = w.to
        let lane = min(max(w.lane, min(a.x, b.x)), max(a.x, b.x))
        horizontal(a.y, from: a.x, to: lane, openStart: true, openEnd: false)
        vertical(lane, from: a.y, to: b.y)
        horizontal(b.y, from: lane, to: b.x, openStart: false, openEnd: true)
        heads.insert(b)
    }

    mutating func mark(_ p: Position, _ bits: UInt8) { cells[p, default: 0] |= bits }

    mutating func horizontal(_ y: Int, from x0: Int, to x1: Int, openStart: Bool, openEnd: Bool) {
        let lo = min(x0, x1), hi = max(x0, x1)
        if lo == hi {
            if openStart { mark(Position(x: lo, y: y), x0 <= x1 ? Self.left : Self.right) }
            if openEnd { mark(Position(x: lo, y: y), Self.right) }
            return
        }
        for x in lo...hi {
            var bits: UInt8 = 0
            if x > lo { bits |= Self.left }
            if x < hi { bits |= Self.right }
            mark(Position(x: x, y: y), bits)
        }
        if openStart { mark(Position(x: x0, y: y), x0 <= x1 ? Self.left : Self.right) }
        if openEnd { mark(Position(x: x1, y: y), Self.right) }
    }

    mutating func vertical(_ x: Int, from y0: Int, to y1: Int) {
        let lo = min(y0, y1), hi = max(y0, y1)
        guard lo < hi else { return }
        for y in lo...hi {
            var bits: UInt8 = 0
            if y > lo { bits |= Self.up }
            if y < hi { bits |= Self.down }
            mark(Position(x: x, y: y), bits)
        }
    }

    static func symbol(_ m: UInt8) -> String {
        switch m {
        case left | right, left, right: "─"
        case up | down, up, down: "│"
        case right | down: "┌"
        case left | down: "┐"
        case right | up: "└"
        case left | up: "┘"
        case left | right | down: "┬"
        case left | right | up: "┴"
        case up | down | right: "├"
        case up | down | left: "┤"
        default: "┼"
        }
    }
}
