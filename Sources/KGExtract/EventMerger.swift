import KGModel

/// One event is one entity: "the Russian invasion" and "its war in Ukraine" three sentences on,
/// or "the June 27 raid in Yekaterinburg" in two articles, are one happening told twice.
///
/// Two events merge when their class is the same, they share an agent, place or date, and none
/// of those disagree (two different dates, or agents, or places, keep them apart). Across
/// articles the bar is higher: the same date and the same agent or place.
struct EventMerger {
    private struct Facts {
        var agents: Set<String> = []
        var places: Set<String> = []
        var dates: Set<String> = []
        var docs: Set<String> = []

        var isBare: Bool { agents.isEmpty && places.isEmpty && dates.isEmpty }

        mutating func add(_ o: Facts) {
            agents.formUnion(o.agents); places.formUnion(o.places); dates.formUnion(o.dates); docs.formUnion(o.docs)
        }
    }

    func merge(_ graph: Graph) -> Graph {
        var facts: [String: Facts] = [:]
        for r in graph.relations {
            switch (r.predicate, r.object) {
            case (.hasAgent, .entity(let a)): facts[r.subject, default: Facts()].agents.insert(a)
            case (.hasPlace, .entity(let p)): facts[r.subject, default: Facts()].places.insert(p)
            case (.hasDate, .date(let d)): facts[r.subject, default: Facts()].dates.insert(d.iso)
            default: break
            }
        }
        // Groups, in order of first mention; each remembers what all its members say.
        // Per class, so an event is compared only with groups of its own class.
        var groups: [String: [(rep: String, facts: Facts)]] = [:]
        var replacement: [String: String] = [:]
        // Graph entities come in order of first mention already; keep that order.
        let events = graph.entities.filter { $0.type == .event }
        for e in events {
            guard let cls = e.attributes["class"].map({ EventRules.familyOf[$0] ?? $0 }) else { continue }
            var f = facts[e.id] ?? Facts()
            f.docs = Set(e.mentions.map { $0.doc })
            // Within one article, the only other event of its kind is the one told again ("the
            // fighting started on Sep. 27" … "Azerbaijan's offensive"), unless their facts disagree.
            // A mention with no facts at all (a headline's "Aid to Armenia") gives no ground to join.
            let sameArticle = groups[cls]?.indices.filter { !groups[cls]![$0].facts.docs.isDisjoint(with: f.docs) } ?? []
            if let g = groups[cls]?.firstIndex(where: { Self.compatible($0.facts, f) })
                ?? (sameArticle.count == 1 && !f.isBare && !groups[cls]![sameArticle[0]].facts.isBare
                    && Self.agree(groups[cls]![sameArticle[0]].facts, f) ? sameArticle[0] : nil) {
                replacement[e.id] = groups[cls]![g].rep
                groups[cls]![g].facts.add(f)
            } else {
                groups[cls, default: []].append((e.id, f))
            }
        }
        guard !replacement.isEmpty else { return graph }
        return rewrite(graph, replacement)
    }

    private static func sameDate(_ a: Facts, _ b: Facts) -> Bool {
        a.dates.contains { d in b.dates.contains { d.hasPrefix($0) || $0.hasPrefix(d) } }
    }

    /// Nothing the two say disagrees: no two different agents, places or dates.
    private static func agree(_ a: Facts, _ b: Facts) -> Bool {
        if !a.agents.isEmpty && !b.agents.isEmpty && a.agents.isDisjoint(with: b.agents) { return false }
        if !a.places.isEmpty && !b.places.isEmpty && a.places.isDisjoint(with: b.places) { return false }
        if !a.dates.isEmpty && !b.dates.isEmpty && !sameDate(a, b) { return false }
        return true
    }

    private static func compatible(_ a: Facts, _ b: Facts) -> Bool {
        let sameAgent = !a.agents.isDisjoint(with: b.agents)
        let samePlace = !a.places.isDisjoint(with: b.places)
        let sameDate = sameDate(a, b)
        guard agree(a, b) else { return false }
        if !a.docs.isDisjoint(with: b.docs) { return sameAgent || samePlace || sameDate }
        return sameDate && (sameAgent || samePlace)
    }

    private func rewrite(_ graph: Graph, _ replacement: [String: String]) -> Graph {
        var g = graph
        var position = Dictionary(uniqueKeysWithValues: g.entities.enumerated().map { ($1.id, $0) })
        for (old, rep) in replacement.sorted(by: { $0.key < $1.key }) {
            guard let i = position[old], let k = position[rep] else { continue }
            let gone = g.entities[i]
            var kept = g.entities[k]
            for m in gone.mentions where !kept.mentions.contains(m) { kept.mentions.append(m) }
            kept.mentions.sort()
            // The fuller name wins ("war in Ukraine" over "invasion"); the other stays an alias.
            var names = [kept.name, gone.name] + kept.aliases + gone.aliases
            if gone.name.split(separator: " ").count > kept.name.split(separator: " ").count { kept.name = gone.name }
            names.removeAll { $0 == kept.name }
            var seen = Set<String>()
            kept.aliases = names.filter { seen.insert($0).inserted }
            g.entities[k] = kept
        }
        g.entities.removeAll { replacement[$0.id] != nil }
        position = [:]
        var set = RelationSet()
        let swap = { (id: String) in replacement[id] ?? id }
        for var r in g.relations {
            r.subject = swap(r.subject)
            if case .entity(let o) = r.object { r.object = .entity(swap(o)) }
            r.attributedTo = r.attributedTo.map(swap)
            r.disputedBy = r.disputedBy.map(swap)
            set.add(r)
        }
        g.relations = set.all
        return g
    }
}
