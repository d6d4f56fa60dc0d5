import KGModel

/// The whole graph (or whatever part a filter or focus selected): one node per entity, one
/// edge per relation. `hasDate` relations do not become nodes or edges: the date is an extra
/// label line of its event, since a node per date would clutter the picture.
struct WholeView {
    let drawing: Drawing

    func scene(_ graph: Graph, highlight: Set<String>) -> Scene {
        var dates: [String: Set<DateLiteral>] = [:]
        for r in graph.relations where r.predicate == .hasDate {
            if case .date(let d) = r.object { dates[r.subject, default: []].insert(d) }
        }
        var scene = Scene()
        for e in graph.entities {
            // Several dates for one event are rare but possible (conflicting reports).
            let extra = dates[e.id].map { [$0.sorted().map(\.iso).joined(separator: ", ")] } ?? []
            var node = drawing.node(e, extra: extra)
            if highlight.contains(e.id) {
                node.attributes["penwidth"] = .raw("3.5")
                node.attributes["tooltip"] = .lines(["focus of this view"] + drawing.provenance.tooltip(for: e))
            }
            scene.nodes.append(node)
        }
        // Relations whose ends are not entities of the graph are skipped: DOT would otherwise
        // invent bare nodes for them.
        let known = Set(graph.entities.map(\.id))
        for r in graph.relations {
            guard let o = r.object.entityID, known.contains(r.subject), known.contains(o),
                  let edge = drawing.edge(r) else { continue }
            scene.edges.append(edge)
        }
        return scene
    }
}
