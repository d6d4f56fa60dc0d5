/// A calendar date at year, month or day precision, as `hasDate` and document dates carry it.
///
/// News often gives only a month or a year ("in September 2023"), so precision is part of the
/// value: `2023`, `2023-09` and `2023-09-20` are three different literals, typed `xsd:gYear`,
/// `xsd:gYearMonth` and `xsd:date` in RDF.
public struct DateLiteral: Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
    public let year: Int
    public let month: Int?
    public let day: Int?

    public enum Precision: Sendable { case year, month, day }

    /// Returns nil for an impossible date (month 13, February 30): bad input is not silently kept.
    public init?(year: Int, month: Int? = nil, day: Int? = nil) {
        guard (1...9999).contains(year) else { return nil }
        if let month {
            guard (1...12).contains(month) else { return nil }
        } else if day != nil {
            return nil
        }
        if let day, let month {
            guard (1...DateLiteral.daysIn(month: month, year: year)).contains(day) else { return nil }
        }
        self.year = year
        self.month = month
        self.day = day
    }

    /// Parses `YYYY`, `YYYY-MM` or `YYYY-MM-DD`.
    public init?(iso: String) {
        let parts = iso.split(separator: "-", omittingEmptySubsequences: false)
        guard (1...3).contains(parts.count), parts[0].count == 4,
              parts.dropFirst().allSatisfy({ $0.count == 2 }) else { return nil }
        let numbers = parts.compactMap { Int($0) }
        guard numbers.count == parts.count else { return nil }
        self.init(year: numbers[0], month: numbers.count > 1 ? numbers[1] : nil,
                  day: numbers.count > 2 ? numbers[2] : nil)
    }

    public var precision: Precision {
        day != nil ? .day : (month != nil ? .month : .year)
    }

    public var description: String { iso }

    public var iso: String {
        var s = String(format4(year))
        if let month { s += "-" + format2(month) }
        if let day { s += "-" + format2(day) }
        return s
    }

    public static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    /// Day of the week, 0 = Sunday … 6 = Saturday (Sakamoto's method); nil without a day.
    public var weekday: Int? {
        guard let month, let day else { return nil }
        let t = [0, 3, 2, 5, 0, 3, 5, 1, 4, 6, 2, 4]
        let y = month < 3 ? year - 1 : year
        return (y + y / 4 - y / 100 + y / 400 + t[month - 1] + day) % 7
    }

    /// The date `days` days later (or earlier, when negative). Only for day precision.
    public func adding(days: Int) -> DateLiteral? {
        guard var m = month, var d = day else { return nil }
        var y = year
        d += days
        while d < 1 {
            m -= 1
            if m < 1 { m = 12; y -= 1 }
            d += DateLiteral.daysIn(month: m, year: y)
        }
        while d > DateLiteral.daysIn(month: m, year: y) {
            d -= DateLiteral.daysIn(month: m, year: y)
            m += 1
            if m > 12 { m = 1; y += 1 }
        }
        return DateLiteral(year: y, month: m, day: d)
    }

    /// Orders by year, then month, then day; a coarser date sorts before its refinements.
    public static func < (a: DateLiteral, b: DateLiteral) -> Bool {
        (a.year, a.month ?? 0, a.day ?? 0) < (b.year, b.month ?? 0, b.day ?? 0)
    }

    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let value = DateLiteral(iso: text) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath,
                                                    debugDescription: "not a YYYY[-MM[-DD]] date: \(text)"))
        }
        self = value
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(iso)
    }
}

private func format2(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
private func format4(_ n: Int) -> String { String(repeating: "0", count: max(0, 4 - String(n).count)) + String(n) }
