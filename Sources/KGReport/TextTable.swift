/// Rows of text cells printed as an aligned table (for people) or as TSV (for tools).
public struct TextTable: Sendable, Equatable {
    public var header: [String]
    public var rows: [[String]]

    public init(header: [String], rows: [[String]]) {
        self.header = header
        self.rows = rows
    }

    /// Columns padded to their widest cell, two spaces apart; the last column is not padded,
    /// so long snippets don't drag trailing blanks. Widths count Characters, which is what a
    /// terminal shows for the Latin, Cyrillic and Armenian names news carries.
    public func aligned() -> String {
        let all = [header] + rows
        let columns = header.count
        var widths = Array(repeating: 0, count: columns)
        for row in all { for (i, cell) in row.prefix(columns).enumerated() { widths[i] = max(widths[i], cell.count) } }
        var out = ""
        for (n, row) in all.enumerated() {
            var line = ""
            for i in 0..<columns {
                let cell = i < row.count ? row[i] : ""
                line += i == columns - 1 ? cell : cell.padded(to: widths[i]) + "  "
            }
            out += line.trimmingTrailingSpaces() + "\n"
            if n == 0 { out += widths.enumerated().map { String(repeating: "-", count: $0.offset == columns - 1 ? max($0.element, 1) : $0.element) }.joined(separator: "  ") + "\n" }
        }
        return out
    }

    /// Tab-separated values with a header line. Tabs and newlines inside cells become spaces:
    /// TSV has no quoting, and one record must stay one line.
    public func tsv() -> String {
        ([header] + rows).map { row in
            row.map { cell in String(cell.map { $0 == "\t" || $0 == "\n" || $0 == "\r" ? " " : $0 }) }.joined(separator: "\t")
        }.joined(separator: "\n") + "\n"
    }
}

extension String {
    func trimmingTrailingSpaces() -> String {
        var s = Substring(self)
        while s.last == " " { s = s.dropLast() }
        return String(s)
    }

    /// Pads with spaces to `length` characters; never truncates.
    func padded(to length: Int) -> String {
        count >= length ? self : self + String(repeating: " ", count: length - count)
    }

    /// One line of at most `limit` characters, whitespace collapsed, with an ellipsis when cut.
    public func snippet(_ limit: Int) -> String {
        let words = split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == "\t" || $0 == "\r" })
        let line = words.joined(separator: " ")
        guard line.count > limit else { return line }
        return String(line.prefix(max(0, limit - 1))) + "…"
    }
}
