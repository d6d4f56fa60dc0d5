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

    /// Written digit by digit into the string: interpolating and concatenating the parts cost
    /// two thousand instructions a date, and the extractor and the JSON writer ask it often.
    /// `init` keeps the year within 1...9999, so four digits always hold it.
    public var iso: String {
        let count = 4 + (month == nil ? 0 : 3) + (day == nil ? 0 : 3)
        return String(unsafeUninitializedCapacity: count) { b in
            func digit(_ n: Int) -> UInt8 { 0x30 + UInt8(truncatingIfNeeded: n % 10) }
            b[0] = digit(year / 1000)
            b[1] = digit(year / 100)
            b[2] = digit(year / 10)
            b[3] = digit(year)
            if let month {
                b[4] = UInt8(ascii: "-")
                b[5] = digit(month / 10)
                b[6] = digit(month)
            }
            if let day {
                b[7] = UInt8(ascii: "-")
                b[8] = digit(day / 10)
                b[9] = digit(day)
            }
            return count
        }
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
