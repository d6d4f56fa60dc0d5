import KGModel

/// Who does what to whom: actors only, with each state drawn as a box holding its officials
/// and agencies, and each event collapsed into edges from its agents to its targets, labelled
/// by what happened ("attack (2023-09-20)").
///
/// - An official or agency belongs in the box of the state its `officialOf`/`partOf` chain
///   leads to (a directorate → its ministry → the state). The link to the state itself is the
///   box, so it is not drawn; an official's role is written under the name instead.
/// - An event with agents but no target becomes edges from the agents to its places. An event
///   with no agent, or with an agent but neither target nor place, has no edge to become; the
///   legend counts them, and an agent's tooltip lists its own.
/// - Places appear only as the ends of such edges and of actors' `deployedIn`/`locatedIn`.
struct ActorsView {
    let drawing: Drawing

    /// One edge of the picture before it is drawn; events that connect the same two ends in the
    /// same way are merged into one edge listing their dates.
    private struct Link: Hashable {
        let from: String
        let to: String
        let text: String
        let family: PredicateFamily
        let attributedTo: [String]
        let disputedBy: [String]
    }

    func scene(_ graph: Graph, highlight: Set<String>) -> (Scene, [String]) {
        let byID = graph.entitiesByID
        let home = Self.homeStates(graph)
        let events = EventIndex(graph)

        var links: [Link: (dates: Set<DateLiteral>, relations: [Relation])] = [:]
        func add(_ link: Link, dates: Set<DateLiteral>, relations: [Relation]) {
            links[link, default: ([], [])].dates.formUnion(dates)
            links[link, default: ([], [])].relations += relations
        }
        var roles: [String: [String]] = [:]  // an official's roles in its own state
        var unlinked: [String: [String]] = [:]  // agent → events that have no edge
        var eventsWithoutEdge = 0

        // Direct relations between actors (and from actors to places).
        for r in graph.relations {
            guard let o = r.object.entityID, let s = byID[r.subject], let obj = byID[o] else { continue }
            if [.officialOf, .partOf].contains(r.predicate), obj.type == .state, home[s.id] == o {
                if let role = r.attributes["role"] { roles[s.id, default: []].append(role) }
                continue
            }
            guard s.type.isActor else { continue }
            if obj.type == .event {
                // "X denies the attack": drawn to whoever the event says carried it out.
                let ends = events.agents[o] ?? events.targets[o] ?? []
                for end in ends.sorted() where end != s.id {
                    add(Link(from: s.id, to: end, text: "\(r.predicate.rawValue): " + events.label(o, byID),
                             family: PredicateFamily(r.predicate), attributedTo: r.attributedTo.sorted(), disputedBy: r.disputedBy.sorted()),
                        dates: events.dates[o] ?? [], relations: [r])
                }
                continue
            }
            guard obj.type.isActor || obj.type == .place else { continue }
            add(Link(from: s.id, to: o, text: drawing.predicateText(r), family: PredicateFamily(r.predicate),
                     attributedTo: r.attributedTo.sorted(), disputedBy: r.disputedBy.sorted()),
                dates: [], relations: [r])
        }

        // Events, collapsed.
        for event in graph.entities where event.type == .event {
            let agents = events.roleRelations[event.id]?[.hasAgent] ?? []
            let targets = events.roleRelations[event.id]?[.hasTarget] ?? []
            let places = events.roleRelations[event.id]?[.hasPlace] ?? []
            let ends = targets.isEmpty ? places : targets
            let actorAgents = agents.filter { a in byID[a.object.entityID ?? ""]?.type.isActor == true }
            if actorAgents.isEmpty || ends.isEmpty {
                eventsWithoutEdge += 1
                for a in actorAgents { unlinked[a.object.entityID!, default: []].append(events.label(event.id, byID, withDates: true)) }
                continue
            }
            for a in actorAgents {
                for t in ends {
                    guard let from = a.object.entityID, let to = t.object.entityID, from != to,
                          let end = byID[to], end.type != .event else { continue }
                    add(Link(from: from, to: to, text: events.label(event.id, byID), family: .eventRole,
                             attributedTo: Array(Set(a.attributedTo + t.attributedTo)).sorted(),
                             disputedBy: Array(Set(a.disputedBy + t.disputedBy)).sorted()),
                        dates: events.dates[event.id] ?? [], relations: [a, t])
                }
            }
        }

        // Nodes: the actors that have an edge or a box, and the places some edge needs. An
        // actor with neither would stand alone in a row of strangers; the legend names it.
        var scene = Scene()
        let needed = Set(links.keys.flatMap { [$0.from, $0.to] })
        let members = Set(home.values)
        var alone: [String] = []
        for e in graph.entities where e.type.isActor || (e.type == .place && needed.contains(e.id)) {
            let cluster = e.type == .state ? (members.contains(e.id) ? e.id : nil) : home[e.id]
            guard cluster != nil || needed.contains(e.id) else {
                alone.append(e.name)
                continue
            }
            let extra = e.type == .official ? Array(Set(roles[e.id] ?? [])).sorted() : []
            var tooltip: [String] = []
            if let own = unlinked[e.id] { tooltip.append("also (no target or place): " + own.sorted().joined(separator: "; ")) }
            var node = drawing.node(e, extra: extra, tooltip: tooltip, cluster: cluster)
            if highlight.contains(e.id) { node.attributes["penwidth"] = .raw("3.5") }
            scene.nodes.append(node)
            // The state heads its box: invisible edges put it above its members.
            if e.type != .state, let state = cluster {
                scene.edges.append(Scene.Edge(from: state, to: e.id, attributes: ["style": .raw("invis"), "class": .raw("membership")]))
            }
        }
        for state in Set(scene.nodes.compactMap(\.cluster)) {
            scene.clusters.append(Scene.Cluster(id: state, attributes: [
                "style": .raw("rounded,filled"), "fillcolor": .raw("#fdf1f0"), "color": .raw("#e3a3a0"),
                "label": .text(""), "margin": .raw("10"),
                "tooltip": .text((byID[state]?.name ?? state) + " and its officials and agencies"),
            ], parent: nil))
        }

        for (link, value) in links {
            let dates = value.dates.sorted().map(\.iso)
            var text = link.text
            if !dates.isEmpty {
                text += " (" + (dates.count > 3 ? dates.prefix(2).joined(separator: ", ") + " … " + dates.last! : dates.joined(separator: ", ")) + ")"
            }
            let label = wrap(text, width: drawing.wrapWidth + 4)
                + drawing.attributionLines(attributedTo: link.attributedTo, disputedBy: link.disputedBy)
            let relations = value.relations.sorted(by: relationOrder)
            let tooltip = Array(relations.flatMap { drawing.provenance.tooltip(for: $0) }.uniqued().prefix(8))
            let url = relations.lazy.compactMap { drawing.provenance.link(for: $0) }.first
            var attributes = drawing.edgeAttributes(
                label: label, family: link.family,
                kind: EdgeKind(attributed: !link.attributedTo.isEmpty, disputed: !link.disputedBy.isEmpty),
                tooltip: tooltip, url: url)
            // Structure is drawn top-down (the ministry above its directorate), with the arrow
            // still pointing from the part to the whole.
            if link.family == .structural {
                attributes["dir"] = .raw("back")
                attributes["arrowtail"] = attributes["arrowhead"]
                attributes["arrowhead"] = nil
                scene.edges.append(Scene.Edge(from: link.to, to: link.from, attributes: attributes))
            } else {
                scene.edges.append(Scene.Edge(from: link.from, to: link.to, attributes: attributes))
            }
        }

        var note = ["Actors view: a pink box is a state with its officials and agencies; an event is an edge from its agent to its target (or place)."]
        if !alone.isEmpty {
            let names = alone.sorted()
            note.append("Not shown, with no link to another actor: " + names.prefix(12).joined(separator: ", ")
                + (names.count > 12 ? " and \(names.count - 12) more." : "."))
        }
        if eventsWithoutEdge > 0 {
            note.append("\(eventsWithoutEdge) event\(eventsWithoutEdge == 1 ? " has" : "s have") no agent, or no target or place, and so no edge here.")
        }
        return (scene, note)
    }

    /// The state each official and agency belongs to: the first state reached along
    /// `officialOf`/`partOf` through officials and agencies, the nearest first (ties go to
    /// the smaller id, so the answer does not depend on relation order).
    static func homeStates(_ graph: Graph) -> [String: String] {
        let byID = graph.entitiesByID
        var up: [String: [String]] = [:]
        for r in graph.relations where r.predicate == .officialOf || r.predicate == .partOf {
            if let o = r.object.entityID { up[r.subject, default: []].append(o) }
        }
        var home: [String: String] = [:]
        for e in graph.entities where e.type == .official || e.type == .agency {
            var frontier = [e.id], seen: Set<String> = [e.id]
            search: while !frontier.isEmpty {
                var next: [String] = []
                for id in frontier {
                    for o in (up[id] ?? []).sorted() where seen.insert(o).inserted {
                        guard let t = byID[o]?.type else { continue }
                        if t == .state { home[e.id] = o; break search }
                        if t == .agency || t == .official { next.append(o) }
                    }
                }
                frontier = next
            }
        }
        return home
    }
}

/// The role relations and dates of each event, for the views that draw events as something
/// other than nodes.
struct EventIndex {
    var roleRelations: [String: [KGModel.Predicate: [Relation]]] = [:]
    var dates: [String: Set<DateLiteral>] = [:]
    var agents: [String: [String]] = [:]
    var targets: [String: [String]] = [:]

    init(_ graph: Graph) {
        let byID = graph.entitiesByID
        for r in graph.relations where byID[r.subject]?.type == .event {
            switch r.object {
            case .date(let d): dates[r.subject, default: []].insert(d)
            case .entity(let o):
                guard [.hasAgent, .hasTarget, .hasPlace].contains(r.predicate) else { continue }
                roleRelations[r.subject, default: [:]][r.predicate, default: []].append(r)
                if r.predicate == .hasAgent { agents[r.subject, default: []].append(o) }
                if r.predicate == .hasTarget { targets[r.subject, default: []].append(o) }
            }
        }
        // Sorted once here, so everything built from them is in a fixed order.
        for (k, v) in roleRelations {
            roleRelations[k] = v.mapValues { $0.sorted { ($0.object.entityID ?? "") < ($1.object.entityID ?? "") } }
        }
    }

    /// What happened, in a word or two: the event's class ("attack") when the extractor gave
    /// one, else its name.
    func label(_ event: String, _ byID: [String: Entity], withDates: Bool = false) -> String {
        let e = byID[event]
        var text = e?.attributes["class"] ?? e?.name ?? event
        if withDates, let ds = dates[event], !ds.isEmpty { text += " (" + ds.sorted().map(\.iso).joined(separator: ", ") + ")" }
        return text
    }
}

/// A fixed order for relations, independent of the order a graph lists them in.
func relationOrder(_ a: Relation, _ b: Relation) -> Bool {
    func key(_ r: Relation) -> [String] {
        let ev = r.evidence.map { "\($0.doc):\($0.start):\($0.end)" }.sorted()
        return [r.subject, r.predicate.rawValue, r.object.entityID ?? "", ev.joined(separator: ","),
                r.attributedTo.sorted().joined(separator: ","), r.disputedBy.sorted().joined(separator: ",")]
    }
    return key(a).lexicographicallyPrecedes(key(b))
}

extension Sequence where Element: Hashable {
    /// The elements in order, each only the first time it occurs.
    func uniqued() -> [Element] {
        var seen = Set<Element>()
        return filter { seen.insert($0).inserted }
    }
}
