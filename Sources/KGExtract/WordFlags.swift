/// The word lists a token belongs to, as bits. They are found with the token's word id, in the
/// same dictionary lookup, once per document (`AnalyzedDocument.flags`); rules asked at every
/// token then test a bit where `WordSet.contains` read the list through the lexicon and hashed
/// the word. Only lists asked of a lowercased token at every position have a bit: the rest are
/// asked rarely and stay `WordSet`s.
struct WordFlags: OptionSet, Sendable {
    /// 64 bits: the event rules' lists and punctuation took the 32 of a `UInt32`.
    let rawValue: UInt64

    static let speechVerb = WordFlags(rawValue: 1 << 0)
    static let accuseWord = WordFlags(rawValue: 1 << 1)
    static let denyWord = WordFlags(rawValue: 1 << 2)
    static let deployWord = WordFlags(rawValue: 1 << 3)
    static let aidWord = WordFlags(rawValue: 1 << 4)
    static let claimDeterminer = WordFlags(rawValue: 1 << 5)
    static let publishedParticiple = WordFlags(rawValue: 1 << 6)
    static let publishVerb = WordFlags(rawValue: 1 << 7)
    static let statementNoun = WordFlags(rawValue: 1 << 8)
    static let speakerPronoun = WordFlags(rawValue: 1 << 9)
    /// First words of force nouns and ministry functions (`Lexicon.unitFirstWords`).
    static let unitFirstWord = WordFlags(rawValue: 1 << 10)
    /// First words of the phrases of `Lexicon.attributionCues`.
    static let attributionCueStart = WordFlags(rawValue: 1 << 11)
    /// First words of the phrases of `EventRules.interviewList`.
    static let interviewStart = WordFlags(rawValue: 1 << 12)
    /// First words of the phrases of `EventRules.consequenceList`.
    static let consequenceStart = WordFlags(rawValue: 1 << 13)
    /// The lists the event rules ask of the words around each trigger and before each place
    /// (`RelationFinder.events`, `locative`): a `WordSet` lookup per word there cost 1.8M of
    /// the 22.5M Ir of `events` on the seeds x10.
    static let auxiliary = WordFlags(rawValue: 1 << 14)
    static let passiveAuxiliary = WordFlags(rawValue: 1 << 15)
    static let lightVerb = WordFlags(rawValue: 1 << 16)
    static let counterVerb = WordFlags(rawValue: 1 << 17)
    static let locativePreposition = WordFlags(rawValue: 1 << 18)
    static let targetPreposition = WordFlags(rawValue: 1 << 19)
    static let objectPreposition = WordFlags(rawValue: 1 << 20)
    static let placeCue = WordFlags(rawValue: 1 << 21)
    static let direction = WordFlags(rawValue: 1 << 22)
    static let possessivePronoun = WordFlags(rawValue: 1 << 23)
    static let statementSetting = WordFlags(rawValue: 1 << 24)
    /// `RelationFinder.clauseBreaks` and `RelationFinder.locativeFillers`.
    static let clauseBreak = WordFlags(rawValue: 1 << 25)
    static let locativeFiller = WordFlags(rawValue: 1 << 26)
    static let topicPreposition = WordFlags(rawValue: 1 << 27)
    /// `EventRules.compoundHeads` and `kindHeads`, asked next to each trigger by `EventFinder`.
    static let compoundHead = WordFlags(rawValue: 1 << 28)
    static let kindHead = WordFlags(rawValue: 1 << 29)
    /// Punctuation the event rules scan every sentence with an event for (`relativeClauses`,
    /// `quotedTokens`): a bit test per token where each token's string was compared.
    static let comma = WordFlags(rawValue: 1 << 30)
    /// ";" and ".", which close a relative clause as a comma does.
    static let clauseStop = WordFlags(rawValue: 1 << 31)
    /// The quotation marks `"`, “ and ”.
    static let quoteMark = WordFlags(rawValue: 1 << 32)
    /// The words that open a list of places (`RelationFinder.includedPlaces`): "including",
    /// "includes", "include", and "such" of "such as".
    static let listOpener = WordFlags(rawValue: 1 << 33)
    /// "reads" ("…, reads the bulletin of X"), the one cue of `RelationFinder.sources` with no list.
    static let readsWord = WordFlags(rawValue: 1 << 34)

    /// Word → its bits, from the lists as the lexicon and the rules hold them. Membership is
    /// a `String` dictionary key, so equality is the same canonical equivalence `WordSet` uses.
    static func table(raw: Lexicon.Raw, unitFirstWords: WordSet, attributionCues: PhraseList) -> [String: WordFlags] {
        var out: [String: WordFlags] = [:]
        func mark<S: Sequence>(_ words: S, _ flag: WordFlags) where S.Element == String {
            for w in words { out[w, default: []].insert(flag) }
        }
        let rules = EventRules.shared
        mark(raw.speechVerbs, .speechVerb)
        mark(raw.accuseWords, .accuseWord)
        mark(raw.denyWords, .denyWord)
        mark(raw.deployWords, .deployWord)
        mark(raw.aidWords, .aidWord)
        mark(RelationFinder.claimDeterminers, .claimDeterminer)
        mark(RelationFinder.publishedParticiples, .publishedParticiple)
        mark(rules.publishVerbs, .publishVerb)
        mark(RelationFinder.statementNouns, .statementNoun)
        mark(rules.speakerPronouns, .speakerPronoun)
        mark(unitFirstWords, .unitFirstWord)
        mark(attributionCues.firstWords, .attributionCueStart)
        mark(EventRules.interviewList.firstWords, .interviewStart)
        mark(EventRules.consequenceList.firstWords, .consequenceStart)
        mark(rules.auxiliaries, .auxiliary)
        mark(rules.passiveAuxiliaries, .passiveAuxiliary)
        mark(raw.lightVerbs, .lightVerb)
        mark(raw.counterVerbs, .counterVerb)
        mark(raw.locativePrepositions, .locativePreposition)
        mark(raw.targetPrepositions, .targetPreposition)
        mark(rules.objectPrepositions, .objectPreposition)
        mark(raw.placeCues, .placeCue)
        mark(raw.directions, .direction)
        mark(rules.possessivePronouns, .possessivePronoun)
        mark(rules.statementSettings, .statementSetting)
        mark(RelationFinder.clauseBreaks, .clauseBreak)
        mark(RelationFinder.locativeFillers, .locativeFiller)
        mark(rules.topicPrepositions, .topicPreposition)
        mark(rules.compoundHeads, .compoundHead)
        mark(rules.kindHeads, .kindHead)
        mark([","], .comma)
        mark([";", "."], .clauseStop)
        mark(["\"", "\u{201C}", "\u{201D}"], .quoteMark)
        mark(RelationFinder.listOpeners, .listOpener)
        mark(["reads"], .readsWord)
        return out
    }
}
