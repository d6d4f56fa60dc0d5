import Foundation
import KGText

/// The extractor's language data: word lists from `Resources/lexicon.json`, the states of
/// `states.jsonl`, the organizations of `organizations.jsonl` and the places of `places.tsv`,
/// plus whatever a user adds with `--lexicon FILE`. Lookups are prepared once and shared read-only.
/// A class, not a struct: every stage holds `Lexicon.shared`, and copying a struct of thirty
/// sets and dictionaries on each word-list lookup cost a fifth of the extraction time.
@dynamicMemberLookup
final class Lexicon: Sendable {
    final class Raw: Decodable, Sendable {
        let actorVerbs: WordSet
        let metonymyPrepositions: WordSet
        let actorContexts: WordSet
        let deployWords: WordSet
        let titles: [String]
        let rankAbbreviations: [String: String]
        let personCues: WordSet
        let speechVerbs: WordSet
        let organizationHeads: WordSet
        let agencyHeads: WordSet
        let ministryFunctions: [String: String]
        let forceNouns: [String: String]
        let regions: [String]
        let placeCues: WordSet
        let locativePrepositions: WordSet
        let eventTriggers: [String: String]
        let targetPrepositions: WordSet
        let accuseWords: WordSet
        let counterVerbs: WordSet
        let lightVerbs: WordSet
        let statementKinds: WordSet
        let directions: WordSet
        let denyWords: WordSet
        let aidWords: WordSet
        let memberWords: WordSet
        let attributionCues: [String]
        let stopNames: WordSet
        let nameBlockers: WordSet
        let describingHeads: WordSet
        let clauseWords: WordSet
    }

    /// One row of `places.tsv`: a city or a province, its country and other names, the names
    /// already numbered as phrase words.
    struct Place {
        var isCity: Bool
        var name: String
        var country: String
        /// `phraseKey(name)` as word ids.
        var key: [Int32]
        /// Each alias's `phraseKey` as word ids.
        var aliases: [[Int32]]

        /// Splits on bytes, not Characters: grapheme breaking over a megabyte costs more than
        /// everything else the extractor does at start-up. Names are numbered from their bytes
        /// (`Vocabulary.Builder.intern(phraseBytes:)`): making each alias a `String` and then
        /// `[String]` words cost more than the rest of the parsing. Fields are found by index,
        /// not `split` into arrays: growing those arrays field by field, row by row, was most of
        /// what was left.
        /// `tsv` is the file's bytes, not a `String`: validating a megabyte of UTF-8 into a
        /// string that is only read back as bytes cost a twentieth of start-up. The file is
        /// generated and tested as UTF-8; fields are decoded with repair all the same.
        static func parse(_ tsv: Data, into words: inout Vocabulary.Builder) -> [Place] {
            var rows: [Place] = []
            tsv.withUnsafeBytes { raw in
                let bytes = raw.bindMemory(to: UInt8.self)
                let tab = UInt8(ascii: "\t"), bar = UInt8(ascii: "|")
                var start = 0
                while start < bytes.count {
                    var end = start
                    while end < bytes.count, bytes[end] != UInt8(ascii: "\n") { end += 1 }
                    let line = start..<end
                    start = end + 1
                    // Empty lines and comments, as `split` omitting empty lines skipped them.
                    guard !line.isEmpty, bytes[line.lowerBound] != UInt8(ascii: "#") else { continue }
                    func fieldEnd(_ from: Int) -> Int {
                        var k = from
                        while k < line.upperBound, bytes[k] != tab { k += 1 }
                        return k
                    }
                    // Type, name, country, (unused) and aliases; a row needs the first four.
                    let e0 = fieldEnd(line.lowerBound)
                    guard e0 < line.upperBound else { continue }
                    let e1 = fieldEnd(e0 + 1)
                    guard e1 < line.upperBound else { continue }
                    let e2 = fieldEnd(e1 + 1)
                    guard e2 < line.upperBound else { continue }
                    let e3 = fieldEnd(e2 + 1)
                    var aliases: [[Int32]] = []
                    if e3 < line.upperBound {
                        // Aliases split on "|", empty ones skipped, numbered in order.
                        let list = (e3 + 1)..<fieldEnd(e3 + 1)
                        var a = list.lowerBound
                        while a < list.upperBound {
                            var b = a
                            while b < list.upperBound, bytes[b] != bar { b += 1 }
                            if b > a { aliases.append(words.intern(phraseBytes: bytes[a..<b])) }
                            a = b + 1
                        }
                    }
                    let name = bytes[(e0 + 1)..<e1]
                    rows.append(Place(isCity: bytes[line.lowerBound..<e0].elementsEqual("city".utf8),
                                      name: String(decoding: name, as: UTF8.self),
                                      country: String(decoding: bytes[(e1 + 1)..<e2], as: UTF8.self),
                                      key: words.intern(phraseBytes: name), aliases: aliases))
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
        /// From a user lexicon: a state body, or a person with or without an office.
        case agency(name: String, state: String?)
        case person(name: String, role: String?, state: String?)
    }

    let raw: Raw
    /// The words of every phrase table below: a sentence's words are numbered once
    /// (`AnalyzedDocument.wordIDs`) and the tables are looked up by those numbers.
    let vocabulary: Vocabulary
    /// Token sequences (lowercased) → what they name, for longest-first matching.
    /// `gazetteer.longest(from:)` gives, for each first word of a name, the most words a name
    /// starting with it has: most capitalized words start no name, and that answers it at once.
    let gazetteer: PhraseTable<GazetteerKind>
    var longestPhrase: Int { gazetteer.longest }
    /// Demonym or state-name token sequence → canonical state name ("russian" → "Russia").
    let demonyms: PhraseTable<String>
    /// State → its demonym as written ("Russia" → "Russian").
    let demonymOf: [String: String]
    /// ISO alpha-2, alpha-3 or lexicon id → the state's canonical name.
    let stateByISO: [String: String]
    let stateNames: Set<String>
    /// Identity key → the Wikidata id and CAMEO code of the lexicon entry behind it.
    let ids: [String: EntityIDs]
    /// Identity keys of news outlets: provenance, not speakers, when they relay someone else.
    let mediaKeys: Set<String>
    /// Titles as token sequences, grouped by first word, longest first.
    let titles: [String: [[String]]]
    /// The same titles by word ids, each mapped to its length.
    let titleTable: PhraseTable<Int>
    /// Canonical names of the regions list.
    let regionNames: Set<String>
    let triggers: PhraseTable<String>
    let forceNouns: PhraseTable<String>
    /// `ministryFunctions` by word ids: the key's words as `joined(separator: " ")` would rebuild it.
    let ministryFunctionTable: PhraseTable<String>
    /// The event triggers of `EventLexicon.shared`, by word ids.
    let eventTriggers: PhraseTable<EventLexicon.EventClass>
    /// First words of force nouns and ministry functions: most tokens are neither, and this
    /// answers that without building phrases.
    let unitFirstWords: WordSet
    /// `attributionCues` as token sequences, longest first.
    let attributionCuePhrases: [[String]]
    /// The same, matched at every token.
    let attributionCues: PhraseList

    /// Stop names plus office and institution words: none of them begins a person's name.
    let notPersonNames: WordSet
    /// The word lists the mention matchers ask at nearly every token, as bits by word id.
    let mentionWords: MentionWords

    /// The bundled data, without user additions.
    static let shared = Lexicon(extra: [])

    /// The bundled data plus the entries of user lexicon files (JSON Lines, the format of
    /// `states.jsonl`). A user entry with the id of a bundled one replaces it.
    static func loading(files paths: [String]) throws(LexiconError) -> Lexicon {
        guard !paths.isEmpty else { return shared }
        var extra: [LexiconEntry] = []
        for path in paths {
            let data: Data
            do { data = try Data(contentsOf: URL(fileURLWithPath: path)) } catch {
                throw LexiconError(description: "\(path): cannot read the lexicon file")
            }
            guard let text = String(data: data, encoding: .utf8) else {
                throw LexiconError(description: "\(path): not UTF-8 text")
            }
            extra += try LexiconEntry.parse(text, file: path)
        }
        return Lexicon(extra: extra)
    }

    /// Decoded once per process: a user lexicon rebuilds the lookups, not the parsing.
    /// The places' words are numbered here, once: a lexicon starts from a copy of `words`.
    private struct Bundled: Sendable {
        let raw: Raw
        let states: [LexiconEntry]
        let organizations: [LexiconEntry]
        let places: [Place]
        let words: Vocabulary.Builder
        static let data: Bundled = {
            let states = LexiconEntry.bundled("states")
            let organizations = LexiconEntry.bundled("organizations")
            var words = Vocabulary.Builder()
            // Room for the other entries' words too: growing a table of 50,000 words rehashes it.
            words.reserveCapacity(60_000 + (states.count + organizations.count) * 4)
            guard let url = Bundle.module.url(forResource: "places", withExtension: "tsv"),
                  let tsv = try? Data(contentsOf: url) else {
                fatalError("kgraph: missing or unreadable resource places.tsv in \(Bundle.module.bundlePath)")
            }
            let places = Place.parse(tsv, into: &words)
            return Bundled(raw: ResourceLoader.decode(Raw.self, named: "lexicon", in: .module), states: states,
                           organizations: organizations, places: places, words: words)
        }()
    }

    private init(extra: [LexiconEntry]) {
        let bundled = Bundled.data
        let raw = bundled.raw
        self.raw = raw
        let replaced = Set(extra.map(\.id))
        let entries = (bundled.states + bundled.organizations).filter { !replaced.contains($0.id) } + extra

        // Phrases are numbered words from the start: building `[String]` keys and converting
        // them afterwards cost a tenth of a second of every run.
        var words = bundled.words
        var gaz = PhraseTable<GazetteerKind>.Builder()
        var demonyms = PhraseTable<String>.Builder()
        var demonymOf: [String: String] = [:]
        var byISO: [String: String] = [:]
        var ids: [String: EntityIDs] = [:]
        func key(_ s: String) -> [Int32] { words.intern(Lexicon.phraseKey(s)) }
        let names = bundled.places.reduce(entries.count * 4) { $0 + 1 + $1.aliases.count }
        gaz.reserveCapacity(names)
        func addIfAbsent(_ k: [Int32], _ kind: GazetteerKind) {
            if !k.isEmpty, gaz[k] == nil { gaz[k] = kind }
        }
        // Cities first at lowest priority: later entries (regions, organizations, states) overwrite.
        // Rows come largest city first; going backwards lets a large city's name win a clash.
        for c in bundled.places.reversed() where c.isCity {
            gaz[c.key] = .place(name: c.name, stateISO: c.country)
        }
        for c in bundled.places {
            for a in c.aliases { addIfAbsent(a, .place(name: c.name, stateISO: c.country)) }
            if !c.isCity { addIfAbsent(c.key, .place(name: c.name, stateISO: c.country)) }
        }
        for group in raw.regions {
            let names = group.split(separator: "|").map(String.init)
            // A region the gazetteer already places in one country keeps it ("Syunik" is AM-SU):
            // the list names regions, it does not unplace them. Regions across borders have none.
            var iso: String?
            if case .place(_, let s)? = gaz[key(names[0])] { iso = s }
            for n in names { gaz[key(n)] = .place(name: names[0], stateISO: iso) }
        }
        let states = entries.filter { $0.type == .state }
        var stateNames = Set<String>()
        for s in states {
            stateNames.insert(s.name)
            for code in [s.iso2, s.iso3, s.id].compactMap({ $0 }) { byISO[code] = s.name }
        }
        /// A user entry's "country" as a canonical state name (ISO code, id or name).
        func state(_ country: String?) -> String? {
            guard let country else { return nil }
            return byISO[country] ?? (stateNames.contains(country) ? country : nil)
        }
        func apply(_ e: LexiconEntry) {
            let owner = state(e.country)
            for n in e.allNames {
                switch e.type {
                case .organization: gaz[key(n)] = .organization(e.name)
                case .place: gaz[key(n)] = .place(name: e.name, stateISO: owner.flatMap { s in states.first { $0.name == s }?.iso2 })
                case .agency: gaz[key(n)] = .agency(name: e.name, state: owner)
                case .person, .official: gaz[key(n)] = .person(name: e.name, role: e.role ?? (e.type == .official ? "" : nil), state: owner)
                case .state, .event: break
                }
            }
            if e.wikidata != nil || e.cameo != nil { ids[e.key] = EntityIDs(wikidata: e.wikidata, cameo: e.cameo) }
        }
        for e in entries where e.type != .state { apply(e) }
        for s in states {
            for n in s.allNames { gaz[key(n)] = .state(s.name) }
            for d in s.demonyms { demonyms[key(d)] = s.name }
            if let d = s.demonyms.first { demonymOf[s.name] = d }
            // The first capital is the city's name; the others are spellings of it ("Kiev").
            if let city = s.capitals.first {
                for c in s.capitals { gaz[key(c)] = .capital(city: city, state: s.name) }
            }
            if s.wikidata != nil || s.cameo != nil { ids[s.key] = EntityIDs(wikidata: s.wikidata, cameo: s.cameo) }
        }
        for s in states {
            for seat in s.seats { gaz[key(seat)] = .seat(s.name) }
        }
        // A user's organizations, agencies, people and places win over the bundled states' names.
        for e in extra where e.type != .state { apply(e) }
        for name in stateNames { demonyms[key(name)] = name }
        let titles = raw.titles.map(Lexicon.phraseKey).filter { !$0.isEmpty }
        let titleIDs = Dictionary(titles.map { (words.intern($0), $0.count) }, uniquingKeysWith: { a, _ in a })
        let triggers = Dictionary(raw.eventTriggers.map { (key($0.key), $0.value) }, uniquingKeysWith: { a, _ in a })
        let forceNouns = Dictionary(raw.forceNouns.map { (key($0.key), $0.value) }, uniquingKeysWith: { a, _ in a })
        let functions = Dictionary(raw.ministryFunctions.map { (words.intern($0.key.split(separator: " ", omittingEmptySubsequences: false).map(String.init)), $0.value) },
                                   uniquingKeysWith: { a, _ in a })
        let eventTriggers = EventLexicon.shared.triggers
        for k in eventTriggers.keys { _ = words.intern(k) }
        let attributionCuePhrases = raw.attributionCues.map(Lexicon.phraseKey).sorted { $0.count > $1.count }
        let attributionCues = PhraseList(attributionCuePhrases)
        let unitFirstWords = WordSet(raw.forceNouns.keys.compactMap { Lexicon.phraseKey($0).first } + raw.ministryFunctions.keys.compactMap { Lexicon.phraseKey($0).first })
        let vocabulary = Vocabulary(words.ids, flags: WordFlags.table(raw: raw, unitFirstWords: unitFirstWords, attributionCues: attributionCues))
        self.vocabulary = vocabulary
        self.gazetteer = PhraseTable(gaz, vocabulary: vocabulary)
        self.demonyms = PhraseTable(demonyms, vocabulary: vocabulary)
        self.demonymOf = demonymOf
        self.stateByISO = byISO
        self.stateNames = stateNames
        self.ids = ids
        self.mediaKeys = Set(entries.filter { $0.kind == "media" }.map(\.key))
        self.regionNames = Set(raw.regions.compactMap { $0.split(separator: "|").first.map(String.init) })
        self.titles = Dictionary(grouping: titles, by: { $0[0] })
            .mapValues { $0.sorted { $0.count > $1.count } }
        self.titleTable = PhraseTable(titleIDs, vocabulary: vocabulary)
        self.triggers = PhraseTable(triggers, vocabulary: vocabulary)
        self.forceNouns = PhraseTable(forceNouns, vocabulary: vocabulary)
        self.ministryFunctionTable = PhraseTable(functions, vocabulary: vocabulary)
        self.eventTriggers = PhraseTable(eventTriggers, vocabulary: vocabulary)
        self.attributionCuePhrases = attributionCuePhrases
        self.attributionCues = attributionCues
        self.unitFirstWords = unitFirstWords
        // Month and weekday names are dates, never names ("June", "December").
        let dateWords = DateWords.shared
        let calendar = (Array(dateWords.months.keys) + Array(dateWords.weekdays.keys)).map { $0.prefix(1).uppercased() + $0.dropFirst() }
        let notPersonNames = WordSet(raw.stopNames.union(raw.nameBlockers).union(calendar))
        self.notPersonNames = notPersonNames
        self.mentionWords = MentionWords(raw: raw, vocabulary: vocabulary, notPersonNames: notPersonNames)
    }

    /// The word lists of `lexicon.json` read straight through: `lex.speechVerbs` is
    /// `raw.speechVerbs`, decoded once as a set.
    subscript<T>(dynamicMember path: KeyPath<Raw, T>) -> T { raw[keyPath: path] }

    /// "Armenians", "Azerbaijanis": a people, not a name.
    func isPeople(_ lowercased: String) -> Bool {
        lowercased.hasSuffix("s") && demonyms[CollectionOfOne(String(lowercased.dropLast()))] != nil
    }

    /// First word → the most words a phrase starting with it has, so a lookup can reject a word
    /// that starts no phrase before building any.
    static func longestByFirstWord<S: Sequence>(_ phrases: S) -> [String: Int] where S.Element == [String] {
        var out: [String: Int] = [:]
        for p in phrases { if let first = p.first { out[first] = max(out[first] ?? 0, p.count) } }
        return out
    }

    /// The lowercased word tokens of a phrase, as the matcher sees them ("Russia’s" → ["russia", "’s"]).
    /// The gazetteer's plain ASCII names skip this (`Vocabulary.Builder.intern(phraseBytes:)`);
    /// for the rest, ASCII and accented-Latin shortcuts here saved 7M of 327M start-up
    /// instructions, too little for a second copy of the tokenizer's lowercasing.
    static func phraseKey(_ s: String) -> [String] {
        let scalars = Array(s.unicodeScalars)
        return Tokenizer.lowercasedTokens(scalars, in: 0..<scalars.count)
    }
}
