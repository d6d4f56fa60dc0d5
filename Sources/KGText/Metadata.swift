import KGModel

/// A document's title and date, read from the text itself.
public struct DocumentMetadata: Sendable {
    public let title: String?
    public let date: DateLiteral?
    /// True when no dateline or URL gave the date and it was inferred from the latest date the
    /// article mentions.
    public let dateInferred: Bool

    /// The title is the HTML `<title>` or the first undated line of three words or more without a
    /// final period. The date is the first full date in the article's opening lines (its
    /// dateline); failing that, the month of the latest full date the article mentions, since
    /// news is written after what it reports.
    public static func read(_ text: SourceText, sentences: [Sentence]) -> DocumentMetadata {
        let headerFinder = DateFinder(reference: nil)
        var title = text.markupTitle
        var date: DateLiteral?
        let headerEnd = headerLimit(text)
        // The opening lines first; the whole article only when they and the URL give no date
        // (most articles have a dateline, and finding every date of every sentence twice, here
        // and for the events, was the larger part of reading the metadata).
        for s in sentences where s.range.lowerBound < headerEnd {
            let dates = headerFinder.find(in: s.tokens).filter { $0.date.precision == .day }
            if date == nil, let d = dates.first {
                date = d.date
            }
            if title == nil, dates.isEmpty {
                let line = text.cleanText(s.range).trimmingWhitespace()
                // A headline is a line of its own: a few words, no final period. Its length is
                // asked first: splitting a long opening paragraph into words cost more than
                // finding all the article's dates.
                if line.unicodeScalars.count <= 200, !line.hasSuffix("."), Self.hasThreeWords(line) {
                    title = line
                }
            }
        }
        // "https://…/2020/10/28/…": news sites put the publication date in the path.
        if date == nil { date = urlDate(text) }
        var inferred = false
        var latest: DateLiteral?
        if date == nil {
            for s in sentences {
                let dates = headerFinder.find(in: s.tokens).filter { $0.date.precision == .day }
                if let d = dates.map(\.date).max(), latest.map({ d > $0 }) ?? true { latest = d }
            }
        }
        if date == nil, let latest {
            date = DateLiteral(year: latest.year, month: latest.month)
            inferred = true
        }
        return DocumentMetadata(title: title, date: date, dateInferred: inferred)
    }

    /// The first /YYYY/MM/DD/ (or /YYYY/MM/DD at the end of a URL) in the raw text; URLs are
    /// blanked in the cleaned text, so this reads the file as written.
    static func urlDate(_ text: SourceText) -> DateLiteral? {
        // Every match starts "/19" or "/20"; most articles have neither, and running the regex
        // over the whole text cost more than finding all the other dates.
        // Over the buffer, a slash looked for first: a closure over the indices cost twenty
        // instructions a scalar.
        let candidate = text.scalars.withUnsafeBufferPointer { s in
            var i = 0
            while i + 2 < s.count {
                if s[i] == "/" && ((s[i + 1] == "1" && s[i + 2] == "9") || (s[i + 1] == "2" && s[i + 2] == "0")) { return true }
                i += 1
            }
            return false
        }
        guard candidate else { return nil }
        let raw = text.text(0..<text.count)
        for match in raw.matches(of: /\/((?:19|20)\d\d)\/(\d{1,2})\/(\d{1,2})(?:[\/\-_.?#]|\s|$)/) {
            if let y = Int(match.1), let m = Int(match.2), let d = Int(match.3), let date = DateLiteral(year: y, month: m, day: d) {
                return date
            }
        }
        return nil
    }

    /// `line.split(separator: " ").count >= 3`, counted over the bytes of an ASCII line (each
    /// byte a Character) without making the substrings.
    static func hasThreeWords(_ line: String) -> Bool {
        var words = 0
        var inWord = false
        for b in line.utf8 {
            guard b < 0x80 else { return line.split(separator: " ").count >= 3 }
            if b == 0x20 {
                inWord = false
            } else if !inWord {
                inWord = true
                words += 1
            }
        }
        return words >= 3
    }

    /// The opening lines: the first twelve lines, and never more than 600 scalars.
    private static func headerLimit(_ text: SourceText) -> Int {
        var lines = 0
        for (i, c) in text.clean.enumerated() where c == "\n" {
            lines += 1
            if lines >= 12 { return min(i, 600) }
        }
        return min(text.count, 600)
    }
}
