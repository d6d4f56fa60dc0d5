import KGModel

/// Turns a `Graph` into Graphviz DOT source. Pure Swift: it never touches libgvc, so it can
/// be tested and used (e.g. `kgraph render -o graph.dot`) without Graphviz.
///
/// - Every entity becomes one node whose DOT id is the entity id and whose label is its name.
/// - `hasDate` relations do not become nodes or edges: the date is an extra label line of the
///   subject (normally an event), since a node per date would clutter the picture.
/// - Relations whose subject or object is not an entity of the graph are skipped: DOT would
///   otherwise invent bare nodes for them.
/// - Output is deterministic: entities are sorted by id, relations by subject, predicate and
///   object, and attribute dictionaries by key.
public struct DOTBuilder: Sendable {
    /// Labels are wrapped at word boundaries to about this many characters per line.
    public var wrapWidth: Int
    /// Whether to draw the legend cluster.
    public var includeLegend: Bool

    public init(wrapWidth: Int = 20, includeLegend: Bool = true) {
        self.wrapWidth = wrapWidth
        self.includeLegend = includeLegend
    }

    /// Prefix of every legend node id. It is lengthened with underscores until no entity id
    /// starts with it, so legend nodes can never collide with entities and a reader of the
    /// rendered output (or a test) can tell them apart by prefix.
    public func legendPrefix(for graph: Graph) -> String {
        var prefix = "legend_"
        while graph.entities.contains(where: { $0.id.hasPrefix(prefix) }) {
            prefix += "_"
        }
        return prefix
    }

    /// The DOT ids of the legend's nodes (empty without a legend).
    public func legendNodeIDs(for graph: Graph) -> [String] {
        guard includeLegend else { return [] }
        let prefix = legendPrefix(for: graph)
        return EntityType.allCases.map { prefix + $0.rawValue }
    }

    /// The DOT source for `graph`. `layout` is the engine it will be laid out with (default:
    /// `Layout.suggested(for:)`); it only tunes edge routing, so any engine can read the result.
    public func build(_ graph: Graph, for layout: Layout? = nil) -> String {
        let layout = layout ?? .suggested(for: graph)
        // Obstacle-avoiding splines are cheap in `dot`, but in the force-directed engines their
        // cost grows about cubically (measured with sfdp: 0.8 s at 60 nodes, 7 s at 150), so
        // large graphs get straight edges there. Not `curved`: Graphviz 2.42 enumerates every
        // cycle of the graph for it and hung for minutes on a 150-node, 374-edge graph.
        let splines = layout == .dot || graph.entities.count <= Layout.dotNodeLimit ? "true" : "false"
        var out = "digraph \"kgraph\" {\n"
        // `prism` removes node overlap in the force-directed engines without the blow-up of
        // `scale` (`dot` ignores it); edges are drawn first so nodes stay legible on top.
        out += "  graph [fontname=\"\(Style.fontName)\", fontsize=12, overlap=prism, splines=\(splines), "
            + "outputorder=edgesfirst, pad=0.3, nodesep=0.35, ranksep=0.6, charset=\"UTF-8\", bgcolor=\"white\"];\n"
        out += "  node [fontname=\"\(Style.fontName)\", fontsize=11, margin=\"0.12,0.06\", penwidth=1.2];\n"
        out += "  edge [fontname=\"\(Style.fontName)\", fontsize=9, arrowsize=0.7];\n"

        if includeLegend { out += legend(prefix: legendPrefix(for: graph)) }

        let entities = graph.entities.sorted { $0.id < $1.id }
        let known = Set(entities.map(\.id))
        var dates: [String: [DateLiteral]] = [:]
        for r in graph.relations where r.predicate == .hasDate {
            if case .date(let d) = r.object { dates[r.subject, default: []].append(d) }
        }

        for e in entities {
            var lines = wrap(e.name)
            if let ds = dates[e.id] {
                // Several dates for one event are rare but possible (conflicting reports).
                lines.append(Set(ds).sorted().map(\.iso).joined(separator: ", "))
            }
            let s = Style.node(e.type)
            var attrs = [
                ("label", label(lines)),
                ("shape", s.shape), ("style", s.style),
                ("fillcolor", s.fillColor), ("color", s.borderColor),
            ]
            if !e.aliases.isEmpty {
                attrs.append(("tooltip", escape("\(e.type.rawValue): " + e.aliases.joined(separator: "; "))))
            } else {
                attrs.append(("tooltip", escape(e.type.rawValue)))
            }
            out += "  \(quoteID(e.id)) [\(attributeList(attrs))];\n"
        }

        let names = Dictionary(entities.map { ($0.id, $0.name) }, uniquingKeysWith: { a, _ in a })
        let edges = graph.relations.compactMap { r -> (key: [String], line: String)? in
            guard let object = r.object.entityID,
                  known.contains(r.subject), known.contains(object) else { return nil }
            let attrs = attributeList(edgeAttributes(r, names: names))
            // The attribute text is part of the sort key so that repeated relations with
            // different attributes come out in the same order whatever the input order.
            return ([r.subject, r.predicate.rawValue, object, attrs],
                    "  \(quoteID(r.subject)) -> \(quoteID(object)) [\(attrs)];\n")
        }.sorted { $0.key.lexicographicallyPrecedes($1.key) }
        for edge in edges { out += edge.line }
        out += "}\n"
        return out
    }

    private func edgeAttributes(_ r: Relation, names: [String: String]) -> [(String, String)] {
        var lines = [r.predicate.rawValue]
        if !r.attributes.isEmpty {
            lines.append(r.attributes.sorted { $0.key < $1.key }.map { "\($0.key): \($0.value)" }
                .joined(separator: ", "))
        }
        // Say who claims or contests it, so a dashed or red edge explains itself.
        if !r.attributedTo.isEmpty {
            lines.append("per " + r.attributedTo.map { names[$0] ?? $0 }.joined(separator: ", "))
        }
        if !r.disputedBy.isEmpty {
            lines.append("disputed by " + r.disputedBy.map { names[$0] ?? $0 }.joined(separator: ", "))
        }
        let s = Style.edge(EdgeKind(r))
        var attrs = [("label", label(lines)), ("style", s.style), ("color", s.color), ("fontcolor", s.fontColor)]
        if let quote = r.evidence.lazy.compactMap(\.text).first {
            // Hovering an edge in the SVG shows the sentence it was read from.
            attrs.append(("tooltip", escape(quote)))
        }
        return attrs
    }

    /// One sample node per entity type, chained by three sample edges (one per `EdgeKind`,
    /// labelled `asserted`, `attributed`, `disputed`) and invisible edges. The chain keeps the
    /// legend one connected component, so the force-directed engines (which ignore clusters)
    /// pack it as a unit instead of scattering it among the entities.
    private func legend(prefix: String) -> String {
        var out = "  subgraph \"cluster_legend\" {\n"
        out += "    label=\"Legend\"; fontsize=13; style=\"rounded\"; color=\"#999999\"; margin=10;\n"
        for type in EntityType.allCases {
            let s = Style.node(type)
            let attrs = [
                ("label", escape(type.rawValue)), ("shape", s.shape), ("style", s.style),
                ("fillcolor", s.fillColor), ("color", s.borderColor),
                ("id", escape(prefix + "node_" + type.rawValue)),
            ]
            out += "    \(quoteID(prefix + type.rawValue)) [\(attributeList(attrs))];\n"
        }
        let types = EntityType.allCases
        for i in 0..<(types.count - 1) {
            let from = quoteID(prefix + types[i].rawValue), to = quoteID(prefix + types[i + 1].rawValue)
            var attrs: [(String, String)]
            if i < EdgeKind.allCases.count {
                let kind = EdgeKind.allCases[i], s = Style.edge(kind)
                attrs = [("label", kind.rawValue), ("style", s.style), ("color", s.color),
                         ("fontcolor", s.fontColor)]
            } else {
                attrs = [("style", "invis")]
            }
            attrs.append(("id", escape(prefix + "edge_\(i)")))
            out += "    \(from) -> \(to) [\(attributeList(attrs))];\n"
        }
        out += "  }\n"
        return out
    }

    /// Splits a name into lines of at most `wrapWidth` characters at spaces; a longer word
    /// keeps its own line rather than being cut.
    func wrap(_ text: String) -> [String] {
        let words = text.split(whereSeparator: { $0.isWhitespace || $0.isNewline })
        var lines: [String] = []
        var current = ""
        for word in words {
            if current.isEmpty {
                current = String(word)
            } else if current.count + 1 + word.count <= wrapWidth {
                current += " " + word
            } else {
                lines.append(current)
                current = String(word)
            }
        }
        if !current.isEmpty || lines.isEmpty { lines.append(current) }
        return lines
    }

    private func label(_ lines: [String]) -> String {
        // `\n` is DOT's centred line break inside an escString.
        lines.map(escape).joined(separator: "\\n")
    }

    private func attributeList(_ attrs: [(String, String)]) -> String {
        attrs.map { "\($0.0)=\"\($0.1)\"" }.joined(separator: ", ")
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
