import KGModel

/// Dated events in date order, left to right, with their agents and targets.
///
/// Each date is a column headed by the date. `dot` gives every date three ranks: the actors
/// first seen as agents on that date, then that date's events, then the things first seen as
/// targets. So an agent's arrow runs right into its event and the event's arrow runs right
/// to its target, and an actor stands at the first date it takes part in. Places go into the
/// event's label ("in Shusha"); a place that is a target is a node like any other target.
/// Undated events cannot be placed; the legend says how many were left out.
struct TimelineView {
    let drawing: Drawing

    func scene(_ graph: Graph, highlight: Set<String>) -> (Scene, [String]) {
        let byID = graph.entitiesByID
        let events = EventIndex(graph)
        let dated = graph.entities.filter { $0.type == .event }.compactMap { e -> (Entity, DateLiteral)? in
            guard let first = events.dates[e.id]?.min() else { return nil }
            return (e, first)
        }.sorted { ($0.1, $0.0.id) < ($1.1, $1.0.id) }
        let undated = graph.entities.filter { $0.type == .event }.count - dated.count
        let columns = Array(Set(dated.map(\.1))).sorted()
        let column = Dictionary(uniqueKeysWithValues: columns.enumerated().map { ($1, $0) })
        var scene = Scene()
        func anchor(_ i: Int, _ slot: Int) -> String { "\(drawing.prefix)date_\(i)_\(slot)" }
        var ranks: [String: [String]] = [:]

        // Where each actor first appears: the earliest (column, slot) it takes part in.
        var firstSeen: [String: (Int, Int)] = [:]
        func see(_ id: String, _ at: (Int, Int)) {
            if let old = firstSeen[id], old <= at { return }
            firstSeen[id] = at
        }
        var stanceOnEvent: [String: [Relation]] = [:]  // "X denies the attack"
        for r in graph.relations where r.predicate != .hasDate {
            if let o = r.object.entityID, byID[o]?.type == .event, byID[r.subject]?.type != .event {
                stanceOnEvent[o, default: []].append(r)
            }
        }
        for (event, date) in dated {
            let c = column[date]!
            ranks[anchor(c, 1), default: []].append(event.id)
            var places = (events.roleRelations[event.id]?[.hasPlace] ?? []).compactMap { $0.object.entityID.flatMap { byID[$0]?.name } }
            places = Array(Set(places)).sorted()
            var extra = places.isEmpty ? [] : ["in " + places.joined(separator: ", ")]
            if let ds = events.dates[event.id], ds.count > 1 {
                extra.append("also " + ds.sorted().dropFirst().map(\.iso).joined(separator: ", "))
            }
            var node = drawing.node(event, extra: extra)
            if highlight.contains(event.id) { node.attributes["penwidth"] = .raw("3.5") }
            scene.nodes.append(node)

            for r in (events.roleRelations[event.id]?[.hasAgent] ?? []) + (stanceOnEvent[event.id] ?? []).sorted(by: relationOrder) {
                let actor = r.predicate == .hasAgent ? r.object.entityID! : r.subject
                guard byID[actor].map({ $0.type != .event }) == true else { continue }
                see(actor, (c, 0))
                let label = wrap(r.predicate == .hasAgent ? "agent" : r.predicate.rawValue, width: drawing.wrapWidth)
                    + drawing.attributionLines(attributedTo: r.attributedTo, disputedBy: r.disputedBy)
                var edge = Scene.Edge(from: actor, to: event.id, attributes: drawing.edgeAttributes(
                    label: label, family: PredicateFamily(r.predicate), kind: EdgeKind(r),
                    tooltip: drawing.provenance.tooltip(for: r), url: drawing.provenance.link(for: r)))
                edge.attributes["constraint"] = .raw("false")
                scene.edges.append(edge)
            }
            for r in events.roleRelations[event.id]?[.hasTarget] ?? [] {
                guard let target = r.object.entityID, byID[target].map({ $0.type != .event }) == true,
                      var edge = drawing.edge(r) else { continue }
                see(target, (c, 2))
                // Only the chain of dates ranks the nodes: an edge back to an actor first seen
                // earlier would otherwise make a cycle, and dot would break it by reversing
                // part of the chain, which shuffles the dates.
                edge.attributes["constraint"] = .raw("false")
                scene.edges.append(edge)
            }
        }
        for (id, at) in firstSeen {
            guard let e = byID[id] else { continue }
            ranks[anchor(at.0, at.1), default: []].append(id)
            var node = drawing.node(e)
            if highlight.contains(id) { node.attributes["penwidth"] = .raw("3.5") }
            scene.nodes.append(node)
        }

        // Three anchors per date fix the order of the ranks; the middle one is the visible
        // header. An agent or target slot nobody stands in is left out, so it takes no room.
        var previous: String?
        for (i, date) in columns.enumerated() {
            for slot in 0..<3 where slot == 1 || ranks[anchor(i, slot)] != nil {
                let id = anchor(i, slot)
                var attributes: Scene.Attributes = ["class": .raw("timeline")]
                if slot == 1 {
                    attributes["label"] = .text(date.iso)
                    attributes["shape"] = .raw("plaintext")
                    attributes["fontsize"] = .raw("13")
                    attributes["fontcolor"] = .raw("#333333")
                    attributes["tooltip"] = .text("events on \(date.iso)")
                } else {
                    attributes["style"] = .raw("invis")
                    attributes["shape"] = .raw("point")
                    attributes["width"] = .raw("0")
                }
                scene.nodes.append(Scene.Node(id: id, attributes: attributes, cluster: nil))
                ranks[id, default: []].insert(id, at: 0)
                if let previous {
                    scene.edges.append(Scene.Edge(from: previous, to: id, attributes: [
                        "style": .raw("invis"), "weight": .raw("100"), "class": .raw("timeline")]))
                }
                previous = id
            }
        }
        scene.sameRank = ranks.values.filter { $0.count > 1 }

        var note = ["Timeline: one column per date, earliest on the left; agents stand before the events they carry out, targets after."]
        if undated > 0 {
            note.append("\(undated) event\(undated == 1 ? " has" : "s have") no date and \(undated == 1 ? "is" : "are") not shown.")
        }
        if dated.isEmpty { note.append("No event in this selection has a date.") }
        return (scene, note)
    }
}
