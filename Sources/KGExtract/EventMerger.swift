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

    /// Entity and document ids as integers. Ids of the form the extractor gives ("e12",
    /// "d3": one ASCII letter and a decimal number) are read as numbers, with no hashing of
    /// their strings: hashing ids was a third of what merging cost (4.5M of 22.5M Ir on the
    /// seeds x10). Any other id gets a negative number from a dictionary, so codes stay
    /// one-to-one with ids.
    struct IDCodes {
        private var other: [String: Int] = [:]

        mutating func callAsFunction(_ s: String) -> Int {
            if let n = Self.parse(s) { return n }
            if let k = other[s] { return k }
            let k = -(other.count + 1)
            other[s] = k
            return k
        }

        /// The code of an id already seen, or nil.
        func lookup(_ s: String) -> Int? {
            Self.parse(s) ?? other[s]
        }

        /// One ASCII letter then a decimal number without leading zeros, of up to 16 digits:
        /// the letter in the top byte, the number below. Nil for anything else.
        static func parse(_ s: String) -> Int? {
            // Over the bytes in place: the string's UTF-8 iterator cost 200 instructions an id.
            if let code = s.utf8.withContiguousStorageIfAvailable({ parse($0) }) { return code }
            return parse(s.utf8)
        }

        @inline(__always)
        private static func parse<C: Collection>(_ utf8: C) -> Int? where C.Element == UInt8 {
            var letter = 0
            var number = 0
            var digits = 0
            var leadingZero = false
            for b in utf8 {
                if letter == 0 {
                    guard (b | 0x20) &- 0x61 < 26 else { return nil }
                    letter = Int(b)
                    continue
                }
                guard b &- 0x30 < 10, digits < 16, !leadingZero else { return nil }
                if digits == 0 && b == 0x30 { leadingZero = true }
                number = number * 10 + Int(b &- 0x30)
                digits += 1
            }
            guard digits > 0 else { return nil }
            return letter << 56 | number
        }
    }

    /// The groups of one class, indexed by what can make a new event compatible with them. A
    /// compatible group shares a document with the event, or has a date that one of the
    /// event's dates extends or is extended by (see `compatible`), so only those groups need
    /// comparing, not every group of the class: with hundreds of articles that scan was
    /// quadratic in the number of events.
    private struct ClassGroups {
        /// Each group's representative: its id and its position in the graph's entities.
        var groups: [(rep: String, position: Int, facts: Facts)] = []
        var byDoc: [Int: [Int]] = [:]
        /// Exact group date → groups, and every coarsening of a group date (itself, its month,
        /// its year) → groups.
        var byDate: [Int: [Int]] = [:]
        var byDatePrefix: [Int: [Int]] = [:]

        /// The groups that may be compatible with `f`, in order of creation, some perhaps more
        /// than once (callers skip repeats): sorting an array cost less than building a set.
        func candidates(for f: Facts) -> [Int] {
            var out: [Int] = []
            for d in f.docs { if let l = byDoc[d] { out.append(contentsOf: l) } }
            for d in f.dates {
                // Groups with a date `d` refines, and groups with a date that refines `d`.
                EventMerger.forEachCoarsening(d) { p in if let l = byDate[p] { out.append(contentsOf: l) } }
                if let l = byDatePrefix[d] { out.append(contentsOf: l) }
            }
            out.sort()
            return out
        }

        mutating func index(_ g: Int, adding f: Facts, to old: Facts?) {
            for d in f.docs where !(old?.docs.contains(d) ?? false) { byDoc[d, default: []].append(g) }
            for d in f.dates where !(old?.dates.contains(d) ?? false) {
                byDate[d, default: []].append(g)
                EventMerger.forEachCoarsening(d) { p in byDatePrefix[p, default: []].append(g) }
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
        var out: [Int] = []
        forEachCoarsening(code) { out.append($0) }
        return out
    }

    /// `coarsenings(code).forEach(body)` without the array.
    @inline(__always)
    static func forEachCoarsening(_ code: Int, _ body: (Int) -> Void) {
        let year = code / 10_000 * 10_000
        let month = code / 100 * 100
        if code != year {
            body(year)
            if code != month { body(month) }
        }
        body(code)
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
        var codes = IDCodes()
        var facts: [Int: Facts] = [:]
        for r in graph.relations {
            switch (r.predicate, r.object) {
            case (.hasAgent, .entity(let a)): facts[codes(r.subject), default: Facts()].agents.insert(codes(a))
            case (.hasPlace, .entity(let p)): facts[codes(r.subject), default: Facts()].places.insert(codes(p))
            case (.hasDate, .date(let d)): facts[codes(r.subject), default: Facts()].dates.insert(Self.dateCode(d))
            default: break
            }
        }
        // Groups, in order of first mention; each remembers what all its members say.
        // Per class, so an event is compared only with groups of its own class. The classes'
        // groups are changed in place in an array: taking them out of a dictionary and putting
        // them back for each event cost more than comparing the event with them.
        var classIndex: [String: Int] = [:]
        var classes: [ClassGroups] = []
        var replacement: [Replacement] = []
        // Graph entities come in order of first mention already; keep that order. Read by
        // index: `for e in entities` copied every entity, retaining each of its fields.
        let entities = graph.entities
        for i in entities.indices where entities[i].type == .event {
            guard let cls = entities[i].attributes["class"].map({ EventRules.familyOf[$0] ?? $0 }) else { continue }
            let id = entities[i].id
            var f = facts[codes(id)] ?? Facts()
            f.docs = []
            for m in entities[i].mentions { f.docs.insert(codes(m.doc)) }
            let c: Int
            if let known = classIndex[cls] {
                c = known
            } else {
                c = classes.count
                classIndex[cls] = c
                classes.append(ClassGroups())
            }
            if let rep = Self.join(id, i, f, &classes[c]) {
                replacement.append(Replacement(old: id, oldCode: codes(id), position: i, rep: rep.id, repPosition: rep.position))
            }
        }
        guard !replacement.isEmpty else { return graph }
        return rewrite(graph, replacement, codes)
    }

    /// An event merged into the group of `rep`, with both positions in the graph's entities.
    private struct Replacement {
        var old: String
        var oldCode: Int
        var position: Int
        var rep: String
        var repPosition: Int
    }

    /// Puts event `id` (at `position` in the graph) with facts `f` into a group of its class:
    /// the representative of the group it joins, or nil when it starts one.
    private static func join(_ id: String, _ position: Int, _ f: Facts, _ cg: inout ClassGroups) -> (id: String, position: Int)? {
        // Within one article, the only other event of its kind is the one told again ("the
        // fighting started on Sep. 27" … "Azerbaijan's offensive"), unless their facts disagree.
        // A mention with no facts at all (a headline's "Aid to Armenia") gives no ground to join.
        // The one group of the event's articles, if exactly one, found without a set.
        var only: Int?
        var several = false
        for d in f.docs {
            guard let l = cg.byDoc[d] else { continue }
            for g in l {
                if only == nil { only = g } else if only != g { several = true }
            }
        }
        if several { only = nil }
        var found: Int?
        var previous = -1
        for g in cg.candidates(for: f) where g != previous {
            previous = g
            if compatible(cg.groups[g].facts, f) {
                found = g
                break
            }
        }
        if let g = found
            ?? only.flatMap({ o in !f.isBare && !cg.groups[o].facts.isBare && agree(cg.groups[o].facts, f) ? o : nil }) {
            let old = cg.groups[g].facts
            cg.groups[g].facts.add(f)
            cg.index(g, adding: f, to: old)
            return (cg.groups[g].rep, cg.groups[g].position)
        }
        cg.groups.append((id, position, f))
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

    /// A mention with its document as a code: hashing a `Mention` hashed its document's id.
    private struct MentionKey: Hashable {
        var doc: Int
        var start: Int
        var end: Int
    }

    private func rewrite(_ graph: Graph, _ replacements: [Replacement], _ codes: IDCodes) -> Graph {
        var g = graph
        // Mentions already kept, per kept entity: an event told in every article gathers
        // thousands, and searching the list for each new one was quadratic. Sorted once at the end.
        var keptMentions: [Int: Set<MentionKey>] = [:]
        var codes = codes
        func key(_ m: Mention) -> MentionKey { MentionKey(doc: codes(m.doc), start: m.start, end: m.end) }
        for r in replacements.sorted(by: { $0.old < $1.old }) {
            let i = r.position, k = r.repPosition
            let gone = g.entities[i]
            var kept = g.entities[k]
            g.entities[k].mentions = []
            var have = keptMentions.removeValue(forKey: k) ?? Set(kept.mentions.map(key))
            for m in gone.mentions where have.insert(key(m)).inserted { kept.mentions.append(m) }
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
        // Ids by code: every relation's subject and object are looked up, and hashing their
        // strings cost more than the rest of the rewrite.
        var replacement: [Int: String] = [:]
        replacement.reserveCapacity(replacements.count)
        for r in replacements { replacement[r.oldCode] = r.rep }
        let removed = codes
        g.entities.removeAll { $0.type == .event && removed.lookup($0.id).map { replacement[$0] != nil } ?? false }
        var set = RelationSet()
        let swap = { (id: String) in removed.lookup(id).flatMap { replacement[$0] } ?? id }
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
