import Foundation
import KGModel
import KGText

/// One line of `states.jsonl`, `organizations.jsonl` or a user's `--lexicon` file: a thing the
/// extractor knows by name, with a stable id (its IRI slug) and, where known, its Wikidata id
/// and CAMEO code. One format for every type, so a user file can add any of them.
public struct LexiconEntry: Sendable {
    public var id: String
    public var type: EntityType
    public var name: String
    public var aliases: [String]
    /// Official long names ("Russian Federation"): names like any alias.
    public var official: [String]
    /// States: adjectives and demonyms ("Azerbaijani", "Azeri"); the first names its bodies.
    public var demonyms: [String]
    /// States: the capital first, then other spellings ("Kyiv", "Kiev"); a capital used as an
    /// actor is the state.
    public var capitals: [String]
    /// States: buildings that stand for the government ("Kremlin"): always the state.
    public var seats: [String]
    public var iso2: String?
    public var iso3: String?
    public var wikidata: String?
    public var cameo: String?
    /// Places, agencies and officials: the state they belong to (ISO code, id or name).
    public var country: String?
    /// Officials: the office ("Foreign Minister").
    public var role: String?
    /// Organizations: what kind of body ("media" for news outlets, which relay sources).
    public var kind: String?

    /// Why an object is not an entry: the field at fault.
    enum FieldError: Error {
        case missing(String), wrongKind(String), unknownType
    }

    /// Reads a decoded JSON object. Foundation's JSONSerialization plus this is several times
    /// faster than JSONDecoder on Linux, and start-up reads a few hundred entries.
    init(object o: [String: Any]) throws(FieldError) {
        func string(_ k: String) throws(FieldError) -> String? {
            guard let v = o[k] else { return nil }
            guard let s = v as? String else { throw .wrongKind(k) }
            return s
        }
        func strings(_ k: String) throws(FieldError) -> [String] {
            guard let v = o[k] else { return [] }
            guard let a = v as? [String] else { throw .wrongKind(k) }
            return a
        }
        guard let id = try string("id") else { throw .missing("id") }
        guard let typeName = try string("type") else { throw .missing("type") }
        guard let type = EntityType(rawValue: typeName) else { throw .unknownType }
        guard let name = try string("name") else { throw .missing("name") }
        self.id = id
        self.type = type
        self.name = name
        aliases = try strings("aliases")
        official = try strings("official")
        demonyms = try strings("demonyms")
        capitals = try strings("capitals")
        seats = try strings("seats")
        iso2 = try string("iso2")
        iso3 = try string("iso3")
        wikidata = try string("wikidata")
        cameo = try string("cameo")
        country = try string("country")
        role = try string("role")
        kind = try string("kind")
    }

    /// The identity key mentions of this entry get: the extractor's key scheme, so that a
    /// lexicon entry and a pattern-found mention of the same name are one entity.
    var key: String {
        switch type {
        case .state: "state:" + name
        case .organization: "org:" + normalizeKey(name)
        case .agency: "agency:" + normalizeKey(name)
        case .place: "place:" + normalizeKey(name)
        case .person, .official: "person:" + normalizeKey(name)
        case .event: "event:" + normalizeKey(name)
        }
    }

    /// Every name the entry answers to, name first.
    var allNames: [String] { [name] + aliases + official }
}

/// The names an `Extractor` looks up: the bundled states, organizations, places and word lists,
/// plus the entries of any user lexicon files (`--lexicon FILE`).
public struct ExtractorLexicon: Sendable {
    let value: Lexicon

    /// The bundled data alone.
    public static var standard: ExtractorLexicon { ExtractorLexicon(value: .shared) }

    /// The bundled data plus the entries of these JSON Lines files (the format of
    /// `states.jsonl`); a user entry with the id of a bundled one replaces it.
    public static func loading(files paths: [String]) throws(LexiconError) -> ExtractorLexicon {
        ExtractorLexicon(value: try Lexicon.loading(files: paths))
    }
}

/// A user lexicon file that cannot be used: which file, which line, what is wrong.
public struct LexiconError: Error, CustomStringConvertible, Sendable {
    public let description: String
}

extension LexiconEntry {
    /// The entries of a JSON Lines text, one object a line; blank lines are skipped. Errors
    /// name the file and the line.
    static func parse(_ text: String, file: String) throws(LexiconError) -> [LexiconEntry] {
        var entries: [LexiconEntry] = []
        var seen: [String: Int] = [:]
        for (n, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            guard !trimmed.isEmpty else { continue }
            let where_ = "\(file):\(n + 1)"
            guard let object = (try? JSONSerialization.jsonObject(with: Data(trimmed.utf8))) as? [String: Any] else {
                throw LexiconError(description: "\(where_): not a JSON object")
            }
            let entry: LexiconEntry
            do {
                entry = try LexiconEntry(object: object)
            } catch {
                switch error {
                case .missing(let field):
                    throw LexiconError(description: "\(where_): missing \"\(field)\"")
                case .wrongKind(let field):
                    throw LexiconError(description: "\(where_): \"\(field)\" has the wrong kind of value")
                case .unknownType:
                    throw LexiconError(description: "\(where_): unknown type (use State, Organization, Agency, Official, Person or Place)")
                }
            }
            guard entry.type != .event else {
                throw LexiconError(description: "\(where_): events are found in the text, not listed (type Event)")
            }
            guard !entry.id.trimmingWhitespace().isEmpty, !entry.name.trimmingWhitespace().isEmpty else {
                throw LexiconError(description: "\(where_): \"id\" and \"name\" must not be empty")
            }
            if let first = seen[entry.id] {
                throw LexiconError(description: "\(where_): id \"\(entry.id)\" already used on line \(first)")
            }
            seen[entry.id] = n + 1
            entries.append(entry)
        }
        return entries
    }

    /// A bundled JSON Lines resource, decoded in one pass: start-up time matters more than line
    /// numbers for data the tests already check.
    static func bundled(_ name: String) -> [LexiconEntry] {
        let text = ResourceLoader.text(named: name, withExtension: "jsonl", in: .module)
        // The lines joined into one JSON array, on bytes: splitting the String by Character
        // (grapheme breaking over 100 KB) cost half as much as parsing the JSON.
        var array: [UInt8] = [UInt8(ascii: "[")]
        array.reserveCapacity(text.utf8.count + 2)
        for line in Array(text.utf8).split(separator: UInt8(ascii: "\n")) {
            if array.count > 1 { array.append(UInt8(ascii: ",")) }
            array.append(contentsOf: line)
        }
        array.append(UInt8(ascii: "]"))
        do {
            guard let objects = try JSONSerialization.jsonObject(with: Data(array)) as? [[String: Any]] else {
                fatalError("kgraph: resource \(name).jsonl is not a list of objects")
            }
            return try objects.map { o throws(FieldError) in try LexiconEntry(object: o) }
        } catch {
            fatalError("kgraph: resource \(name).jsonl is malformed: \(error)")
        }
    }
}

/// The ids a lexicon entity carries into the graph.
struct EntityIDs: Sendable, Hashable {
    var wikidata: String?
    var cameo: String?
}
