import KGModel

/// One event is one entity: "the Russian invasion" and "its war in Ukraine" three sentences on,
/// or "the June 27 raid in Yekaterinburg" in two articles, are one happening told twice.
///
/// Two events merge when their class is the same, they share an agent, place or date, and none
/// of those disagree (two different dates, or agents, or places, keep them apart). Across
/// articles the bar is higher: the same date and the same agent or place.
struct EventMerger {
    private struct Facts {
        // Entity and document ids as small integers: comparing groups hashes these sets, and
        // hashing an Int is a fraction of hashing a String.
        var agents: Set<Int> = []
        var places: Set<Int> = []
        /// Dates as `dateCode`s: a set of strings hashed each date's text for every question.
        var dates: Set<Int> = []
        var docs: Set<Int> = []

        var isBare: Bool { agents.isEmpty && places.isEmpty && dates.isEmpty }

        mutating func add(_ o: Facts) {
            agents.formUnion(o.agents); places.formUnion(o.places); dates.formUnion(o.dates); docs.formUnion(o.docs)
        }
    }

    /// Ids to dense integers, for `Facts`.
    private struct Interner {
        var ids: [String: Int] = [:]
        mutating func callAsFunction(_ s: String) -> Int {
            if let k = ids[s] { return k }
            ids[s] = ids.count
            return ids.count - 1
        }
    }

    /// The groups of one class, indexed by what can make a new event compatible with them. A
    /// compatible group shares a document with the event, or has a date that one of the
    /// event's dates extends or is extended by (see `compatible`), so only those groups need
    /// comparing, not every group of the class: with hundreds of articles that scan was
    /// quadratic in the number of events.
    private struct ClassGroups {
        var groups: [(rep: String, facts: Facts)] = []
        var byDoc: [Int: [Int]] = [:]
        /// Exact group date → groups, and every coarsening of a group date (itself, its month,
        /// its year) → groups.
        var byDate: [Int: [Int]] = [:]
        var byDatePrefix: [Int: [Int]] = [:]

        /// The groups that may be compatible with `f`, in order of creation.
        func candidates(for f: Facts) -> [Int] {
            var out = Set<Int>()
            for d in f.docs { out.formUnion(byDoc[d] ?? []) }
            for d in f.dates {
                // Groups with a date `d` refines, and groups with a date that refines `d`.
                for p in EventMerger.coarsenings(d) { out.formUnion(byDate[p] ?? []) }
                out.formUnion(byDatePrefix[d] ?? [])
            }
            return out.sorted()
        }

        mutating func index(_ g: Int, adding f: Facts, to old: Facts?) {
            for d in f.docs where !(old?.docs.contains(d) ?? false) { byDoc[d, default: []].append(g) }
            for d in f.dates where !(old?.dates.contains(d) ?? false) {
                byDate[d, default: []].append(g)
                for p in EventMerger.coarsenings(d) { byDatePrefix[p, default: []].append(g) }
            }
        }
    }

    /// A date as one integer, YYYYMMDD with 00 for a missing month or day. Dates were compared
    /// as ISO strings, where one is a prefix of another exactly when it is the other's year or
    /// month (years have four digits, months and days two): `coarsenings` and `related` say
    /// the same of codes.
    static func dateCode(_ d: DateLiteral) -> Int {
        d.year * 10_000 + (d.month ?? 0) * 100 + (d.day ?? 0)
    }

    /// The code's year, its month when it has one, and itself: its ISO string's prefixes that
    /// are dates.
    static func coarsenings(_ code: Int) -> [Int] {
        let year = code / 10_000 * 10_000
        let month = code / 100 * 100
        if code == year { return [code] }
        if code == month { return [year, code] }
        return [year, month, code]
    }

    /// One date is the other or refines it: one ISO string begins with the other.
    static func related(_ a: Int, _ b: Int) -> Bool {
        if a == b { return true }
        let (short, long) = a < b ? (a, b) : (b, a)
        // The shorter is a year or month the longer lies in; a smaller code with the same year
        // and month that is not the month itself (a different day) is not a prefix.
        if short % 100 != 0 { return false }
        if short % 10_000 == 0 { return short / 10_000 == long / 10_000 }
        return short / 100 == long / 100
    }

    func merge(_ graph: Graph) -> Graph {
        var intern = Interner()
        var facts: [String: Facts] = [:]
        for r in graph.relations {
            switch (r.predicate, r.object) {
            case (.hasAgent, .entity(let a)): facts[r.subject, default: Facts()].agents.insert(intern(a))
            case (.hasPlace, .entity(let p)): facts[r.subject, default: Facts()].places.insert(intern(p))
            case (.hasDate, .date(let d)): facts[r.subject, default: Facts()].dates.insert(Self.dateCode(d))
            default: break
            }
        }
        // Groups, in order of first mention; each remembers what all its members say.
        // Per class, so an event is compared only with groups of its own class. The classes'
        // groups are changed in place in an array: taking them out of a dictionary and putting
        // them back for each event cost more than comparing the event with them.
        var classIndex: [String: Int] = [:]
        var classes: [ClassGroups] = []
        var replacement: [String: String] = [:]
        // Graph entities come in order of first mention already; keep that order.
        for e in graph.entities where e.type == .event {
            guard let cls = e.attributes["class"].map({ EventRules.familyOf[$0] ?? $0 }) else { continue }
            var f = facts[e.id] ?? Facts()
            f.docs = Set(e.mentions.map { intern($0.doc) })
            let c: Int
            if let known = classIndex[cls] {
                c = known
            } else {
                c = classes.count
                classIndex[cls] = c
                classes.append(ClassGroups())
            }
            if let rep = Self.join(e.id, f, &classes[c]) { replacement[e.id] = rep }
        }
        guard !replacement.isEmpty else { return graph }
        return rewrite(graph, replacement)
    }

    /// Puts event `id` with facts `f` into a group of its class: the representative of the
    /// group it joins, or nil when it starts one.
    private static func join(_ id: String, _ f: Facts, _ cg: inout ClassGroups) -> String? {
        // Within one article, the only other event of its kind is the one told again ("the
        // fighting started on Sep. 27" … "Azerbaijan's offensive"), unless their facts disagree.
        // A mention with no facts at all (a headline's "Aid to Armenia") gives no ground to join.
        let sameArticle = Set(f.docs.flatMap { cg.byDoc[$0] ?? [] })
        let only = sameArticle.count == 1 ? sameArticle.first : nil
        if let g = cg.candidates(for: f).first(where: { compatible(cg.groups[$0].facts, f) })
            ?? only.flatMap({ o in !f.isBare && !cg.groups[o].facts.isBare && agree(cg.groups[o].facts, f) ? o : nil }) {
            let old = cg.groups[g].facts
            cg.groups[g].facts.add(f)
            cg.index(g, adding: f, to: old)
            return cg.groups[g].rep
        }
        cg.groups.append((id, f))
        cg.index(cg.groups.count - 1, adding: f, to: nil)
        return nil
    }

    private static func sameDate(_ a: Facts, _ b: Facts) -> Bool {
        a.dates.contains { d in b.dates.contains { related(d, $0) } }
    }

    /// Nothing the two say disagrees: no two different agents, places or dates.
    private static func agree(_ a: Facts, _ b: Facts) -> Bool {
        if !a.agents.isEmpty && !b.agents.isEmpty && a.agents.isDisjoint(with: b.agents) { return false }
        if !a.places.isEmpty && !b.places.isEmpty && a.places.isDisjoint(with: b.places) { return false }
        if !a.dates.isEmpty && !b.dates.isEmpty && !sameDate(a, b) { return false }
        return true
    }

    /// True only if the two share a document or a date: `ClassGroups` relies on it.
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
        // Mentions already kept, per kept entity: an event told in every article gathers
        // thousands, and searching the list for each new one was quadratic. Sorted once at the end.
        var keptMentions: [Int: Set<Mention>] = [:]
        for (old, rep) in replacement.sorted(by: { $0.key < $1.key }) {
            guard let i = position[old], let k = position[rep] else { continue }
            let gone = g.entities[i]
            var kept = g.entities[k]
            g.entities[k].mentions = []
            var have = keptMentions.removeValue(forKey: k) ?? Set(kept.mentions)
            for m in gone.mentions where have.insert(m).inserted { kept.mentions.append(m) }
            keptMentions[k] = have
            // The fuller name wins ("war in Ukraine" over "invasion"); the other stays an alias.
            var names = [kept.name, gone.name] + kept.aliases + gone.aliases
            if Self.wordCount(gone.name) > Self.wordCount(kept.name) { kept.name = gone.name }
            names.removeAll { $0 == kept.name }
            var seen = Set<String>()
            kept.aliases = names.filter { seen.insert($0).inserted }
            g.entities[k] = kept
        }
        for k in keptMentions.keys { g.entities[k].mentions.sort() }
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

    /// `name.split(separator: " ").count`, counted over the bytes of an ASCII name (each
    /// byte a Character) without making the substrings.
    static func wordCount(_ name: String) -> Int {
        var words = 0
        var inWord = false
        for b in name.utf8 {
            guard b < 0x80 else { return name.split(separator: " ").count }
            if b == 0x20 {
                inWord = false
            } else if !inWord {
                inWord = true
                words += 1
            }
        }
        return words
    }
}
