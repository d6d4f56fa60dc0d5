/// A word, number or punctuation mark, with its offsets in scalars.
public struct Token: Sendable, Hashable {
    public enum Kind: Sendable, Hashable { case word, number, punctuation }

    public let start: Int
    public let end: Int
    public let text: String
    public let kind: Kind
    /// The text lowercased, and whether it starts with an uppercase letter ("Russia", "HUR",
    /// "U.S."). Both are stored: every stage asks them of every token, several times.
    public let lowercased: String
    public let isCapitalized: Bool
    /// Every letter is uppercase and there are at least two ("HUR", "CSTO"). Stored, as the
    /// tokenizer knows it once per distinct word: computing it filtered the text's scalars
    /// into an array at every question.
    public let isAcronym: Bool
    /// False when no date can start here: `DateFinder` asks it of every token, twice. True
    /// may still start none (see `DateFinder.mayStart`).
    let mayStartDate: Bool

    public init(start: Int, end: Int, text: String, kind: Kind) {
        self.init(start: start, end: end, word: WordTable.Word(text: text, kind: kind, lowercased: text.lowercased()))
    }

    /// A token of a word already described (`WordTable`): its strings are shared, not rebuilt.
    init(start: Int, end: Int, word: WordTable.Word) {
        self.start = start
        self.end = end
        self.text = word.text
        self.kind = word.kind
        self.lowercased = word.lowercased
        self.isCapitalized = word.isCapitalized
        self.isAcronym = word.isAcronym
        self.mayStartDate = word.mayStartDate
    }

    public var range: Range<Int> { start..<end }
}

/// Splits text into tokens. Words keep internal apostrophes, hyphens and periods ("Nagorno-Karabakh",
/// "U.S.", "Infocom.am", "O'Brien"); a possessive "'s" is its own token so "Ukraine's" yields
/// "Ukraine"; numbers keep their separators ("5,000", "1.5").
public enum Tokenizer {
    public static func tokenize(_ text: [Unicode.Scalar], in range: Range<Int>) -> [Token] {
        // Each token described on its own: the callers of this one tokenize short names, too
        // short for a word table to pay for itself.
        var sink = DirectSink(tokens: [])
        sink.tokens.reserveCapacity(range.count / 5 + 4)
        text.withUnsafeBufferPointer { scan($0, in: range, into: &sink) }
        return sink.tokens
    }

    /// `tokenize(text, in: range).map(\.lowercased)`, without making the tokens: one string
    /// per token, where a token also made its text and its flags. For callers that key phrases
    /// by their lowercased words (the lexicon does so for 45,000 names at start-up).
    public static func lowercasedTokens(_ text: [Unicode.Scalar], in range: Range<Int>) -> [String] {
        var sink = LowercaseSink(words: [])
        sink.words.reserveCapacity(range.count / 5 + 4)
        text.withUnsafeBufferPointer { scan($0, in: range, into: &sink) }
        return sink.words
    }

    /// Tokens of `range`, each word's strings made once per distinct word in `words` (which
    /// must only ever see this same text), and each token's index in `words.table.words`.
    static func tokenize(_ text: UnsafeBufferPointer<Unicode.Scalar>, in range: Range<Int>,
                         words: inout InterningSink) -> (tokens: [Token], ids: [Int32]) {
        words.tokens = []
        words.ids = []
        words.tokens.reserveCapacity(range.count / 5 + 4)
        words.ids.reserveCapacity(range.count / 5 + 4)
        scan(text, in: range, into: &words)
        return (words.tokens, words.ids)
    }

    /// Where `scan` sends each token's range.
    protocol Sink {
        mutating func token(_ text: UnsafeBufferPointer<Unicode.Scalar>, _ start: Int, _ end: Int)
    }

    struct DirectSink: Sink {
        var tokens: [Token]
        mutating func token(_ text: UnsafeBufferPointer<Unicode.Scalar>, _ start: Int, _ end: Int) {
            tokens.append(Token(start: start, end: end, word: WordTable.describe(text, start, end, exact: false)))
        }
    }

    struct LowercaseSink: Sink {
        var words: [String]
        mutating func token(_ text: UnsafeBufferPointer<Unicode.Scalar>, _ start: Int, _ end: Int) {
            words.append(WordTable.lowercasedText(UnsafeBufferPointer(rebasing: text[start..<end])))
        }
    }

    struct InterningSink: Sink {
        var table: WordTable
        var tokens: [Token] = []
        var ids: [Int32] = []
        @inline(__always)
        mutating func token(_ text: UnsafeBufferPointer<Unicode.Scalar>, _ start: Int, _ end: Int) {
            let id = table.intern(text, start, end)
            ids.append(id)
            tokens.append(Token(start: start, end: end, word: table.words[Int(id)]))
        }
    }

    /// Finds the tokens of `range`, over an unsafe buffer in one pass: bounds checks and
    /// closure calls per scalar were a large part of what tokenizing cost. Generic so that
    /// each sink gets its own specialized copy, with no call per token.
    @inline(__always)
    static func scan<S: Sink>(_ text: UnsafeBufferPointer<Unicode.Scalar>, in range: Range<Int>, into sink: inout S) {
        let lower = range.lowerBound
        let end = range.upperBound
        @inline(__always) func isAlnum(_ k: Int) -> Bool {
            k < end && k >= lower && isWordScalar(text[k])
        }
        var i = lower
        while i < end {
            let c = text[i]
            if c.isWhitespaceScalar {
                i += 1
                continue
            }
            guard isWordScalar(c) else {
                sink.token(text, i, i + 1)
                i += 1
                continue
            }
            var j = i + 1
            while j < end {
                let x = text[j]
                if isWordScalar(x) {
                    j += 1
                    continue
                }
                // Possessive: stop before 's / ’s followed by a non-letter.
                if isApostrophe(x), j + 1 < end, text[j + 1] == "s" || text[j + 1] == "S", !isAlnum(j + 2) {
                    break
                }
                if (isApostrophe(x) || x == "-" || x == "." || x == "," || x == "\u{2011}") && isAlnum(j + 1) && isAlnum(j - 1) {
                    // A comma is internal only between digits ("5,000").
                    if x == "," && !(isDigit(text[j - 1]) && isDigit(text[j + 1])) { break }
                    j += 1
                    continue
                }
                break
            }
            // "U.S." keeps its final period: single letters separated by periods.
            if j < end, text[j] == ".", isInitialism(text, i, j) { j += 1 }
            sink.token(text, i, j)
            // The possessive marker.
            if j + 1 < end, isApostrophe(text[j]), text[j + 1] == "s" || text[j + 1] == "S", !isAlnum(j + 2) {
                sink.token(text, j, j + 2)
                j += 2
            }
            i = j
        }
    }

    @inline(__always)
    static func isWordScalar(_ c: Unicode.Scalar) -> Bool {
        // ASCII first: Unicode property lookups cost a table search, and most news text is ASCII.
        let v = c.value
        if v < 0x80 {
            return (v | 0x20) &- 0x61 < 26 || v &- 0x30 < 10
        }
        return c.properties.isAlphabetic || c.properties.numericType != nil || c.properties.generalCategory == .nonspacingMark
    }

    @inline(__always)
    static func isDigit(_ c: Unicode.Scalar) -> Bool { c.value &- 0x30 < 10 }

    @inline(__always)
    static func isApostrophe(_ c: Unicode.Scalar) -> Bool { c == "'" || c == "\u{2019}" }

    /// "U.S", "U.S.S.R": letters alternating with periods.
    static func isInitialism(_ t: UnsafeBufferPointer<Unicode.Scalar>, _ start: Int, _ end: Int) -> Bool {
        guard end - start >= 3 else { return false }
        for k in start..<end {
            let c = t[k]
            if (k - start) % 2 == 0 { if !c.isAlphabeticScalar { return false } } else if c != "." { return false }
        }
        return true
    }
}
