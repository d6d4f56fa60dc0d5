import Foundation
import KGText

/// Event classes and their triggers, from `Resources/events.tsv`: which words name a happening,
/// what kind of happening, and its CAMEO root code.
struct EventLexicon: Sendable {
    struct EventClass: Sendable, Hashable {
        let name: String
        /// The CAMEO root code ("19"); nil for classes CAMEO has no family for (elections).
        let cameo: String?
    }

    /// Trigger phrase as lowercased tokens → its class.
    let triggers: [[String]: EventClass]
    /// The longest trigger, in tokens: the matcher tries this many first.
    let longestTrigger: Int
    /// First word of a trigger → its longest trigger, so most words are rejected at once.
    let longestFrom: [String: Int]

    /// A dated "said" is a statement even though "said" is no trigger.
    static let statement = EventClass(name: "statement", cameo: "01")
    /// "told POLITICO": speech to an outlet.
    static let interview = EventClass(name: "interview", cameo: "01")

    static let shared = EventLexicon(tsv: ResourceLoader.text(named: "events", withExtension: "tsv", in: .module))

    init(tsv: String) {
        var triggers: [[String]: EventClass] = [:]
        for line in tsv.split(separator: "\n") where !line.hasPrefix("#") {
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            guard fields.count == 3 else { continue }
            let cameo = fields[1] == "-" ? nil : fields[1]
            let cls = EventClass(name: fields[0], cameo: cameo)
            for trigger in fields[2].split(separator: "|") {
                let key = Lexicon.phraseKey(String(trigger))
                // The first class listed for a word keeps it, so the file reads top to bottom.
                if !key.isEmpty, triggers[key] == nil { triggers[key] = cls }
            }
        }
        self.triggers = triggers
        self.longestTrigger = triggers.keys.map(\.count).max() ?? 1
        self.longestFrom = Lexicon.longestByFirstWord(triggers.keys)
    }

    /// The trigger starting at token `i`, longest first, with its length in tokens.
    func match(_ lower: [String], at i: Int) -> (EventClass, Int)? {
        guard let longest = longestFrom[lower[i]] else { return nil }
        for n in stride(from: min(longest, lower.count - i), through: 1, by: -1) {
            if let cls = triggers[Array(lower[i..<(i + n)])] { return (cls, n) }
        }
        return nil
    }

    func isTrigger(_ lowercasedWord: String) -> Bool { triggers[[lowercasedWord]] != nil }
}

/// Rules about events that are word lists rather than triggers: `Resources/event-rules.json`.
struct EventRules: Decodable, Sendable {
    var accusingRoots: WordSet
    var interviewVerbs: [String]
    var auxiliaries: WordSet
    var passiveAuxiliaries: WordSet
    var possessivePronouns: WordSet
    var statementSettings: WordSet
    var originClasses: WordSet
    var listCues: [String]
    var addressedClasses: WordSet
    var consequenceCues: [String]
    var publishVerbs: WordSet
    var compoundHeads: WordSet
    var patientPossessorClasses: WordSet
    var boilerplateOpeners: [String]
    var snapshotCues: [String]
    var speakerPronouns: WordSet
    var consequenceClasses: WordSet
    var determiners: WordSet
    var nonNominals: WordSet
    var objectPrepositions: WordSet
    var tollRoots: WordSet
    var directionCues: [String]
    var directedRoots: WordSet
    var mergeFamilies: [[String]]
    var kindHeads: WordSet
    var originCues: [String]
    var topicPrepositions: WordSet
    var claimDeterminers: WordSet
    var statementNouns: WordSet
    var publishedParticiples: WordSet
    var clauseBreaks: WordSet
    var locativeFillers: WordSet
    var listOpeners: [String]
    var listFillers: Set<String>
    var placeGlue: Set<String>
    var destinationClasses: WordSet

    static let shared = ResourceLoader.decode(EventRules.self, named: "event-rules", in: .module)

    /// The phrase lists as token sequences, longest first, prepared once.
    static let interviewPhrases = shared.interviewVerbs.map(Lexicon.phraseKey).sorted { $0.count > $1.count }
    static let consequencePhrases = shared.consequenceCues.map(Lexicon.phraseKey).sorted { $0.count > $1.count }
    static let listPhrases = shared.listCues.map(Lexicon.phraseKey).sorted { $0.count > $1.count }
    static let boilerplatePhrases = shared.boilerplateOpeners.map(Lexicon.phraseKey).sorted { $0.count > $1.count }
    static let boilerplateFirstWords = WordSet(boilerplatePhrases.compactMap(\.first))
    static let snapshotPhrases = shared.snapshotCues.map(Lexicon.phraseKey)
    /// Class → the first class of its merge family.
    static let familyOf = Dictionary(shared.mergeFamilies.flatMap { f in f.map { ($0, f[0]) } }, uniquingKeysWith: { a, _ in a })
    static let originList = PhraseList(shared.originCues.map(Lexicon.phraseKey).sorted { $0.count > $1.count })
    static let directionList = PhraseList(shared.directionCues.map(Lexicon.phraseKey).sorted { $0.count > $1.count })
    static let listCueList = PhraseList(listPhrases)
    /// The lists matched at every token, with a cheap test for words that start none.
    static let interviewList = PhraseList(interviewPhrases)
    static let consequenceList = PhraseList(consequencePhrases)

    /// The word before token `i`, past "-ly" adverbs ("has reportedly set up" → "has"), or "".
    /// A verb's auxiliary stands there: it tells a verb from a noun and a passive from an active.
    static func auxiliary(before i: Int, _ lower: [String]) -> String {
        var v = i - 1
        while v >= 0, lower[v].hasSuffix("ly") { v -= 1 }
        return v >= 0 ? lower[v] : ""
    }

    /// Whether a sentence is site navigation ("Related article: …", "Read more: …"): it opens
    /// with one of the openers followed by a colon.
    static func isBoilerplate(_ lower: [String]) -> Bool {
        // Asked of every sentence: the first word rules out nearly all before any phrase is compared.
        guard let first = lower.first, boilerplateFirstWords.contains(first) else {
            return boilerplatePhrases.contains { $0.isEmpty } && lower.first.map { [":", "|", "-", "\u{2013}"].contains($0) } == true
        }
        return boilerplatePhrases.contains { p in
            p.count < lower.count && lower[0..<p.count].elementsEqual(p) && [":", "|", "-", "\u{2013}"].contains(lower[p.count])
        }
    }
}
