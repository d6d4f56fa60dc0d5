import Foundation

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
    /// Word id → the most words a title starting with it has (`lex.titleTable.longest(from:)`).
    private let titleLongest: [UInt8]
    /// Lists with a word that has no id.
    private let unnumbered: Lists
    /// Case-sensitive lists with a member whose lowercased form has no id.
    private let formsUnnumbered: Lists
    private let lex: Lexicon

    init(_ lex: Lexicon) {
        self.lex = lex
        var bits: [Lists] = []
        var unnumbered: Lists = []
        func mark<S: Sequence>(_ words: S, _ list: Lists) where S.Element == String {
            for w in words {
                let id = Int(lex.vocabulary.id(w))
                guard id > 0 else { unnumbered.insert(list); continue }
                if id >= bits.count { bits += [Lists](repeating: [], count: id + 1 - bits.count) }
                bits[id].insert(list)
            }
        }
        mark(lex.agencyHeads, .agencyHead)
        mark(lex.organizationHeads, .organizationHead)
        mark(MentionFinder.clauseWords, .clauseWord)
        mark(lex.actorVerbs, .actorVerb)
        mark(["'s", "\u{2019}s"], .possessive)
        // The trigger table's keys, as the lexicon numbers them: one-word ones are the words.
        // Not through `mark`: the table answers nil for id 0, so no string fallback.
        for key in lex.raw.eventTriggers.keys {
            let words = Lexicon.phraseKey(key)
            let id = words.count == 1 ? Int(lex.vocabulary.id(words[0])) : 0
            guard id > 0 else { continue }
            if id >= bits.count { bits += [Lists](repeating: [], count: id + 1 - bits.count) }
            bits[id].insert(.oneWordTrigger)
        }
        var formsUnnumbered: Lists = []
        func markForms(_ names: WordSet, _ list: Lists) {
            for w in names {
                let id = Int(lex.vocabulary.id(w.lowercased()))
                guard id > 0 else { formsUnnumbered.insert(list); continue }
                if id >= bits.count { bits += [Lists](repeating: [], count: id + 1 - bits.count) }
                bits[id].insert(list)
            }
        }
        markForms(lex.stopNames, .stopNameForm)
        markForms(lex.notPersonNames, .notPersonNameForm)
        self.formsUnnumbered = formsUnnumbered
        self.bits = bits
        self.unnumbered = unnumbered
        var titleLongest: [UInt8] = []
        for (first, phrases) in lex.titles {
            let id = Int(lex.vocabulary.id(first))
            guard id > 0, let n = phrases.map(\.count).max() else { continue }
            if id >= titleLongest.count { titleLongest += [UInt8](repeating: 0, count: id + 1 - titleLongest.count) }
            titleLongest[id] = max(titleLongest[id], UInt8(min(n, 255)))
        }
        self.titleLongest = titleLongest
    }

    /// Whether the word (its id and lowercased text) is in one of `lists`.
    @inline(__always)
    func contains(_ lists: Lists, id: Int32, word: String) -> Bool {
        let k = Int(id)
        if k > 0 { return k < bits.count && !bits[k].isDisjoint(with: lists) }
        let unknown = unnumbered.intersection(lists)
        guard !unknown.isEmpty else { return false }
        return (unknown.contains(.agencyHead) && lex.agencyHeads.contains(word))
            || (unknown.contains(.organizationHead) && lex.organizationHeads.contains(word))
            || (unknown.contains(.clauseWord) && MentionFinder.clauseWords.contains(word))
            || (unknown.contains(.actorVerb) && lex.actorVerbs.contains(word))
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

    /// `lex.titleTable.longest(from: id)`.
    @inline(__always)
    func titleLongest(from id: Int32) -> Int {
        let k = Int(id)
        return k > 0 && k < titleLongest.count ? Int(titleLongest[k]) : 0
    }

    /// The table of a lexicon, built on first use and kept: the bundled lexicon is one object
    /// for the process, and a user lexicon is one per run.
    static func of(_ lex: Lexicon) -> MentionWords { cache.value(for: lex) }

    private static let cache = Cache()

    /// A few lexicons' tables behind a lock: matchers on several threads may ask at once.
    private final class Cache: @unchecked Sendable {
        private let lock = NSLock()
        /// Read and written only under `lock`, so the runtime's exclusivity check (a third of
        /// the cost of asking, once per sentence) is left out.
        @exclusivity(unchecked) private var entries: [MentionWords] = []

        func value(for lex: Lexicon) -> MentionWords {
            lock.lock()
            defer { lock.unlock() }
            if let found = entries.first(where: { $0.lex === lex }) { return found }
            let made = MentionWords(lex)
            // Tests build several lexicons; only the last few are worth keeping.
            if entries.count >= 4 { entries.removeFirst() }
            entries.append(made)
            return made
        }
    }
}
