/// A drawing before Graphviz: what every view produces and what `Scene.dot()` writes out.
///
/// Views decide *what* to draw (which nodes, which edges, which clusters); the scene decides
/// only *how it is spelled* in DOT. Keeping the spelling in one place is what makes the output
/// deterministic for every view: nodes, edges, clusters and attributes are all written sorted,
/// whatever order the view added them in.
struct Scene: Sendable {
    /// An attribute value, already in the syntax its attribute needs.
    enum Value: Sendable, Hashable {
        /// Plain text, escaped on output (labels, tooltips, URLs).
        case text(String)
        /// Lines of text joined by DOT's centred line break.
        case lines([String])
        /// An HTML-like label, written between `<` and `>` as is.
        case html(String)
        /// A number or keyword, quoted but not escaped.
        case raw(String)

        var dot: String {
            switch self {
            case .text(let s): "\"" + escape(s) + "\""
            case .lines(let ls): "\"" + ls.map(escape).joined(separator: "\\n") + "\""
            case .html(let s): "<" + s + ">"
            case .raw(let s): "\"" + s + "\""
            }
        }
    }

    typealias Attributes = [String: Value]

    struct Node: Sendable {
        var id: String
        var attributes: Attributes
        /// The cluster the node is drawn in; nil for the top level.
        var cluster: String?
    }

    struct Edge: Sendable {
        var from: String
        var to: String
        var attributes: Attributes
    }

    struct Cluster: Sendable {
        /// Unique among the scene's clusters; written as `cluster_<id>` so Graphviz treats it as one.
        var id: String
        var attributes: Attributes
        /// The enclosing cluster, for nesting; nil at top level.
        var parent: String?
    }

    var graphAttributes: Attributes = [:]
    var nodeDefaults: Attributes = [:]
    var edgeDefaults: Attributes = [:]
    var nodes: [Node] = []
    var edges: [Edge] = []
    var clusters: [Cluster] = []
    /// Groups of node ids that `dot` puts on one rank (the timeline's date columns).
    var sameRank: [[String]] = []

    func dot(name: String = "kgraph") -> String {
        var out = "digraph \(quoteID(name)) {\n"
        out += "  graph [\(Self.list(graphAttributes))];\n"
        if !nodeDefaults.isEmpty { out += "  node [\(Self.list(nodeDefaults))];\n" }
        if !edgeDefaults.isEmpty { out += "  edge [\(Self.list(edgeDefaults))];\n" }

        let byCluster = Dictionary(grouping: nodes, by: \.cluster)
        let children = Dictionary(grouping: clusters, by: \.parent)
        func writeNodes(_ nodes: [Node], indent: String) {
            for node in nodes.sorted(by: { $0.id < $1.id }) {
                out += "\(indent)\(quoteID(node.id)) [\(Self.list(node.attributes))];\n"
            }
        }
        func writeClusters(parent: String?, indent: String) {
            for cluster in (children[parent] ?? []).sorted(by: { $0.id < $1.id }) {
                out += "\(indent)subgraph \(quoteID("cluster_" + cluster.id)) {\n"
                out += "\(indent)  graph [\(Self.list(cluster.attributes))];\n"
                writeClusters(parent: cluster.id, indent: indent + "  ")
                writeNodes(byCluster[cluster.id] ?? [], indent: indent + "  ")
                out += "\(indent)}\n"
            }
        }
        writeClusters(parent: nil, indent: "  ")
        writeNodes(byCluster[nil] ?? [], indent: "  ")

        for group in sameRank.map({ $0.sorted() }).sorted(by: { $0.lexicographicallyPrecedes($1) }) {
            out += "  { rank=same; " + group.map { quoteID($0) + ";" }.joined(separator: " ") + " }\n"
        }
        // The attribute text is part of the sort key so that parallel edges come out in the same
        // order whatever order the view produced them in.
        let edgeLines = edges.map { e -> (key: [String], line: String) in
            let attrs = Self.list(e.attributes)
            return ([e.from, e.to, attrs], "  \(quoteID(e.from)) -> \(quoteID(e.to)) [\(attrs)];\n")
        }.sorted { $0.key.lexicographicallyPrecedes($1.key) }
        for e in edgeLines { out += e.line }
        out += "}\n"
        return out
    }

    /// Attributes as DOT writes them, sorted by name: also a deterministic sort key.
    static func list(_ attributes: Attributes) -> String {
        attributes.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value.dot)" }.joined(separator: ", ")
    }
}

/// Escapes text for a quoted DOT escString attribute (label, tooltip, id), without the quotes.
///
/// Graphviz reads `\\` as a backslash and `\"` as a quote; a bare backslash would start an
/// escape such as `\N` (node name) or `\l`. `&` is written as `&amp;` because Graphviz
/// decodes HTML entities in labels: a name like "AT&amp;T" must not turn into "AT&T".
/// Newlines become spaces; callers insert line breaks themselves.
func escape(_ text: String) -> String {
    var out = ""
    out.reserveCapacity(text.utf8.count)
    for ch in text.unicodeScalars {
        switch ch {
        case "\\": out += "\\\\"
        case "\"": out += "\\\""
        case "&": out += "&amp;"
        case "\n", "\r", "\u{2028}", "\u{2029}": out += " "
        case "\0": break  // C strings end at NUL; dropping it beats silently truncating.
        default: out.unicodeScalars.append(ch)
        }
    }
    return out
}

/// Escapes text for an HTML-like label: the XML specials, nothing else.
func htmlEscape(_ text: String) -> String {
    var out = ""
    for ch in text.unicodeScalars {
        switch ch {
        case "&": out += "&amp;"
        case "<": out += "&lt;"
        case ">": out += "&gt;"
        case "\"": out += "&quot;"
        case "\0": break
        default: out.unicodeScalars.append(ch)
        }
    }
    return out
}

/// Quotes a node id. Unlike labels, ids are not escStrings: the DOT lexer reads `\"` as a
/// quote, backslash-newline as nothing, and keeps every other backslash, taking backslashes
/// in pairs from the left. So an id is written verbatim except for quotes, and a run of
/// backslashes is exact unless it has odd length and is followed by a quote, a newline or the
/// end of the id: that cannot be written, so one backslash is added, which changes such a
/// (pathological) id consistently for nodes and edges alike.
func quoteID(_ id: String) -> String {
    var out = "\""
    var run = 0  // backslashes seen since the last other character
    for ch in id.unicodeScalars where ch != "\0" {
        if ch == "\\" {
            run += 1
            out += "\\"
            continue
        }
        if run % 2 == 1 && (ch == "\"" || ch == "\n") { out += "\\" }
        run = 0
        out += ch == "\"" ? "\\\"" : String(ch)
    }
    if run % 2 == 1 { out += "\\" }
    return out + "\""
}
