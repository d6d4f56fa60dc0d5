/// A sentence of a document: its range in scalars and its tokens.
public struct Sentence: Sendable {
    public let index: Int
    public let range: Range<Int>
    public let tokens: [Token]
}

/// A text's sentences, its distinct words, and each token as an index into those words.
public struct TokenizedText: Sendable {
    public let sentences: [Sentence]
    public let words: [WordTable.Word]
    /// Per sentence, per token: the token's index in `words`.
    public let wordIndices: [[Int32]]
}

/// Rule-based sentence splitting over the cleaned text.
///
/// A period ends a sentence unless it follows a title ("Maj. Gen."), a known abbreviation
/// ("Oct. 27", "U.S."), or a single initial ("J. Smith"), or the next word is lowercase. A line
/// break ends a sentence, except inside a paragraph that was hard-wrapped mid-sentence: a line
/// ending in a lowercase word or a comma, followed by one starting in lowercase.
public enum SentenceSplitter {
    public static func split(_ text: [Unicode.Scalar]) -> [Range<Int>] {
        text.withUnsafeBufferPointer { split($0) }
    }

    /// Over the buffer: through the array, each of the text's scalars was read with a bounds
    /// check, and splitting cost a fifth of tokenizing.
    static func split(_ text: UnsafeBufferPointer<Unicode.Scalar>) -> [Range<Int>] {
        var ranges: [Range<Int>] = []
        var start = 0
        func emit(_ end: Int) {
            var s = start, e = end
            while s < e, text[s].isWhitespaceScalar { s += 1 }
            while e > s, text[e - 1].isWhitespaceScalar { e -= 1 }
            if s < e { ranges.append(s..<e) }
            start = end
        }
        var i = 0
        let count = text.count
        while i < count {
            let c = text[i]
            // Only line breaks and sentence marks end a sentence; everything else is skipped
            // with one test (all five are "\n", "!", "." or "?" in ASCII, or "…").
            if c.value > 0x3F && c != "\u{2026}" {
                i += 1
                continue
            }
            if c == "\n" {
                let next = nextNonSpace(text, from: i)
                if !continuesAcrossLine(text, lineEnd: i, next: next) { emit(i) }
                i = max(i + 1, next ?? count)
                continue
            }
            if c == "." || c == "!" || c == "?" || c == "\u{2026}" {
                var j = i + 1
                // Repeated marks and closing quotes or brackets belong to this sentence.
                while j < count, isTerminal(text[j]) || isCloser(text[j]) { j += 1 }
                if j == count || text[j].isWhitespaceScalar,
                   endsSentence(text, mark: i, after: j) {
                    emit(j)
                }
                i = j
                continue
            }
            i += 1
        }
        emit(count)
        return ranges
    }

    /// Sentences with their tokens.
    public static func sentences(_ text: [Unicode.Scalar]) -> [Sentence] {
        tokenized(text).sentences
    }

    /// Sentences with their tokens, and the distinct words of the whole text: a word's strings
    /// are made once however often it occurs (see `WordTable`).
    public static func tokenized(_ text: [Unicode.Scalar]) -> TokenizedText {
        let ranges = text.withUnsafeBufferPointer { split($0) }
        var words = Tokenizer.InterningSink(table: WordTable(expectedTokens: text.count / 10))
        var sentences: [Sentence] = []
        var indices: [[Int32]] = []
        sentences.reserveCapacity(ranges.count)
        indices.reserveCapacity(ranges.count)
        text.withUnsafeBufferPointer { buffer in
            for (k, r) in ranges.enumerated() {
                let (tokens, ids) = Tokenizer.tokenize(buffer, in: r, words: &words)
                sentences.append(Sentence(index: k, range: r, tokens: tokens))
                indices.append(ids)
            }
        }
        return TokenizedText(sentences: sentences, words: words.table.words, wordIndices: indices)
    }

    static func isTerminal(_ c: Unicode.Scalar) -> Bool { c == "." || c == "!" || c == "?" }

    static func isCloser(_ c: Unicode.Scalar) -> Bool {
        c == "\"" || c == "'" || c == ")" || c == "]" || c == "\u{201D}" || c == "\u{2019}" || c == "\u{00BB}"
    }

    static func isOpener(_ c: Unicode.Scalar) -> Bool {
        c == "\"" || c == "'" || c == "(" || c == "[" || c == "\u{201C}" || c == "\u{2018}" || c == "\u{00AB}"
            || c == "\u{2014}" || c == "-"
    }

    private static func nextNonSpace(_ text: UnsafeBufferPointer<Unicode.Scalar>, from i: Int) -> Int? {
        var j = i
        while j < text.count, text[j].isWhitespaceScalar { j += 1 }
        return j < text.count ? j : nil
    }

    private static func continuesAcrossLine(_ text: UnsafeBufferPointer<Unicode.Scalar>, lineEnd: Int, next: Int?) -> Bool {
        guard let next, text[next].isLowercaseScalar else { return false }
        var p = lineEnd - 1
        while p >= 0, text[p] == " " || text[p] == "\t" { p -= 1 }
        guard p >= 0 else { return false }
        return text[p].isLowercaseScalar || text[p] == ","
    }

    private static func endsSentence(_ text: UnsafeBufferPointer<Unicode.Scalar>, mark: Int, after: Int) -> Bool {
        guard let next = nextNonSpace(text, from: after) else { return true }
        let n = text[next]
        if n.isLowercaseScalar { return false }
        guard n.isUppercaseScalar || isOpener(n) || Tokenizer.isDigit(n) || !Tokenizer.isWordScalar(n) else {
            return false
        }
        guard text[mark] == "." else { return true }
        // The word before the period.
        var s = mark
        while s > 0, Tokenizer.isWordScalar(text[s - 1]) || text[s - 1] == "." || text[s - 1] == "'" { s -= 1 }
        if s == mark { return true }
        // Most words before a period are no abbreviation, and the filter says so from their
        // first and last scalars and length, without making the word's string and looking it
        // up in two sets (1.5M Ir of the splitter's 5.9M on the seeds x10).
        let first = text[s], last = text[mark - 1]
        let excluded = first.isASCII && last.isASCII && text[s..<mark].allSatisfy(\.isASCII)
            && Abbreviations.filter.excludes(asciiFirst: UInt8(first.value), last: UInt8(last.value), count: mark - s)
        if !excluded {
            let word = SourceText.string(UnsafeBufferPointer(rebasing: text[s..<mark]))
            let abbreviations = Abbreviations.shared
            if abbreviations.titles.contains(word) { return false }
            if abbreviations.other.contains(word) {
                // "Oct. 27", "No. 5", "U.S. officials": an abbreviation ends a sentence only at a paragraph end.
                return false
            }
        }
        // A single capital initial: "J. Smith".
        if mark - s == 1, first.isUppercaseScalar { return false }
        return true
    }
}
