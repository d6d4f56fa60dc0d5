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

    public init(start: Int, end: Int, text: String, kind: Kind) {
        self.init(start: start, end: end, text: text, kind: kind, lowercased: text.lowercased())
    }

    /// With `lowercased` already made (the tokenizer lowercases ASCII words itself).
    init(start: Int, end: Int, text: String, kind: Kind, lowercased: String) {
        self.start = start
        self.end = end
        self.text = text
        self.kind = kind
        self.lowercased = lowercased
        self.isCapitalized = kind == .word && (text.unicodeScalars.first?.isUppercaseScalar ?? false)
    }

    public var range: Range<Int> { start..<end }

    /// Every letter is uppercase and there are at least two ("HUR", "CSTO").
    public var isAcronym: Bool {
        let letters = text.unicodeScalars.filter { $0.isAlphabeticScalar }
        return kind == .word && letters.count >= 2 && letters.allSatisfy { $0.isUppercaseScalar }
    }

}

/// Splits text into tokens. Words keep internal apostrophes, hyphens and periods ("Nagorno-Karabakh",
/// "U.S.", "Infocom.am", "O'Brien"); a possessive "'s" is its own token so "Ukraine's" yields
/// "Ukraine"; numbers keep their separators ("5,000", "1.5").
public enum Tokenizer {
    public static func tokenize(_ text: [Unicode.Scalar], in range: Range<Int>) -> [Token] {
        var tokens: [Token] = []
        // News prose runs about six scalars a token: growing the array step by step copied it.
        tokens.reserveCapacity(range.count / 5 + 4)
        var i = range.lowerBound
        let end = range.upperBound
        func isAlnum(_ k: Int) -> Bool {
            k < end && k >= range.lowerBound && isWordScalar(text[k])
        }
        while i < end {
            let c = text[i]
            if c.isWhitespaceScalar {
                i += 1
                continue
            }
            guard isWordScalar(c) else {
                tokens.append(Token(start: i, end: i + 1, text: String(c), kind: .punctuation))
                i += 1
                continue
            }
            var j = i + 1
            while j < end {
                if isWordScalar(text[j]) {
                    j += 1
                    continue
                }
                let x = text[j]
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
            if j < end, text[j] == ".", isInitialism(text[i..<j]) { j += 1 }
            let word = SourceText.string(text[i..<j])
            let kind: Token.Kind = text[i..<j].allSatisfy({ isDigit($0) || $0 == "," || $0 == "." }) ? .number : .word
            tokens.append(Token(start: i, end: j, text: word, kind: kind, lowercased: asciiLowercased(text[i..<j], word)))
            // The possessive marker.
            if j + 1 < end, isApostrophe(text[j]), text[j + 1] == "s" || text[j + 1] == "S", !isAlnum(j + 2) {
                tokens.append(Token(start: j, end: j + 2, text: SourceText.string(text[j..<(j + 2)]), kind: .punctuation))
                j += 2
            }
            i = j
        }
        return tokens
    }

    /// `word.lowercased()`, without the call for ASCII words (most of them): a word with no
    /// capital is its own lowercase, and ASCII lowercasing is A-Z to a-z.
    static func asciiLowercased(_ scalars: ArraySlice<Unicode.Scalar>, _ word: String) -> String {
        var upper = 0
        for c in scalars {
            guard c.value < 0x80 else { return word.lowercased() }
            if c.value >= 0x41 && c.value <= 0x5A { upper += 1 }
        }
        guard upper > 0 else { return word }
        return String(unsafeUninitializedCapacity: scalars.count) { buffer in
            for (n, c) in scalars.enumerated() {
                let v = UInt8(truncatingIfNeeded: c.value)
                buffer[n] = v >= 0x41 && v <= 0x5A ? v + 0x20 : v
            }
            return scalars.count
        }
    }

    static func isWordScalar(_ c: Unicode.Scalar) -> Bool {
        // ASCII first: Unicode property lookups cost a table search, and most news text is ASCII.
        if c.isASCII {
            let v = c.value
            return (v >= 0x61 && v <= 0x7A) || (v >= 0x41 && v <= 0x5A) || (v >= 0x30 && v <= 0x39)
        }
        return c.properties.isAlphabetic || c.properties.numericType != nil || c.properties.generalCategory == .nonspacingMark
    }

    static func isDigit(_ c: Unicode.Scalar) -> Bool { ("0"..."9").contains(c) }

    static func isApostrophe(_ c: Unicode.Scalar) -> Bool { c == "'" || c == "\u{2019}" }

    /// "U.S", "U.S.S.R": letters alternating with periods.
    static func isInitialism(_ s: ArraySlice<Unicode.Scalar>) -> Bool {
        guard s.count >= 3 else { return false }
        for (k, c) in s.enumerated() {
            if k % 2 == 0 { if !c.isAlphabeticScalar { return false } } else if c != "." { return false }
        }
        return true
    }
}
