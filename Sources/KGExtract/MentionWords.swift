/// The word lists the mention matchers ask at nearly every token, as bits by word id
/// (`AnalyzedDocument.wordIDs`), built once per lexicon. `headedPhrase` asked up to five
/// `WordSet`s for each word of an eight-word window, and `title(at:)` probed a dictionary at
/// every token: about 180 and 120 instructions a question, where an array read is a few.
///
/// Ids number lowercased words by `String` equality, so a token with a nonzero id is in a list
/// exactly when its id's bit is set. A token with id 0 is in no list all of whose words have
/// ids; for a list with a word the vocabulary lacks, it is asked by string (`unnumbered`).
final class MentionWords: Sendable {
    struct Lists: OptionSet, Sendable {
        let rawValue: UInt8
        static let agencyHead = Lists(rawValue: 1 << 0)
        static let organizationHead = Lists(rawValue: 1 << 1)
        static let clauseWord = Lists(rawValue: 1 << 2)
        static let actorVerb = Lists(rawValue: 1 << 3)
        /// A one-word key of `lex.triggers` (`triggers[id:] != nil`).
        static let oneWordTrigger = Lists(rawValue: 1 << 4)
        /// Lowercased forms of the case-sensitive lists `stopNames` and `notPersonNames`: a
        /// word whose lowercased form has no bit is none of their members (see `mayBe`).
        static let stopNameForm = Lists(rawValue: 1 << 5)
        static let notPersonNameForm = Lists(rawValue: 1 << 6)
        /// The possessive markers of `isPossessiveMarker`.
        static let possessive = Lists(rawValue: 1 << 7)
    }

    private let bits: [Lists]
    /// Lists with a word that has no id.
    private let unnumbered: Lists
    /// Case-sensitive lists with a member whose lowercased form has no id.
    private let formsUnnumbered: Lists
    /// The lists themselves, for words without an id.
    private let raw: Lexicon.Raw
    /// The connectors the matchers compare words with, by vocabulary id (see `Connectors`).
    let connectors: Connectors

    /// Words the matchers compare a token with, as ids: comparing two unequal strings is a
    /// call into the runtime (about 22 instructions), comparing two ids is one instruction.
    struct Connectors: Sendable {
        let of, and, the, `for`, on, de, al: Int32

        init(_ vocabulary: Vocabulary) {
            of = vocabulary.id("of"); and = vocabulary.id("and"); the = vocabulary.id("the")
            `for` = vocabulary.id("for"); on = vocabulary.id("on"); de = vocabulary.id("de"); al = vocabulary.id("al")
        }
    }

    /// Built by `Lexicon.init` from its parts, so the lexicon holds its table (`lex.mentionWords`)
    /// without the table holding the lexicon.
    init(raw: Lexicon.Raw, vocabulary: Vocabulary, notPersonNames: WordSet) {
        self.raw = raw
        self.connectors = Connectors(vocabulary)
        var bits: [Lists] = []
        func set(_ id: Int, _ list: Lists) {
            if id >= bits.count { bits += [Lists](repeating: [], count: id + 1 - bits.count) }
            bits[id].insert(list)
        }
        var unnumbered: Lists = []
        func mark<S: Sequence>(_ words: S, _ list: Lists) where S.Element == String {
            for w in words {
                let id = Int(vocabulary.id(w))
                guard id > 0 else { unnumbered.insert(list); continue }
                set(id, list)
            }
        }
        mark(raw.agencyHeads, .agencyHead)
        mark(raw.organizationHeads, .organizationHead)
        mark(raw.clauseWords, .clauseWord)
        mark(raw.actorVerbs, .actorVerb)
        mark(["'s", "\u{2019}s"], .possessive)
        // The trigger table's keys, as the lexicon numbers them: one-word ones are the words.
        // Not through `mark`: the table answers nil for id 0, so no string fallback.
        for key in raw.eventTriggers.keys {
            let words = Lexicon.phraseKey(key)
            let id = words.count == 1 ? Int(vocabulary.id(words[0])) : 0
            if id > 0 { set(id, .oneWordTrigger) }
        }
        var formsUnnumbered: Lists = []
        func markForms(_ names: WordSet, _ list: Lists) {
            for w in names {
                let id = Int(vocabulary.id(w.lowercased()))
                guard id > 0 else { formsUnnumbered.insert(list); continue }
                set(id, list)
            }
        }
        markForms(raw.stopNames, .stopNameForm)
        markForms(notPersonNames, .notPersonNameForm)
        self.formsUnnumbered = formsUnnumbered
        self.bits = bits
        self.unnumbered = unnumbered
    }

    /// Whether the word (its id and lowercased text) is in one of `lists`.
    @inline(__always)
    func contains(_ lists: Lists, id: Int32, word: String) -> Bool {
        let k = Int(id)
        if k > 0 { return k < bits.count && !bits[k].isDisjoint(with: lists) }
        let unknown = unnumbered.intersection(lists)
        guard !unknown.isEmpty else { return false }
        return (unknown.contains(.agencyHead) && raw.agencyHeads.contains(word))
            || (unknown.contains(.organizationHead) && raw.organizationHeads.contains(word))
            || (unknown.contains(.clauseWord) && raw.clauseWords.contains(word))
            || (unknown.contains(.actorVerb) && raw.actorVerbs.contains(word))
            || (unknown.contains(.possessive) && isPossessiveMarker(word))
    }

    /// Whether a word whose lowercased form has this id may be a member of the case-sensitive
    /// list: a member lowercases to the word's own lowercased form, so to its id. False
    /// answers that without hashing the word; true means asking the list.
    @inline(__always)
    func mayBe(_ list: Lists, id: Int32) -> Bool {
        let k = Int(id)
        if k > 0 { return k < bits.count && bits[k].contains(list) }
        return formsUnnumbered.contains(list)
    }
}
