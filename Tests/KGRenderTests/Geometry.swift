import Foundation

/// Reads a laid-out graph (Graphviz's `json` output) and reports what makes a picture hard to
/// read: nodes that overlap, an edge label on a node or on another label, anything outside the
/// canvas or on the legend. The quality bar of the pictures, checked by machine.
struct Geometry {
    struct Box: CustomStringConvertible {
        var x0, y0, x1, y1: Double
        let what: String
        func overlaps(_ o: Box, tolerance: Double = 0.5) -> Bool {
            x0 + tolerance < o.x1 && o.x0 + tolerance < x1 && y0 + tolerance < o.y1 && o.y0 + tolerance < y1
        }
        func inside(_ o: Box, tolerance: Double = 0.5) -> Bool {
            x0 >= o.x0 - tolerance && x1 <= o.x1 + tolerance && y0 >= o.y0 - tolerance && y1 <= o.y1 + tolerance
        }
        var description: String { "\(what) [\(Int(x0)),\(Int(y0))–\(Int(x1)),\(Int(y1))]" }
    }

    var canvas: Box
    var legend: Box?
    var nodes: [Box] = []
    /// One box per line of each edge label, grouped by edge.
    var edgeLabels: [[Box]] = []
    /// How many edges have no label at all (invisible layout edges excluded).
    var unlabelledEdges: [String] = []

    init(json bytes: [UInt8]) throws {
        let root = try JSONSerialization.jsonObject(with: Data(bytes)) as! [String: Any]
        canvas = Self.box(bb: root["bb"] as! String, what: "canvas")
        if let lp = root["lp"] as? String, let w = (root["lwidth"] as? String).flatMap(Double.init),
           let h = (root["lheight"] as? String).flatMap(Double.init) {
            let p = lp.split(separator: ",").compactMap { Double($0) }
            legend = Box(x0: p[0] - w * 36, y0: p[1] - h * 36, x1: p[0] + w * 36, y1: p[1] + h * 36, what: "legend")
        }
        let objects = root["objects"] as? [[String: Any]] ?? []
        var names: [Int: String] = [:]
        for o in objects {
            guard let gvid = o["_gvid"] as? Int, let name = o["name"] as? String else { continue }
            names[gvid] = name
            guard let pos = o["pos"] as? String, (o["style"] as? String)?.contains("invis") != true,
                  let w = (o["width"] as? String).flatMap(Double.init), let h = (o["height"] as? String).flatMap(Double.init)
            else { continue }
            let p = pos.split(separator: ",").compactMap { Double($0) }
            nodes.append(Box(x0: p[0] - w * 36, y0: p[1] - h * 36, x1: p[0] + w * 36, y1: p[1] + h * 36, what: "node \(name)"))
        }
        for e in root["edges"] as? [[String: Any]] ?? [] {
            if (e["style"] as? String)?.contains("invis") == true { continue }
            let name = "\(names[e["tail"] as? Int ?? -1] ?? "?")->\(names[e["head"] as? Int ?? -1] ?? "?")"
            var lines: [Box] = []
            var size = 9.0
            for op in e["_ldraw_"] as? [[String: Any]] ?? [] {
                if op["op"] as? String == "F", let s = op["size"] as? Double { size = s }
                guard op["op"] as? String == "T", let pt = op["pt"] as? [Double], let w = op["width"] as? Double else { continue }
                let x0: Double = switch op["align"] as? String { case "l": pt[0]; case "r": pt[0] - w; default: pt[0] - w / 2 }
                lines.append(Box(x0: x0, y0: pt[1] - 0.2 * size, x1: x0 + w, y1: pt[1] + 0.75 * size,
                                 what: "label '\(op["text"] as? String ?? "")' of \(name)"))
            }
            if lines.isEmpty { unlabelledEdges.append(name) } else { edgeLabels.append(lines) }
        }
    }

    static func box(bb: String, what: String) -> Box {
        let v = bb.split(separator: ",").compactMap { Double($0) }
        return Box(x0: v[0], y0: v[1], x1: v[2], y1: v[3], what: what)
    }

    /// Everything wrong with the picture, one line each; empty when it is clean.
    func problems() -> [String] {
        var out: [String] = []
        let labels = edgeLabels.flatMap { $0 }
        for b in nodes + labels where !b.inside(canvas) { out.append("\(b) is outside the \(canvas)") }
        if let legend {
            for b in nodes + labels where b.overlaps(legend) { out.append("\(b) lies on the \(legend)") }
        }
        for i in nodes.indices {
            for j in nodes.indices where j > i && nodes[i].overlaps(nodes[j]) {
                out.append("\(nodes[i]) overlaps \(nodes[j])")
            }
            for l in labels where l.overlaps(nodes[i]) { out.append("\(l) overlaps \(nodes[i])") }
        }
        for i in edgeLabels.indices {
            for j in edgeLabels.indices where j > i {
                for a in edgeLabels[i] { for b in edgeLabels[j] where a.overlaps(b) { out.append("\(a) overlaps \(b)") } }
            }
        }
        return out
    }
}
