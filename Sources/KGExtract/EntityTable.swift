import KGModel
import KGText

/// Merges candidates with the same identity key into entities, across all documents.
/// Ids are assigned in order of first mention, so the same input gives the same ids.
struct EntityTable {
    private(set) var entities: [Entity] = []
    private var index: [String: Int] = [:]
    /// Entity id → position in `entities`.
    private var position: [String: Int] = [:]
    /// Mentions already recorded, so a span found twice is kept once without a linear search.
    private var seen = Set<MentionKey>()
    /// Integers only: hashing the span's document id string made each insert cost about 1,400
    /// instructions. The document is numbered when it changes (`documentNumber`).
    private struct MentionKey: Hashable { let entity: Int; let doc: Int; let start: Int; let end: Int }
    /// Document id → its number in `MentionKey`, and the document of the previous call: mentions
    /// come document by document, so the dictionary is asked once per document.
    private var documentNumbers: [String: Int] = [:]
    private var currentDoc: (id: String, number: Int)?

    private mutating func documentNumber(_ doc: String) -> Int {
        if let current = currentDoc, current.id == doc { return current.number }
        let number = documentNumbers[doc] ?? documentNumbers.count
        documentNumbers[doc] = number
        currentDoc = (doc, number)
        return number
    }

    /// Adds a mention and returns the entity id it belongs to.
    mutating func add(_ c: Candidate, doc: String) -> String {
        let mention = Span(doc: doc, start: c.start, end: c.end)
        let docNumber = documentNumber(doc)
        if let k = index[c.key] {
            // In place, not on a copy: copying an entity to change it copied its mention list,
            // which made a corpus quadratic in how often Russia is named.
            if seen.insert(MentionKey(entity: k, doc: docNumber, start: c.start, end: c.end)).inserted {
                entities[k].mentions.append(mention)
            }
            // An official is a person with an office; one title anywhere makes the entity an official.
            if c.type == .official && entities[k].type == .person { entities[k].type = .official }
            // Prefer the fullest name ("Ilham Aliyev" over "Aliyev").
            if entities[k].type == .person || entities[k].type == .official, c.name.count > entities[k].name.count {
                entities[k].name = c.name
            }
            if entities[k].wikidata == nil { entities[k].wikidata = c.wikidata }
            if entities[k].cameo == nil { entities[k].cameo = c.cameo }
            // No array of the aliases: building one allocated per mention.
            Self.addAlias(c.surface, to: &entities[k])
            for alias in c.extraAliases { Self.addAlias(alias, to: &entities[k]) }
            return entities[k].id
        }
        let id = "e\(entities.count + 1)"
        var e = Entity(id: id, name: c.name, type: c.type, aliases: [], mentions: [mention], key: c.key,
                       wikidata: c.wikidata, cameo: c.cameo)
        Self.addAlias(c.surface, to: &e)
        for alias in c.extraAliases { Self.addAlias(alias, to: &e) }
        seen.insert(MentionKey(entity: entities.count, doc: docNumber, start: c.start, end: c.end))
        index[c.key] = entities.count
        position[id] = entities.count
        entities.append(e)
        return id
    }

    /// A person the text gives an office ("X, secretary of Y") is an official.
    mutating func promoteToOfficial(_ id: String) {
        guard let k = position[id], entities[k].type == .person else { return }
        entities[k].type = .official
    }

    func id(forKey key: String) -> String? { index[key].map { entities[$0].id } }

    /// The identity key of the entity with this id.
    func key(of id: String) -> String? { position[id].flatMap { entities[$0].key } }

    private static func addAlias(_ alias: String, to e: inout Entity) {
        // An alias that starts and ends with an ASCII non-space byte is already trimmed:
        // `trimmingWhitespace` walked its scalars from both ends and copied it.
        let clean = Self.isTrimmed(alias) ? alias : alias.trimmingWhitespace()
        guard !clean.isEmpty, clean != e.name, !e.aliases.contains(clean) else { return }
        e.aliases.append(clean)
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
