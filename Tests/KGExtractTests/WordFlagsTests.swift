import Testing
@testable import KGExtract

/// The event rules read word lists as `WordFlags` bits in place of `WordSet` lookups: each list's
/// words must carry its bit, and the bits must be distinct.
struct WordFlagsTests {
    private let table = WordFlags.table(raw: Lexicon.shared.raw, unitFirstWords: [], attributionCues: PhraseList([]))

    private func marked<S: Sequence>(_ words: S, _ flag: WordFlags) -> Bool where S.Element == String {
        words.allSatisfy { table[$0]?.contains(flag) == true }
    }

    @Test func everyListWordCarriesItsBit() {
        let raw = Lexicon.shared.raw
        let rules = EventRules.shared
        #expect(marked(rules.auxiliaries, .auxiliary))
        #expect(marked(rules.passiveAuxiliaries, .passiveAuxiliary))
        #expect(marked(raw.lightVerbs, .lightVerb))
        #expect(marked(raw.counterVerbs, .counterVerb))
        #expect(marked(raw.locativePrepositions, .locativePreposition))
        #expect(marked(raw.targetPrepositions, .targetPreposition))
        #expect(marked(raw.placeCues, .placeCue))
        #expect(marked(raw.directions, .direction))
        #expect(marked(rules.topicPrepositions, .topicPreposition))
        #expect(marked(rules.compoundHeads, .compoundHead))
        #expect(marked(rules.kindHeads, .kindHead))
        #expect(marked(RelationFinder.listOpeners, .listOpener))
        #expect(marked([","], .comma) && marked([";", "."], .clauseStop))
        #expect(marked(["\"", "\u{201C}", "\u{201D}"], .quoteMark))
        #expect(marked(["reads"], .readsWord))
    }

    @Test func aWordInNoListHasNoBitOfTheseLists() {
        let asked: WordFlags = [.auxiliary, .comma, .quoteMark, .listOpener, .readsWord, .kindHead]
        #expect(table["armenia"].map { $0.isDisjoint(with: asked) } ?? true)
        #expect(table["read"].map { !$0.contains(.readsWord) } ?? true)
    }

    @Test func theBitsAreDistinct() {
        let bits: [WordFlags] = [.speechVerb, .accuseWord, .denyWord, .deployWord, .aidWord, .claimDeterminer,
                                 .publishedParticiple, .publishVerb, .statementNoun, .speakerPronoun, .unitFirstWord,
                                 .attributionCueStart, .interviewStart, .consequenceStart, .auxiliary, .passiveAuxiliary,
                                 .lightVerb, .counterVerb, .locativePreposition, .targetPreposition, .objectPreposition,
                                 .placeCue, .direction, .possessivePronoun, .statementSetting, .clauseBreak, .locativeFiller,
                                 .topicPreposition, .compoundHead, .kindHead, .comma, .clauseStop, .quoteMark, .listOpener,
                                 .readsWord]
        #expect(Set(bits.map(\.rawValue)).count == bits.count)
        #expect(bits.allSatisfy { $0.rawValue.nonzeroBitCount == 1 })
    }
}
