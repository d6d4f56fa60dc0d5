import KGModel

/// A date expression found in a sentence, resolved against the article's date.
public struct DateMention: Sendable, Hashable {
    public let range: Range<Int>
    public let date: DateLiteral
    /// Whether the text gave the year itself; resolved years depend on the article date.
    public let explicitYear: Bool
    /// Whether the date counts from the moment of speaking ("today", "on Wednesday", "last
    /// week"): in a quotation that moment is the speech's, not the article's.
    public var deictic: Bool = false
}

/// Finds dates in token streams: "October 28, 2020", "Oct. 27", "8 July 2025", "September 2023",
/// "2025-07-08", "in 1988", "on Wednesday", "yesterday", "in December last year".
///
/// A day and month without a year resolve to the latest such date not after the article's date
/// ("November 10" in a July 2021 article is 2020-11-10); weekdays to the latest such day on or
/// before it. Without an article date, only dates that carry their year are returned.
public struct DateFinder: Sendable {
    public let reference: DateLiteral?
    let words = DateWords.shared

    public init(reference: DateLiteral?) {
        self.reference = reference
    }

    public func find(in tokens: [Token]) -> [DateMention] {
        var found: [DateMention] = []
        var i = 0
        while i < tokens.count {
            // Most tokens start no date; `match` is a large function to enter for each.
            guard tokens[i].mayStartDate else {
                i += 1
                continue
            }
            if let (mention, next) = match(tokens, at: i) {
                found.append(mention)
                i = next
            } else {
                i += 1
            }
        }
        return found
    }

    /// Whether a token may start a date. Most tokens are words or punctuation that start none.
    /// Such a token matches in `match` only by its lowercased text (a month, weekday, relative
    /// day or period word) or, for ISO dates, by a leading digit; only number tokens match
    /// otherwise. Known once per distinct word (`WordTable`), so the finders skip the rest
    /// without any lookup.
    /// The filter rules out most words without hashing them; the few it lets through are
    /// looked up, since "this" and "last" (period words) share bits with many others.
    /// Read from the word's scalars (`scalars` are `text`'s): the filter's bytes of an ASCII
    /// word are its scalars lowercased, and asking them of the string cost more than the test.
    ///
    /// Not `exact`, a word the filter lets through is taken as a possible start, and `match`
    /// decides it: for tokens made one by one (lexicon names), where the lookup cost more than
    /// it saved.
    static func mayStart(kind: Token.Kind, scalars: UnsafeBufferPointer<Unicode.Scalar>, lowercased: String, exact: Bool) -> Bool {
        guard let first = scalars.first, let last = scalars.last else {
            return kind == .number || !DateWords.startFilter.excludes(lowercased) && (!exact || DateWords.startWords.contains(lowercased))
        }
        if kind == .number || Tokenizer.isDigit(first) { return true }
        if scalars.allSatisfy(\.isASCII) {
            func lower(_ c: Unicode.Scalar) -> UInt8 {
                let v = UInt8(truncatingIfNeeded: c.value)
                return v &- 0x41 < 26 ? v + 0x20 : v
            }
            if DateWords.startFilter.excludes(asciiFirst: lower(first), last: lower(last), count: scalars.count) { return false }
        }
        return !exact || DateWords.startWords.contains(lowercased)
    }

    /// The words before a bare year that make it a date ("in 1988").
    private static let yearPrepositions = DateWords.shared.yearPrepositions

    /// `Int(text)` when every character of `text` is a number, as `number` asks it: a token
    /// of ASCII digits. Parsed here for up to 18 digits (no overflow); longer ones, and
    /// anything not all ASCII digits, take the general expression.
    private static func value(_ text: String) -> Int? {
        var n = 0
        var count = 0
        for b in text.utf8 {
            guard b &- 0x30 < 10, count < 18 else {
                return text.allSatisfy(\.isNumber) ? Int(text) : nil
            }
            n = n &* 10 &+ Int(b &- 0x30)
            count += 1
        }
        return count > 0 ? n : nil
    }

    private func month(_ t: Token) -> Int? {
        guard t.kind == .word, t.isCapitalized else { return nil }
        return words.months[t.lowercased]
    }

    private func number(_ t: Token?, in range: ClosedRange<Int>) -> Int? {
        guard let t, t.kind == .number, let n = Self.value(t.text), range.contains(n) else { return nil }
        return n
    }

    // A number's text is ASCII digits, so its character count is its byte count.
    private func year(_ t: Token?) -> Int? { number(t, in: 1000...2199).flatMap { t!.text.utf8.count == 4 ? $0 : nil } }

    /// Tries every pattern at token `i`; returns the mention and the index after it.
    private func match(_ tk: [Token], at i: Int) -> (DateMention, Int)? {
        guard tk[i].mayStartDate else { return nil }
        func tok(_ k: Int) -> Token? { k < tk.count ? tk[k] : nil }
        func skipPeriod(_ k: Int) -> Int { tok(k)?.text == "." ? k + 1 : k }
        func skipComma(_ k: Int) -> Int { tok(k)?.text == "," ? k + 1 : k }
        let t = tk[i]

        // ISO 8601: 2025-07-08
        if t.text.utf8.count >= 7, t.text.utf8.first.map({ $0 >= 0x30 && $0 <= 0x39 }) == true, let d = DateLiteral(iso: t.text) {
            return (DateMention(range: t.start..<t.end, date: d, explicitYear: true), i + 1)
        }
        // Month [Day][,] [Year]
        if let m = month(t) {
            var k = skipPeriod(i + 1)
            if let day = number(tok(k), in: 1...31) {
                k += 1
                if tok(k)?.text == "," || tok(k)?.text == "th" || tok(k)?.text == "st" { k = skipComma(k) }
                if let y = year(tok(skipComma(k))) {
                    let end = skipComma(k)
                    if let d = DateLiteral(year: y, month: m, day: day) {
                        return (DateMention(range: t.start..<tk[end].end, date: d, explicitYear: true), end + 1)
                    }
                    return nil
                }
                let end = tk[k - 1].end
                return resolveDayMonth(day: day, month: m, tokens: tk, after: k).map {
                    (DateMention(range: t.start..<max(end, $0.1), date: $0.0, explicitYear: false), $0.2)
                }
            }
            if let y = year(tok(k)) {
                // "May 2023" is a month; a bare "May" is too often the verb to be a date.
                guard let d = DateLiteral(year: y, month: m) else { return nil }
                return (DateMention(range: t.start..<tk[k].end, date: d, explicitYear: true), k + 1)
            }
            if tok(k)?.lowercased == "last" || tok(k)?.lowercased == "this", tok(k + 1)?.lowercased == "year",
               let ref = reference {
                let y = ref.year + (tok(k)?.lowercased == "last" ? -1 : 0)
                guard let d = DateLiteral(year: y, month: m) else { return nil }
                return (DateMention(range: t.start..<tk[k + 1].end, date: d, explicitYear: false), k + 2)
            }
            return nil
        }
        // Day Month [Year]: "8 July 2025"
        if let day = number(t, in: 1...31), let next = tok(i + 1), let m = month(next) {
            let k = skipPeriod(i + 2)
            if let y = year(tok(k)) {
                guard let d = DateLiteral(year: y, month: m, day: day) else { return nil }
                return (DateMention(range: t.start..<tk[k].end, date: d, explicitYear: true), k + 1)
            }
            return resolveDayMonth(day: day, month: m, tokens: tk, after: k).map {
                (DateMention(range: t.start..<max(next.end, $0.1), date: $0.0, explicitYear: false), $0.2)
            }
        }
        // "in 1988", "since 1995": a bare year after a preposition.
        if let y = year(t), i > 0, Self.yearPrepositions.contains(tk[i - 1].lowercased), tok(i + 1)?.text != "-",
           let d = DateLiteral(year: y) {
            return (DateMention(range: t.start..<t.end, date: d, explicitYear: true), i + 1)
        }
        // Each remaining pattern starts with a word of `DateWords.startWords`: the filter rules
        // out most tokens that reach here (numbers) without hashing them three times.
        guard !DateWords.startFilter.excludes(t.lowercased) else { return nil }
        // "earlier this month", "last week": the coarsest period that is certain.
        if let ref = reference, ref.month != nil, DateWords.periodFirstWords.contains(t.lowercased),
           let (phrase, period) = DateWords.periodPhrases.first(where: { p in
               i + p.0.count <= tk.count && zip(p.0, tk[i..<(i + p.0.count)]).allSatisfy { $0 == $1.lowercased }
           }), let d = Self.resolve(period, against: ref) {
            return (DateMention(range: t.start..<tk[i + phrase.count - 1].end, date: d, explicitYear: false, deictic: true), i + phrase.count)
        }
        // Weekdays and relative days need the article date.
        if let ref = reference, ref.day != nil {
            if let w = words.weekdays[t.lowercased], t.isCapitalized, let refDay = ref.weekday {
                let back = (refDay - w + 7) % 7
                if let d = ref.adding(days: -back) {
                    return (DateMention(range: t.start..<t.end, date: d, explicitYear: false, deictic: true), i + 1)
                }
            }
            if let offset = words.relativeDays[t.lowercased], let d = ref.adding(days: offset) {
                return (DateMention(range: t.start..<t.end, date: d, explicitYear: false, deictic: true), i + 1)
            }
        }
        return nil
    }

    /// A relative period as a literal: a month or year is itself; a week becomes its month when
    /// all its days share one, else its year when they share that, else nothing.
    static func resolve(_ period: DateWords.RelativePeriod, against ref: DateLiteral) -> DateLiteral? {
        switch period.unit {
        case "year":
            return DateLiteral(year: ref.year + period.offset)
        case "month":
            guard let m = ref.month else { return nil }
            let index = ref.year * 12 + (m - 1) + period.offset
            return DateLiteral(year: index / 12, month: index % 12 + 1)
        case "week":
            // Weeks run Monday to Sunday; "this week" ends at the article's date.
            guard ref.day != nil, let weekday = ref.weekday else { return nil }
            let sinceMonday = (weekday + 6) % 7
            guard let monday = ref.adding(days: -sinceMonday + 7 * period.offset),
                  let last = period.offset < 0 ? monday.adding(days: 6) : ref else { return nil }
            if monday.year == last.year, monday.month == last.month { return DateLiteral(year: monday.year, month: monday.month) }
            if monday.year == last.year { return DateLiteral(year: monday.year) }
            return nil
        default:
            return nil
        }
    }

    /// A day and month without a year: "last year" after it sets the year; otherwise the latest
    /// such date not after the article date. Returns the date, the end offset and the next index.
    private func resolveDayMonth(day: Int, month: Int, tokens tk: [Token], after k: Int) -> (DateLiteral, Int, Int)? {
        guard let ref = reference else { return nil }
        if k + 1 < tk.count, tk[k].lowercased == "last", tk[k + 1].lowercased == "year" {
            return DateLiteral(year: ref.year - 1, month: month, day: day).map { ($0, tk[k + 1].end, k + 2) }
        }
        var year = ref.year
        if let refMonth = ref.month, (month, day) > (refMonth, ref.day ?? 31) { year -= 1 }
        return DateLiteral(year: year, month: month, day: day).map { ($0, 0, k) }
    }
}
