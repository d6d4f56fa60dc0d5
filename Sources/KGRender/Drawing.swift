import KGModel

/// What the views share: how an entity becomes a node, how a relation's label and style are
/// made, and the graph-wide attributes. Each view decides which nodes and edges exist.
struct Drawing: Sendable {
    let wrapWidth: Int
    let provenance: Provenance
    /// Starts the ids of nodes that are not entities (edge labels, timeline dates), chosen so
    /// that no entity id starts with it.
    let prefix: String

    init(shown: Graph, everything: Graph, wrapWidth: Int, linkBase: String?) {
        self.wrapWidth = wrapWidth
        provenance = Provenance(shown: shown, everything: everything, linkBase: linkBase)
        prefix = reservedPrefix(for: shown)
    }

    // MARK: Nodes

    /// A node for an entity: shape and colour by type, size by how often it is named, and
    /// `extra` lines under the name (an official's role, an event's date).
    func node(_ e: Entity, extra: [String] = [], tooltip: [String] = [], cluster: String? = nil) -> Scene.Node {
        let s = Style.node(e.type)
        var attributes: Scene.Attributes = [
            "label": .lines(wrap(e.name, width: wrapWidth) + extra.flatMap { wrap($0, width: wrapWidth + 4) }),
            "shape": .raw(s.shape), "style": .raw(s.style),
            "fillcolor": .raw(s.fillColor), "color": .raw(s.borderColor),
            "fontsize": .raw(dotNumber(Style.fontSize(mentions: e.mentions.count))),
            "tooltip": .lines(provenance.tooltip(for: e, extra: tooltip)),
        ]
        if let url = provenance.link(for: e) { attributes["URL"] = .text(url) }
        return Scene.Node(id: e.id, attributes: attributes, cluster: cluster)
    }

    // MARK: Edges

    /// How a relation's predicate reads on its edge. Event roles drop the `has`: on an arrow
    /// from an event, "agent" says it all.
    func predicateText(_ r: Relation) -> String {
        let base: String
        switch r.predicate {
        case .hasAgent: base = "agent"
        case .hasTarget: base = "target"
        case .hasPlace: base = "place"
        case .hasDate: base = "date"
        default: base = r.predicate.rawValue
        }
        if let role = r.attributes["role"], !role.isEmpty { return "\(base) (\(role))" }
        return base
    }

    /// "per X" and "disputed by Y", so that a dotted or red edge explains itself.
    func attributionLines(attributedTo: [String], disputedBy: [String]) -> [String] {
        var lines: [String] = []
        if !attributedTo.isEmpty { lines += wrap("per " + names(attributedTo), width: wrapWidth + 4) }
        if !disputedBy.isEmpty { lines += wrap("disputed by " + names(disputedBy), width: wrapWidth + 4) }
        return lines
    }

    /// Short names, all of them when they fit in about two lines, else the first and how many
    /// more ("Armenian government +1"): the tooltip has the full list, and a label of seven
    /// lines repeated on every edge of one claim buries the picture.
    func names(_ ids: [String]) -> String {
        let all = ids.map(provenance.shortName)
        let joined = all.joined(separator: ", ")
        return all.count == 1 || joined.count <= 2 * wrapWidth ? joined : "\(all[0]) +\(all.count - 1)"
    }

    /// Attributes of an edge: `label` lines, colour and arrowhead by predicate family, dash
    /// pattern by who stands behind it, and its provenance.
    func edgeAttributes(label: [String], family: PredicateFamily, kind: EdgeKind,
                        tooltip: [String], url: String?) -> Scene.Attributes {
        let s = Style.edge(family, kind)
        var attributes: Scene.Attributes = [
            "label": .lines(label),
            "style": .raw(s.style), "color": .raw(s.color), "fontcolor": .raw(s.fontColor),
            "arrowhead": .raw(s.arrowhead), "penwidth": .raw(dotNumber(s.penWidth)),
        ]
        if !tooltip.isEmpty { attributes["tooltip"] = .lines(tooltip) }
        if let url { attributes["URL"] = .text(url) }
        return attributes
    }

    /// The edge for one relation, as the whole-graph and focus views draw it.
    func edge(_ r: Relation) -> Scene.Edge? {
        guard let object = r.object.entityID else { return nil }
        let label = wrap(predicateText(r), width: wrapWidth + 4)
            + attributionLines(attributedTo: r.attributedTo, disputedBy: r.disputedBy)
        return Scene.Edge(from: r.subject, to: object,
                          attributes: edgeAttributes(label: label, family: PredicateFamily(r.predicate), kind: EdgeKind(r),
                                                     tooltip: provenance.tooltip(for: r), url: provenance.link(for: r)))
    }

    // MARK: Graph

    /// Attributes every view starts from; `legend` is the HTML-like legend, drawn as the graph's
    /// own label so that no layout engine can place anything on top of it.
    func graphAttributes(legend: String?) -> Scene.Attributes {
        var attributes: Scene.Attributes = [
            "fontname": .raw(Style.fontName), "fontsize": .raw("11"),
            "charset": .raw("UTF-8"), "bgcolor": .raw("white"), "pad": .raw("0.3"),
            // Edges first, so node and label text is drawn on top of any line that crosses it.
            "outputorder": .raw("edgesfirst"),
        ]
        if let legend {
            attributes["label"] = .html(legend)
            attributes["labelloc"] = .raw("b")
            attributes["labeljust"] = .raw("l")
        }
        return attributes
    }

    var nodeDefaults: Scene.Attributes {
        ["fontname": .raw(Style.fontName), "margin": .raw("0.1,0.04"), "penwidth": .raw("1.2")]
    }

    var edgeDefaults: Scene.Attributes {
        ["fontname": .raw(Style.fontName), "fontsize": .raw(dotNumber(Style.edgeFontSize)), "arrowsize": .raw("0.7")]
    }
}

/// For the force-directed engines, which place an edge label at the edge's midpoint with no
/// regard for anything else there: every labelled edge becomes two edges meeting at a small
/// plain-text node that carries the label. Overlap removal then keeps labels off each other
/// and off the nodes, as it does for nodes. The label nodes have the SVG class `edgelabel`,
/// so they can be told from entities.
func withLabelNodes(_ scene: Scene, prefix: String) -> Scene {
    var out = scene
    out.edges = []
    // Sorted like `Scene.dot()` writes edges, so label ids do not depend on the view's order.
    let ordered = scene.edges.map { ([$0.from, $0.to, Scene.list($0.attributes)], $0) }
        .sorted { $0.0.lexicographicallyPrecedes($1.0) }.map(\.1)
    for (i, edge) in ordered.enumerated() {
        guard let label = edge.attributes["label"] else {
            out.edges.append(edge)
            continue
        }
        let id = "\(prefix)label_\(i)"
        var node: Scene.Attributes = [
            "label": label, "shape": .raw("plaintext"), "class": .raw("edgelabel"),
            "fontsize": .raw(dotNumber(Style.edgeFontSize)), "margin": .raw("0.02,0.01"),
            "width": .raw("0"), "height": .raw("0"),
            // A white fill hides lines that pass under the text.
            "style": .raw("filled"), "fillcolor": .raw("#ffffffd0"),
        ]
        for key in ["fontcolor", "tooltip", "URL"] { node[key] = edge.attributes[key] }
        out.nodes.append(Scene.Node(id: id, attributes: node, cluster: nil))
        var first = edge.attributes, second = edge.attributes
        first["label"] = nil
        second["label"] = nil
        first["arrowhead"] = .raw("none")
        out.edges.append(Scene.Edge(from: edge.from, to: id, attributes: first))
        out.edges.append(Scene.Edge(from: id, to: edge.to, attributes: second))
    }
    return out
}

/// For pictures too large for label nodes: edge labels become `xlabel`s, which Graphviz places
/// after layout and, with `forcelabels=false`, leaves out where they would overlap something.
/// The tooltip keeps the label's text, so nothing is lost in the SVG.
func withLabelsWhereTheyFit(_ scene: Scene) -> Scene {
    var out = scene
    out.graphAttributes["forcelabels"] = .raw("false")
    for i in out.edges.indices {
        guard let label = out.edges[i].attributes["label"] else { continue }
        out.edges[i].attributes["xlabel"] = label
        out.edges[i].attributes["label"] = nil
        if case .lines(let tip) = out.edges[i].attributes["tooltip"], case .lines(let text) = label {
            out.edges[i].attributes["tooltip"] = .lines(text + tip)
        }
    }
    return out
}

/// Splits text into lines of at most `width` characters at spaces; a longer word keeps its
/// own line rather than being cut.
func wrap(_ text: String, width: Int) -> [String] {
    let words = text.split(whereSeparator: { $0.isWhitespace || $0.isNewline })
    var lines: [String] = []
    var current = ""
    for word in words {
        if current.isEmpty {
            current = String(word)
        } else if current.count + 1 + word.count <= width {
            current += " " + word
        } else {
            lines.append(current)
            current = String(word)
        }
    }
    if !current.isEmpty || lines.isEmpty { lines.append(current) }
    return lines
}

/// A prefix no entity id starts with: `kg_`, lengthened with underscores until it is free.
func reservedPrefix(for graph: Graph) -> String {
    var prefix = "kg_"
    while graph.entities.contains(where: { $0.id.hasPrefix(prefix) }) { prefix += "_" }
    return prefix
}
