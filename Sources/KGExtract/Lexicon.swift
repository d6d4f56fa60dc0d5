import Foundation
import KGText

/// The extractor's language data, decoded from `Resources/lexicon.json`, `states.json` and
/// `places.json`. Lookups are prepared once, at first use, and shared read-only.
@dynamicMemberLookup
struct Lexicon: Sendable {
    struct StateEntry: Decodable, Sendable {
        var name: String
        var iso: String?
        var aliases: [String]
        var capital: String?
        var demonym: String?
        var demonyms: [String]?
    }

    struct Organization: Decodable, Sendable {
        var name: String
        var aliases: [String]
    }

    struct Raw: Decodable, Sendable {
        var extraStates: [StateEntry]
        var seatsOfPower: [String: String]
        var extraCapitals: [String: String]
        var actorVerbs: Set<String>
        var metonymyPrepositions: Set<String>
        var actorContexts: Set<String>
        var deployWords: Set<String>
        var titles: [String]
        var rankAbbreviations: [String: String]
        var personCues: Set<String>
        var speechVerbs: Set<String>
        var organizations: [Organization]
        var organizationHeads: Set<String>
        var agencyHeads: Set<String>
        var ministryFunctions: [String: String]
        var forceNouns: [String: String]
        var regions: [String]
        var placeCues: Set<String>
        var locativePrepositions: Set<String>
        var eventTriggers: [String: String]
        var targetPrepositions: Set<String>
        var accuseWords: Set<String>
        var counterVerbs: Set<String>
        var lightVerbs: Set<String>
        var statementKinds: Set<String>
        var directions: Set<String>
        var denyWords: Set<String>
        var aidWords: Set<String>
        var memberWords: Set<String>
        var attributionCues: [String]
        var stopNames: Set<String>
        var nameBlockers: Set<String>
    }

    /// One row of `places.tsv`: a city or a province, its country and other names.
    struct Place {
        var isCity: Bool
        var name: String
        var country: String
        var aliases: [Substring]

        /// Splits on bytes, not Characters: grapheme breaking over a megabyte costs more than
        /// everything else the extractor does at start-up.
        static func parse(_ tsv: String) -> [Place] {
            var rows: [Place] = []
            var text = tsv
            text.withUTF8 { bytes in
                for line in bytes.split(separator: UInt8(ascii: "\n")) where line.first != UInt8(ascii: "#") {
                    let f = line.split(separator: UInt8(ascii: "\t"), omittingEmptySubsequences: false)
                    guard f.count >= 4 else { continue }
                    let aliases = f.count > 4 ? f[4].split(separator: UInt8(ascii: "|")).map { Substring(String(decoding: $0, as: UTF8.self)) } : []
                    rows.append(Place(isCity: f[0].elementsEqual("city".utf8), name: String(decoding: f[1], as: UTF8.self),
                                      country: String(decoding: f[2], as: UTF8.self), aliases: aliases))
                }
            }
            return rows
        }
    }

    /// What a gazetteer phrase names.
    enum GazetteerKind: Sendable, Hashable {
        case state(String)
        /// A seat of power: always the state it stands for.
        case seat(String)
        /// A capital city: a place, or its state when used as an actor.
        case capital(city: String, state: String)
        case organization(String)
        case place(name: String, stateISO: String?)
    }

    let raw: Raw
    /// Token sequences (lowercased) → what they name, for longest-first matching.
    let gazetteer: [[String]: GazetteerKind]
    let longestPhrase: Int
    /// Demonym or state-name token sequence → canonical state name ("russian" → "Russia").
    let demonyms: [[String]: String]
    /// State → its demonym as written ("Russia" → "Russian").
    let demonymOf: [String: String]
    let stateByISO: [String: String]
    let stateNames: Set<String>
    /// Titles as token sequences, grouped by first word, longest first.
    let titles: [String: [[String]]]
    /// Canonical names of the regions list.
    let regionNames: Set<String>
    let triggers: [[String]: String]
    let forceNouns: [[String]: String]
    /// First words of force nouns and ministry functions: most tokens are neither, and this
    /// answers that without building phrases.
    let unitFirstWords: Set<String>
    /// `attributionCues` as token sequences, longest first.
    let attributionCuePhrases: [[String]]

    /// Stop names plus office and institution words: none of them begins a person's name.
    let notPersonNames: Set<String>

    static let shared = Lexicon()

    private init() {
        let raw = ResourceLoader.decode(Raw.self, named: "lexicon", in: .module)
        let states = ResourceLoader.decode([StateEntry].self, named: "states", in: .module)
        let places = Place.parse(ResourceLoader.text(named: "places", withExtension: "tsv", in: .module))
        self.raw = raw

        var gaz: [[String]: GazetteerKind] = [:]
        var demonyms: [[String]: String] = [:]
        var demonymOf: [String: String] = [:]
        var byISO: [String: String] = [:]
        func key(_ s: String) -> [String] { Lexicon.phraseKey(s) }
        func addIfAbsent(_ name: String, _ kind: GazetteerKind) {
            let k = key(name)
            if !k.isEmpty, gaz[k] == nil { gaz[k] = kind }
        }
        // Cities first at lowest priority: later entries (regions, organizations, states) overwrite.
        // Rows come largest city first; going backwards lets a large city's name win a clash.
        for c in places.reversed() where c.isCity {
            gaz[key(c.name)] = .place(name: c.name, stateISO: c.country)
        }
        for c in places {
            for a in c.aliases { addIfAbsent(String(a), .place(name: c.name, stateISO: c.country)) }
            if !c.isCity { addIfAbsent(c.name, .place(name: c.name, stateISO: c.country)) }
        }
        for group in raw.regions {
            let names = group.split(separator: "|").map(String.init)
            for n in names { gaz[key(n)] = .place(name: names[0], stateISO: nil) }
        }
        for o in raw.organizations {
            gaz[key(o.name)] = .organization(o.name)
            for a in o.aliases { gaz[key(a)] = .organization(o.name) }
        }
        var stateNames = Set<String>()
        for s in states {
            stateNames.insert(s.name)
            if let iso = s.iso { byISO[iso] = s.name }
            gaz[key(s.name)] = .state(s.name)
            for a in s.aliases { gaz[key(a)] = .state(s.name) }
            if let d = s.demonym {
                demonyms[key(d)] = s.name
                demonymOf[s.name] = d
            }
            if let c = s.capital, !c.isEmpty { gaz[key(c)] = .capital(city: c, state: s.name) }
        }
        for s in raw.extraStates {
            stateNames.insert(s.name)
            gaz[key(s.name)] = .state(s.name)
            for a in s.aliases { gaz[key(a)] = .state(s.name) }
            for d in s.demonyms ?? [] { demonyms[key(d)] = s.name }
            if let d = s.demonyms?.first { demonymOf[s.name] = d }
        }
        for (seat, state) in raw.seatsOfPower { gaz[key(seat)] = .seat(state) }
        for (city, state) in raw.extraCapitals { gaz[key(city)] = .capital(city: city, state: state) }
        for name in stateNames { demonyms[key(name)] = name }
        self.gazetteer = gaz
        self.longestPhrase = gaz.keys.map(\.count).max() ?? 1
        self.demonyms = demonyms
        self.demonymOf = demonymOf
        self.stateByISO = byISO
        self.stateNames = stateNames
        self.regionNames = Set(raw.regions.compactMap { $0.split(separator: "|").first.map(String.init) })
        self.titles = Dictionary(grouping: raw.titles.map(key).filter { !$0.isEmpty }, by: { $0[0] })
            .mapValues { $0.sorted { $0.count > $1.count } }
        self.triggers = Dictionary(raw.eventTriggers.map { (key($0.key), $0.value) }, uniquingKeysWith: { a, _ in a })
        self.forceNouns = Dictionary(raw.forceNouns.map { (key($0.key), $0.value) }, uniquingKeysWith: { a, _ in a })
        self.attributionCuePhrases = raw.attributionCues.map(key).sorted { $0.count > $1.count }
        self.unitFirstWords = Set(raw.forceNouns.keys.compactMap { key($0).first } + raw.ministryFunctions.keys.compactMap { key($0).first })
        // Month and weekday names are dates, never names ("June", "December").
        let dateWords = DateWords.shared
        let calendar = (Array(dateWords.months.keys) + Array(dateWords.weekdays.keys)).map { $0.prefix(1).uppercased() + $0.dropFirst() }
        self.notPersonNames = raw.stopNames.union(raw.nameBlockers).union(calendar)
    }

    /// The word lists of `lexicon.json` read straight through: `lex.speechVerbs` is
    /// `raw.speechVerbs`, decoded once as a set.
    subscript<T>(dynamicMember path: KeyPath<Raw, T>) -> T { raw[keyPath: path] }

    /// "Armenians", "Azerbaijanis": a people, not a name.
    func isPeople(_ lowercased: String) -> Bool {
        lowercased.hasSuffix("s") && demonyms[[String(lowercased.dropLast())]] != nil
    }

    /// The lowercased word tokens of a phrase, as the matcher sees them ("Russia’s" → ["russia", "’s"]).
    static func phraseKey(_ s: String) -> [String] {
        // Most gazetteer names are ASCII letters and spaces; for them the tokenizer's answer is
        // the lowercased words, and 45,000 names at start-up make the shortcut worth having.
        if s.utf8.allSatisfy({ ($0 >= 0x61 && $0 <= 0x7A) || ($0 >= 0x41 && $0 <= 0x5A) || $0 == 0x20 }) {
            return s.lowercased().split(separator: " ").map(String.init)
        }
        let scalars = Array(s.unicodeScalars)
        return Tokenizer.tokenize(scalars, in: 0..<scalars.count).map { $0.text.lowercased() }
    }
}
