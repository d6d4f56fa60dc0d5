/// Every word of every phrase the lexicon looks up, numbered from 1. A sentence's words are
/// numbered once (`AnalyzedDocument.wordIDs`), and phrase lookups then compare integers:
/// building a `[String]` key and hashing its strings for each try at each token was a large
/// part of the extractor's time.
final class Vocabulary: Sendable {
    /// A word's id and the word lists it is in (`WordFlags`): one lookup answers both.
    struct Entry: Sendable {
        var id: Int32
        var flags: WordFlags
    }
    private let entries: [String: Entry]

    /// `flags` may name words no phrase has: they get id 0.
    init(_ ids: [String: Int32], flags: [String: WordFlags] = [:]) {
        var entries = ids.mapValues { Entry(id: $0, flags: []) }
        for (w, f) in flags { entries[w, default: Entry(id: 0, flags: [])].flags.formUnion(f) }
        self.entries = entries
    }

    /// 0 for a word no phrase contains: a phrase with it is in no table.
    func id(_ word: String) -> Int32 { entries[word]?.id ?? 0 }

    func ids<S: Sequence>(_ words: S) -> [Int32] where S.Element == String { words.map(id) }

    /// Ids and word-list bits of a sentence's lowercased words.
    func lookup(_ words: [String]) -> (ids: [Int32], flags: [WordFlags]) {
        var ids: [Int32] = []
        var flags: [WordFlags] = []
        ids.reserveCapacity(words.count)
        flags.reserveCapacity(words.count)
        for w in words {
            let e = entries[w]
            ids.append(e?.id ?? 0)
            flags.append(e?.flags ?? [])
        }
        return (ids, flags)
    }

    /// Numbers the words while the tables are built.
    struct Builder {
        var ids: [String: Int32] = [:]

        mutating func reserveCapacity(_ n: Int) { ids.reserveCapacity(n) }

        mutating func intern(_ words: [String]) -> [Int32] {
            words.map { intern(word: $0) }
        }

        mutating func intern(word w: String) -> Int32 {
            // One probe: the defaulted subscript, passed inout, inserts `next` when the word is
            // new. Reading and then setting hashed each new word twice, 50,000 times at start-up.
            let next = Int32(ids.count + 1)
            let id = Self.read(&ids[w, default: next])
            if id == next { precondition(id < PhraseKey.maxID, "Vocabulary: too many distinct words for PhraseKey") }
            return id
        }

        private static func read(_ id: inout Int32) -> Int32 { id }

        /// `intern(Lexicon.phraseKey(name))` for a name given as UTF-8 bytes. Names of ASCII
        /// letters, spaces and inner hyphens (44,000 of the gazetteer's 53,000) are split and
        /// lowercased here, each word straight into a `String`, as the tokenizer would;
        /// anything else goes through `phraseKey`.
        mutating func intern(phraseBytes bytes: Slice<UnsafeBufferPointer<UInt8>>) -> [Int32] {
            func isLetter(_ b: UInt8) -> Bool { (b >= 0x61 && b <= 0x7A) || (b >= 0x41 && b <= 0x5A) }
            var spaces = 0
            // A while loop, not `bytes.indices`: that generic getter was not specialized and cost
            // a thousand instructions a name.
            var k = bytes.startIndex
            while k < bytes.endIndex {
                defer { k += 1 }
                let b = bytes[k]
                if isLetter(b) { continue }
                // A hyphen between two letters is inside a word for the tokenizer too
                // ("Ivano-Frankivsk"): 3,000 gazetteer names take the shortcut with it.
                if b == 0x2D, k > bytes.startIndex, k + 1 < bytes.endIndex,
                   isLetter(bytes[k - 1]), isLetter(bytes[k + 1]) { continue }
                guard b == 0x20 else { return intern(Lexicon.phraseKey(String(decoding: bytes, as: UTF8.self))) }
                spaces += 1
            }
            // Room for every word at once: growing the array word by word reallocated it for
            // most multiword names.
            var out: [Int32] = []
            out.reserveCapacity(spaces + 1)
            var i = bytes.startIndex
            while i < bytes.endIndex {
                guard bytes[i] != 0x20 else { i += 1; continue }
                var j = i
                while j < bytes.endIndex, bytes[j] != 0x20 { j += 1 }
                let word = String(unsafeUninitializedCapacity: j - i) { buffer in
                    for k in i..<j { let b = bytes[k]; buffer[k - i] = b >= 0x41 && b <= 0x5A ? b + 0x20 : b }
                    return j - i
                }
                out.append(intern(word: word))
                i = j
            }
            return out
        }
    }
}

/// Up to nine word ids packed in three integers: a phrase key that hashes as 24 bytes and
/// needs no allocation. Ids have 21 bits, so a vocabulary has at most two million words.
/// Ids are never 0, so each integer's base-2^21 digits spell its words unambiguously.
struct PhraseKey: Hashable, Sendable {
    static let maxWords = 9
    static let maxID: Int32 = (1 << 21) - 1
    private var a: UInt64 = 0, b: UInt64 = 0, c: UInt64 = 0

    static func == (l: PhraseKey, r: PhraseKey) -> Bool { l.a == r.a && l.b == r.b && l.c == r.c }

    /// One word of the hasher instead of three: `b` and `c` are zero for phrases of up to
    /// three words (nearly all), and SipHash cost grows with the bytes fed. Equal keys still
    /// hash equally; equality compares all three.
    func hash(into hasher: inout Hasher) {
        hasher.combine(a &+ (b &* 0x9E37_79B9_7F4A_7C15) &+ (c &* 0xC2B2_AE3D_27D4_EB4F))
    }

    /// Nil when a word is unknown (id 0) or the phrase is too long to pack.
    init?<C: Collection>(_ ids: C) where C.Element == Int32 {
        guard ids.count <= Self.maxWords else { return nil }
        var k = 0
        for id in ids {
            guard id > 0 else { return nil }
            let v = UInt64(id)
            switch k / 3 {
            case 0: a = a << 21 | v
            case 1: b = b << 21 | v
            default: c = c << 21 | v
            }
            k += 1
        }
    }
}

/// A `[[String]: Value]` dictionary of lowercased word sequences, looked up by word ids.
struct PhraseTable<Value: Sendable>: Sendable {
    let vocabulary: Vocabulary
    private let packed: [PhraseKey: Value]
    /// Phrases longer than `PhraseKey.maxWords`, if any.
    private let long: [[Int32]: Value]
    /// The most words a phrase has.
    let longest: Int
    /// First word id → the most words a phrase starting with it has (0: none starts with it).
    /// An array indexed by id, not a dictionary: it is asked at every token of every sentence,
    /// and word ids are dense from 1.
    private let longestFrom: [UInt8]

    /// A table filled phrase by phrase, as a dictionary would be.
    struct Builder {
        fileprivate var packed: [PhraseKey: Value] = [:]
        fileprivate var long: [[Int32]: Value] = [:]
        fileprivate var longest = 0
        fileprivate var longestFrom: [UInt8] = []

        /// Growing a table of 100,000 phrases step by step rehashes it a dozen times.
        mutating func reserveCapacity(_ n: Int) {
            packed.reserveCapacity(n)
        }

        subscript(ids: [Int32]) -> Value? {
            get { PhraseKey(ids).map { packed[$0] } ?? long[ids] }
            set {
                if let key = PhraseKey(ids) { packed[key] = newValue } else { long[ids] = newValue }
                guard newValue != nil, let first = ids.first, first > 0 else { return }
                longest = max(longest, ids.count)
                let f = Int(first)
                if f >= longestFrom.count {
                    longestFrom.append(contentsOf: repeatElement(0, count: max(f + 1, longestFrom.count * 2) - longestFrom.count))
                }
                // A phrase of more than 255 words does not occur; the cap only keeps the byte.
                longestFrom[f] = max(longestFrom[f], UInt8(min(ids.count, 255)))
            }
        }
    }

    init(_ builder: Builder, vocabulary: Vocabulary) {
        self.vocabulary = vocabulary
        self.packed = builder.packed
        self.long = builder.long
        self.longest = builder.longest
        self.longestFrom = builder.longestFrom
    }

    init(_ phrases: [[Int32]: Value], vocabulary: Vocabulary) {
        var b = Builder()
        for (ids, value) in phrases { b[ids] = value }
        self.init(b, vocabulary: vocabulary)
    }

    /// Phrases as words: every word must already be in `vocabulary`.
    init(_ phrases: [[String]: Value], vocabulary: Vocabulary) {
        var b = Builder()
        for (words, value) in phrases {
            let ids = vocabulary.ids(words)
            precondition(!ids.contains(0), "PhraseTable: a phrase word is missing from the vocabulary")
            b[ids] = value
        }
        self.init(b, vocabulary: vocabulary)
    }

    subscript<C: Collection>(ids ids: C) -> Value? where C.Element == Int32 {
        if let key = PhraseKey(ids) { return packed[key] }
        guard !long.isEmpty, ids.count > PhraseKey.maxWords, !ids.contains(0) else { return nil }
        return long[Array(ids)]
    }

    /// One word, by id.
    subscript(id id: Int32) -> Value? {
        guard id > 0 else { return nil }
        return self[ids: CollectionOfOne(id)]
    }

    /// Lookups by lowercased words, for callers without ids.
    subscript<C: Collection>(words: C) -> Value? where C.Element == String {
        self[ids: words.map(vocabulary.id)]
    }

    /// The longest phrase starting at word `i`, with its length in words.
    func longestMatch(_ ids: [Int32], at i: Int) -> (Value, Int)? {
        let longest = longest(from: ids[i])
        guard longest > 0 else { return nil }
        for n in stride(from: min(longest, ids.count - i), through: 1, by: -1) {
            if let v = self[ids: ids[i..<(i + n)]] { return (v, n) }
        }
        return nil
    }

    /// The most words a phrase starting with this word has; 0 when none does.
    func longest(from id: Int32) -> Int { id > 0 && Int(id) < longestFrom.count ? Int(longestFrom[Int(id)]) : 0 }
}

/// A set of words for `contains`, as the word lists of the lexicon and the rules use it: most
/// tokens asked about are in no list, and hashing each one cost more than the rest of the
/// rule. When every member is ASCII, an ASCII word is first checked against a 512-bit filter
/// of (first byte, last byte, length): a clear bit means no member, without hashing. Anything
/// else is looked up in the `Set`, so equality stays `String`'s canonical equivalence.
struct WordSet: Sendable, Sequence, Decodable, ExpressibleByArrayLiteral {
    let words: Set<String>
    private let filter: [UInt64]
    /// Whether every member is ASCII without carriage returns, so the filter decides misses.
    private let asciiOnly: Bool

    init<S: Sequence>(_ words: S) where S.Element == String {
        let set = Set(words)
        var filter = [UInt64](repeating: 0, count: 8)
        var ascii = true
        for w in set {
            let bytes = Array(w.utf8)
            guard bytes.allSatisfy({ $0 < 0x80 && $0 != 0x0D }) else { ascii = false; continue }
            let bit = Self.bit(bytes.first ?? 0, bytes.last ?? 0, bytes.count)
            filter[bit >> 6] |= 1 << UInt64(bit & 63)
        }
        self.words = set
        self.filter = filter
        self.asciiOnly = ascii
    }

    @inline(__always)
    private static func bit(_ first: UInt8, _ last: UInt8, _ count: Int) -> Int {
        (Int(first) &* 31 &+ Int(last) &* 7 &+ count) & 511
    }

    init(arrayLiteral elements: String...) { self.init(elements) }

    init(from decoder: any Decoder) throws {
        self.init(try decoder.singleValueContainer().decode([String].self))
    }

    func contains(_ word: String) -> Bool {
        if asciiOnly {
            let rejected = word.utf8.withContiguousStorageIfAvailable { bytes -> Bool in
                guard let first = bytes.first, let last = bytes.last else { return false }
                let bit = Self.bit(first, last, bytes.count)
                guard filter[bit >> 6] & (1 << UInt64(bit & 63)) == 0 else { return false }
                // Only an ASCII word is decided by bytes: others may equal a member canonically.
                return bytes.allSatisfy { $0 < 0x80 }
            }
            if rejected == true { return false }
        }
        return words.contains(word)
    }

    func makeIterator() -> Set<String>.Iterator { words.makeIterator() }
    var isEmpty: Bool { words.isEmpty }
    var count: Int { words.count }
    func union<S: Sequence>(_ other: S) -> Set<String> where S.Element == String { words.union(other) }
}

/// Phrases (lowercased token sequences) tried in order at a position, as the rules' cue lists
/// are: the first that matches wins. A word that starts no phrase is rejected by `WordSet`
/// before any phrase is compared, which is most of them.
struct PhraseList: Sendable {
    let phrases: [[String]]
    let firstWords: WordSet
    private let hasEmpty: Bool

    init(_ phrases: [[String]]) {
        self.phrases = phrases
        self.firstWords = WordSet(phrases.compactMap(\.first))
        self.hasEmpty = phrases.contains { $0.isEmpty }
    }

    /// The first phrase, in list order, that the words starting at `i` spell.
    func match(_ lower: [String], at i: Int) -> [String]? {
        guard hasEmpty || (i < lower.count && firstWords.contains(lower[i])) else { return nil }
        return phrases.first { i + $0.count <= lower.count && lower[i..<(i + $0.count)].elementsEqual($0) }
    }

    /// The same, when the caller knows whether `lower[i]` is one of `firstWords` (its `WordFlags`).
    func match(_ lower: [String], at i: Int, startsPhrase: Bool) -> [String]? {
        guard hasEmpty || (i < lower.count && startsPhrase) else { return nil }
        return phrases.first { i + $0.count <= lower.count && lower[i..<(i + $0.count)].elementsEqual($0) }
    }

    /// Whether any phrase occurs anywhere in `lower`.
    func occurs(in lower: [String]) -> Bool {
        lower.indices.contains { match(lower, at: $0) != nil }
    }

    /// The same, with each word's bits and the bit that marks this list's first words.
    func occurs(in lower: [String], flags: [WordFlags], start: WordFlags) -> Bool {
        lower.indices.contains { match(lower, at: $0, startsPhrase: flags[$0].contains(start)) != nil }
    }
}
