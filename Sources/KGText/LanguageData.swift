import Foundation

/// Loads the JSON language data shipped in a target's resource bundle. Data stays in files so a
/// new language or a new abbreviation is an edit to data, not to code.
public enum ResourceLoader {
    public static func decode<T: Decodable>(_ type: T.Type, named name: String, in bundle: Bundle) -> T {
        guard let url = bundle.url(forResource: name, withExtension: "json") else {
            // The resources are part of the build; their absence is a packaging bug, not bad input.
            fatalError("kgraph: missing resource \(name).json in \(bundle.bundlePath)")
        }
        do {
            return try JSONDecoder().decode(T.self, from: Data(contentsOf: url))
        } catch {
            fatalError("kgraph: resource \(name).json is malformed: \(error)")
        }
    }
}

extension ResourceLoader {
    /// The UTF-8 text of a bundled resource.
    public static func text(named name: String, withExtension ext: String, in bundle: Bundle) -> String {
        guard let url = bundle.url(forResource: name, withExtension: ext),
              let data = try? Data(contentsOf: url), let text = String(data: data, encoding: .utf8) else {
            fatalError("kgraph: missing or unreadable resource \(name).\(ext) in \(bundle.bundlePath)")
        }
        return text
    }
}

struct Abbreviations: Decodable, Sendable {
    let titles: Set<String>
    let other: Set<String>

    static let shared = ResourceLoader.decode(Abbreviations.self, named: "abbreviations", in: .module)

    /// Rules out most words as either kind of abbreviation without hashing them.
    static let filter = WordFilter(shared.titles.union(shared.other))
}

/// Month, weekday and relative date words.
public struct DateWords: Decodable, Sendable {
    public let months: [String: Int]
    public let weekdays: [String: Int]
    public let relativeDays: [String: Int]
    public let relativeYears: [String: Int]
    public let relativePeriods: [String: RelativePeriod]
    /// The words before a bare year that make it a date ("in 1988").
    public let yearPrepositions: [String]

    /// "last week": a unit (week, month, year) and how many of them back (-1) or forward.
    public struct RelativePeriod: Decodable, Sendable {
        public let unit: String
        public let offset: Int
    }

    /// First words of `relativePeriods`: most tokens start none, and this says so at once.
    public static let periodFirstWords = Set(periodPhrases.compactMap(\.0.first))

    /// `relativePeriods` as lowercase token sequences, longest first.
    public static let periodPhrases: [([String], RelativePeriod)] = shared.relativePeriods
        .map { ($0.key.split(separator: " ").map(String.init), $0.value) }
        .sorted { ($0.0.count, $0.0.joined(separator: " ")) > ($1.0.count, $1.0.joined(separator: " ")) }

    public static let shared = ResourceLoader.decode(DateWords.self, named: "dates", in: .module)

    /// Every word a date can begin with that is looked up by its lowercased text: months,
    /// weekdays, relative days and the first words of relative periods. A word token the filter
    /// excludes starts no date, and `DateFinder` skips it without a lookup in any of them.
    public static let startFilter = WordFilter(startWords)

    /// The same words, to decide the few the filter lets through.
    public static let startWords = Set(Array(shared.months.keys) + Array(shared.weekdays.keys)
                                               + Array(shared.relativeDays.keys) + Array(periodFirstWords))
}
