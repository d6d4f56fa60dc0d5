import KGModel
import KGText

/// Merges candidates with the same identity key into entities, across all documents.
/// Ids are assigned in order of first mention, so the same input gives the same ids.
struct EntityTable {
    private(set) var entities: [Entity] = []
    private var index: [String: Int] = [:]
    /// Mentions already recorded, so a span found twice is kept once without a linear search.
    /// Only the current document's: a span of another document is another key anyway. Integers
    /// only, and a set that stays small: one set of every span of the corpus, keyed with the
    /// document id string, cost about 1,400 instructions an insert in hashing and regrowing.
    private var seen = Set<MentionKey>()
    private struct MentionKey: Hashable {
        let entity: Int
        let start: Int
        let end: Int

        /// One word to hash (equality still compares all three): three `combine` calls were
        /// most of the cost of an insert.
        func hash(into hasher: inout Hasher) {
            hasher.combine(UInt64(truncatingIfNeeded: entity) &<< 42 ^ UInt64(truncatingIfNeeded: start) &<< 21
                           ^ UInt64(truncatingIfNeeded: end))
        }
    }
    /// The document `seen` holds, and every document met so far.
    private var currentDoc: String?
    private var documents = Set<String>()

    /// Makes `seen` the set of `doc`'s recorded spans. Mentions come document by document, so
    /// this is one comparison a call; a document met again (not something the extractor does)
    /// has its spans gathered from the entities.
    private mutating func enter(_ doc: String) {
        if currentDoc == doc { return }
        currentDoc = doc
        seen.removeAll(keepingCapacity: true)
        guard !documents.insert(doc).inserted else { return }
        for (k, e) in entities.enumerated() {
            for m in e.mentions where m.doc == doc { seen.insert(MentionKey(entity: k, start: m.start, end: m.end)) }
        }
    }

    /// Adds a mention and returns the entity id it belongs to.
    mutating func add(_ c: Candidate, doc: String) -> String {
        let mention = Span(doc: doc, start: c.start, end: c.end)
        enter(doc)
        // One hash of the key for both the lookup and a new entity's insert: `index[c.key]`
        // and then `index[c.key] = n` hashed a new key twice (about 1,300 instructions).
        let n = entities.count
        var found = n
        Self.read(&index[c.key, default: n], into: &found)
        if found < n {
            let k = found
            // In place, not on a copy: copying an entity to change it copied its mention list,
            // which made a corpus quadratic in how often Russia is named.
            if seen.insert(MentionKey(entity: k, start: c.start, end: c.end)).inserted {
                entities[k].mentions.append(mention)
            }
            // An official is a person with an office; one title anywhere makes the entity an official.
            if c.type == .official && entities[k].type == .person { entities[k].type = .official }
            // Prefer the fullest name ("Ilham Aliyev" over "Aliyev").
            if entities[k].type == .person || entities[k].type == .official, Self.isLonger(c.name, than: entities[k].name) {
                entities[k].name = c.name
            }
            if entities[k].wikidata == nil { entities[k].wikidata = c.wikidata }
            if entities[k].cameo == nil { entities[k].cameo = c.cameo }
            // No array of the aliases: building one allocated per mention.
            Self.addAlias(c.surface, to: &entities[k])
            for alias in c.extraAliases { Self.addAlias(alias, to: &entities[k]) }
            return entities[k].id
        }
        let id = "e" + String(entities.count + 1)
        var e = Entity(id: id, name: c.name, type: c.type, aliases: [], mentions: [mention], key: c.key,
                       wikidata: c.wikidata, cameo: c.cameo)
        Self.addAlias(c.surface, to: &e)
        for alias in c.extraAliases { Self.addAlias(alias, to: &e) }
        seen.insert(MentionKey(entity: entities.count, start: c.start, end: c.end))
        entities.append(e)
        return id
    }

    /// Copies the value the `default:` subscript yields (inserting the default when missing).
    private static func read(_ value: inout Int, into out: inout Int) { out = value }

    /// A person the text gives an office ("X, secretary of Y") is an official.
    mutating func promoteToOfficial(_ id: String) {
        guard let k = position(of: id), entities[k].type == .person else { return }
        entities[k].type = .official
    }

    func id(forKey key: String) -> String? { index[key].map { entities[$0].id } }

    /// The identity key of the entity with this id.
    /// The field read in place: `flatMap` on the position copied the whole entity (its name,
    /// aliases and mention list retained and released) to read one string.
    func key(of id: String) -> String? {
        guard let k = position(of: id) else { return nil }
        return entities[k].key
    }

    /// Entity id → position in `entities`, read from the id ("e12" is the twelfth) and checked
    /// against it: a dictionary of ids cost a string hash and insert for every entity made.
    private func position(of id: String) -> Int? {
        guard id.utf8.first == UInt8(ascii: "e"), let n = Int(id.dropFirst()), n >= 1, n <= entities.count,
              entities[n - 1].id == id else { return nil }
        return n - 1
    }

    private static func addAlias(_ alias: String, to e: inout Entity) {
        // An alias that starts and ends with an ASCII non-space byte is already trimmed:
        // `trimmingWhitespace` walked its scalars from both ends and copied it.
        let clean = Self.isTrimmed(alias) ? alias : alias.trimmingWhitespace()
        guard !clean.isEmpty, clean != e.name, !e.aliases.contains(clean) else { return }
        e.aliases.append(clean)
    }

    /// `a.count > b.count`. Counting Characters walks grapheme breaks; for ASCII strings each
    /// byte is one Character, so the byte counts (stored) answer it.
    private static func isLonger(_ a: String, than b: String) -> Bool {
        if utf8IsASCII(a), utf8IsASCII(b) { return a.utf8.count > b.utf8.count }
        return a.count > b.count
    }

    private static func isTrimmed(_ s: String) -> Bool {
        func solid(_ b: UInt8?) -> Bool {
            guard let b else { return false }
            return b < 0x80 && b != 0x20 && !(b >= 0x09 && b <= 0x0D)
        }
        return solid(s.utf8.first) && solid(s.utf8.last)
    }

    /// Final pass: a name that became an alias after a fuller name arrived stays an alias.
    func finished() -> [Entity] {
        entities.map { e in
            var e = e
            e.aliases.removeAll { $0 == e.name }
            e.mentions.sort()
            return e
        }
    }
}
