/// The distinct tokens of one text, each described once: its `String`s, its lowercase form,
/// its kind and case flags.
///
/// A news article of 5,000 scalars has about 800 tokens but only 350 distinct ones, and
/// building two strings per token was most of the tokenizer's cost. A token is found here by
/// its scalars (an FNV hash and a comparison with the first occurrence), which is cheaper than
/// making it. The words are also what later stages look up in the lexicon, once each.
///
/// Every range given to one table must be of the same scalar text: entries keep the offset of
/// their first occurrence, not a copy.
public struct WordTable: Sendable {
    /// What every token of one word shares.
    public struct Word: Sendable {
        public let text: String
        public let kind: Token.Kind
        public let lowercased: String
        public let isCapitalized: Bool
        public let isAcronym: Bool
        /// False when no date can start at this word (see `DateFinder`).
        let mayStartDate: Bool

        /// A word given as a string (`Token`'s public initializer).
        init(text: String, kind: Token.Kind, lowercased: String) {
            let scalars = Array(text.unicodeScalars)
            self = scalars.withUnsafeBufferPointer { Word(text: text, scalars: $0, kind: kind, lowercased: lowercased, exact: false) }
        }

        /// `scalars` are the scalars of `text`: the flags are read from them, which walking
        /// the string's unicode scalars again cost several times over. `exact`: whether to
        /// settle `mayStartDate` with a lookup, worth it for a word a table describes once for
        /// all its tokens (see `DateFinder.mayStart`).
        init(text: String, scalars: UnsafeBufferPointer<Unicode.Scalar>, kind: Token.Kind, lowercased: String, exact: Bool) {
            self.text = text
            self.kind = kind
            self.lowercased = lowercased
            // Up to the first letter that is not a capital: that settles it, and asking Unicode
            // properties of every scalar of a name with diacritics cost a thousand instructions.
            var letters = 0
            var allUpper = true
            if kind == .word {
                for c in scalars where c.isAlphabeticScalar {
                    if !c.isUppercaseScalar {
                        allUpper = false
                        break
                    }
                    letters += 1
                }
            }
            self.isCapitalized = kind == .word && (scalars.first?.isUppercaseScalar ?? false)
            self.isAcronym = kind == .word && letters >= 2 && allUpper
            self.mayStartDate = DateFinder.mayStart(kind: kind, scalars: scalars, lowercased: lowercased, exact: exact)
        }
    }

    public private(set) var words: [Word] = []

    /// Where each word first occurred, and its hash.
    private struct Key {
        var start: Int
        var count: Int
        var hash: UInt64
    }
    private var keys: [Key] = []
    /// Open addressing: a word's index plus one, 0 for an empty slot.
    private var slots: [Int32]
    private var mask: Int

    public init(expectedTokens: Int) {
        var size = 16
        while size < expectedTokens { size <<= 1 }
        slots = Array(repeating: 0, count: size)
        mask = size - 1
        words.reserveCapacity(size / 2)
        keys.reserveCapacity(size / 2)
    }

    /// The index in `words` of the token `text[start..<end]`, describing it if it is new.
    @inline(__always)
    mutating func intern(_ text: UnsafeBufferPointer<Unicode.Scalar>, _ start: Int, _ end: Int) -> Int32 {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for k in start..<end { h = (h ^ UInt64(text[k].value)) &* 0x100_0000_01b3 }
        let count = end - start
        var slot = Int(truncatingIfNeeded: h ^ (h >> 29)) & mask
        while true {
            let found = Int(slots[slot])
            if found == 0 { break }
            let key = keys[found - 1]
            if key.hash == h, key.count == count, Self.same(text, key.start, start, count) {
                return Int32(found - 1)
            }
            slot = (slot + 1) & mask
        }
        let id = words.count
        words.append(Self.describe(text, start, end, exact: true))
        keys.append(Key(start: start, count: count, hash: h))
        slots[slot] = Int32(id + 1)
        if words.count * 2 > slots.count { grow() }
        return Int32(id)
    }

    @inline(__always)
    private static func same(_ text: UnsafeBufferPointer<Unicode.Scalar>, _ a: Int, _ b: Int, _ count: Int) -> Bool {
        for k in 0..<count where text[a + k] != text[b + k] { return false }
        return true
    }

    private mutating func grow() {
        let size = slots.count * 2
        slots = Array(repeating: 0, count: size)
        mask = size - 1
        for (n, key) in keys.enumerated() {
            var slot = Int(truncatingIfNeeded: key.hash ^ (key.hash >> 29)) & mask
            while slots[slot] != 0 { slot = (slot + 1) & mask }
            slots[slot] = Int32(n + 1)
        }
    }

    /// A new word: punctuation is one non-word scalar (or a possessive "'s"), a number is
    /// digits with separators, anything else is a word.
    static func describe(_ text: UnsafeBufferPointer<Unicode.Scalar>, _ start: Int, _ end: Int, exact: Bool) -> Word {
        let slice = UnsafeBufferPointer(rebasing: text[start..<end])
        let string = SourceText.string(slice)
        if !Tokenizer.isWordScalar(slice[0]) {
            // No scalar outside the word classes changes when lowercased (checked over all of
            // Unicode), so a one-scalar mark is its own lowercase; "’S" is lowercased below.
            let lowercased = slice.count == 1 ? string : lowercase(slice, string)
            return Word(text: string, scalars: slice, kind: .punctuation, lowercased: lowercased, exact: exact)
        }
        var number = true
        for c in slice where !(Tokenizer.isDigit(c) || c == "," || c == ".") {
            number = false
            break
        }
        return Word(text: string, scalars: slice, kind: number ? .number : .word, lowercased: lowercase(slice, string), exact: exact)
    }

    /// The `lowercased` that `describe` gives a token's scalars. An ASCII token is written
    /// lowercased at once, with no string of its text first.
    static func lowercasedText(_ slice: UnsafeBufferPointer<Unicode.Scalar>) -> String {
        if slice.allSatisfy(\.isASCII) {
            return String(unsafeUninitializedCapacity: slice.count) { buffer in
                for (n, c) in slice.enumerated() {
                    let v = UInt8(truncatingIfNeeded: c.value)
                    buffer[n] = v &- 0x41 < 26 ? v + 0x20 : v
                }
                return slice.count
            }
        }
        let string = SourceText.string(slice)
        if slice.count == 1 && !Tokenizer.isWordScalar(slice[0]) { return string }
        return lowercase(slice, string)
    }

    /// `word.lowercased()`, without the call for ASCII words (most of them): a word with no
    /// capital is its own lowercase, and ASCII lowercasing is A-Z to a-z.
    private static func lowercase(_ scalars: UnsafeBufferPointer<Unicode.Scalar>, _ word: String) -> String {
        // `lowercased()` maps scalar by scalar; a scalar that does not change when lowercased
        // maps to itself (checked over all of Unicode). Asking that is far cheaper than the
        // call, which cost 4,000 instructions for a short word such as "’s".
        var upper = false
        var ascii = true
        for c in scalars {
            if c.value < 0x80 {
                if c.value &- 0x41 < 26 { upper = true }
            } else {
                if c.properties.changesWhenLowercased { return word.lowercased() }
                ascii = false
            }
        }
        guard upper else { return word }
        guard ascii else {
            return SourceText.string(scalars.map { $0.value &- 0x41 < 26 ? Unicode.Scalar($0.value + 0x20)! : $0 }[...])
        }
        return String(unsafeUninitializedCapacity: scalars.count) { buffer in
            for (n, c) in scalars.enumerated() {
                let v = UInt8(truncatingIfNeeded: c.value)
                buffer[n] = v &- 0x41 < 26 ? v + 0x20 : v
            }
            return scalars.count
        }
    }
}
