import KGModel

/// What a picture shows.
public enum View: String, CaseIterable, Sendable {
    /// Every entity and relation (of the selection).
    case whole
    /// States as boxes holding their officials and agencies; events collapsed into edges
    /// from agent to target.
    case actors
    /// Dated events in date order, left to right, with their agents and targets.
    case timeline
}

/// Turns a `Graph` into Graphviz DOT source. Pure Swift: it never touches libgvc, so it can
/// be tested and used (`kgraph render -o graph.dot`) without Graphviz.
///
/// The output is deterministic: the same graph gives the same DOT, byte for byte, whatever
/// the order of its entities and relations.
public struct DOTBuilder: Sendable {
    public var view: View
    /// Labels are wrapped at word boundaries to about this many characters per line.
    public var wrapWidth: Int
    /// Whether to draw the legend (the graph's label).
    public var includeLegend: Bool
    /// The folder the picture will be saved in; links to documents are made relative to it.
    /// Nil leaves document paths as they are.
    public var linkBase: String?

    public init(view: View = .whole, wrapWidth: Int = 18, includeLegend: Bool = true, linkBase: String? = nil) {
        self.view = view
        self.wrapWidth = wrapWidth
        self.includeLegend = includeLegend
        self.linkBase = linkBase
    }

    /// The DOT source for `graph`.
    /// - Parameters:
    ///   - layout: the engine it will be laid out with (default: `suggestedLayout(for:)`).
    ///     It tunes spacing, edge routing and label placement; any engine can read the result.
    ///   - context: the graph `graph` was selected from, so that attributions can name entities
    ///     the selection left out; defaults to `graph`.
    ///   - highlight: entities to draw with a heavy border (the focus of a focus view).
    public func build(_ graph: Graph, for layout: Layout? = nil, context: Graph? = nil,
                      highlight: Set<String> = []) -> String {
        let layout = layout ?? suggestedLayout(for: graph)
        let drawing = Drawing(shown: graph, everything: context ?? graph, wrapWidth: wrapWidth, linkBase: linkBase)
        var scene: Scene
        var note: [String]
        switch view {
        case .whole:
            scene = WholeView(drawing: drawing).scene(graph, highlight: highlight)
            note = highlight.isEmpty ? [] : ["Thick border: the entity in focus."]
        case .actors:
            (scene, note) = ActorsView(drawing: drawing).scene(graph, highlight: highlight)
        case .timeline:
            (scene, note) = TimelineView(drawing: drawing).scene(graph, highlight: highlight)
        }
        scene.graphAttributes.merge(drawing.graphAttributes(legend: includeLegend ? Legend.html(note: note) : nil)) { view, _ in view }
        scene.graphAttributes.merge(Self.layoutAttributes(layout, nodeCount: scene.nodes.count, view: view)) { view, _ in view }
        scene.nodeDefaults.merge(drawing.nodeDefaults) { view, _ in view }
        scene.edgeDefaults.merge(drawing.edgeDefaults) { view, _ in view }
        if layout != .dot {
            // Label nodes quadruple the cost of overlap removal (measured with sfdp on 2,000
            // entities: 23 s against 6 s), so a very large picture, an overview at best, gets
            // labels that are drawn only where they fit; each edge's tooltip still has its label.
            if graph.entities.count <= Layout.labelNodeLimit {
                scene = withLabelNodes(scene, prefix: drawing.prefix)
            } else {
                scene = withLabelsWhereTheyFit(scene)
            }
        }
        return scene.dot()
    }

    /// The engine to use when the caller does not choose: `dot` for pictures of up to
    /// `Layout.dotNodeLimit` entities, `sfdp` above. The actors and timeline views rely on
    /// `dot` (it is the only engine that honours their boxes and date columns), so they keep it
    /// up to `Layout.structuredNodeLimit` entities drawn (they draw fewer than the graph has).
    public func suggestedLayout(for graph: Graph) -> Layout {
        let drawing = Drawing(shown: graph, everything: graph, wrapWidth: wrapWidth, linkBase: nil)
        let scene: Scene
        switch view {
        case .whole: return Layout.suggested(forNodeCount: graph.entities.count)
        case .actors: scene = ActorsView(drawing: drawing).scene(graph, highlight: []).0
        case .timeline: scene = TimelineView(drawing: drawing).scene(graph, highlight: []).0
        }
        let drawn = scene.nodes.filter { !$0.id.hasPrefix(drawing.prefix) }.count
        return drawn <= Layout.structuredNodeLimit ? .dot : .sfdp
    }

    /// Spacing and routing per engine.
    static func layoutAttributes(_ layout: Layout, nodeCount: Int, view: View) -> Scene.Attributes {
        switch layout {
        case .dot:
            return [
                "rankdir": .raw("LR"), "nodesep": .raw("0.25"),
                // The timeline spends three ranks per date (agents, events, targets): closer.
                "ranksep": .raw(view == .timeline ? "0.3" : "0.45"),
                "splines": .raw("true"), "newrank": .raw("true"),
            ]
        case .neato, .fdp, .sfdp, .circo, .twopi:
            // Obstacle-avoiding splines cost about cubically in the force-directed engines
            // (measured with sfdp: 0.8 s at 60 nodes, 7 s at 150), so large graphs get straight
            // edges. Not `curved`: Graphviz 2.42 enumerates every cycle of the graph for it and
            // hung for minutes on a 150-node, 374-edge graph.
            var attributes: Scene.Attributes = [
                "overlap": .raw("prism"), "sep": .raw("+6"),
                "splines": .raw(nodeCount <= Layout.splineNodeLimit ? "true" : "false"),
            ]
            if layout == .sfdp { attributes["K"] = .raw("0.5"); attributes["repulsiveforce"] = .raw("1.5") }
            return attributes
        }
    }
}
