/// HTML is masked tag by tag: tags become spaces (block tags start with a newline), the
/// contents of `script`, `style` and comments are blanked, and entities are decoded in place.
extension Masking {
    /// Tags after which a reader sees a new paragraph.
    static let blockTags: Set<String> = [
        "p", "div", "br", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "td", "th",
        "table", "section", "article", "header", "footer", "blockquote", "title", "figcaption",
        "main", "aside", "nav", "hr", "dd", "dt", "pre",
    ]

    /// Named entities common in news pages; numeric ones are decoded generally.
    static let namedEntities: [String: Unicode.Scalar] = [
        "amp": "&", "lt": "<", "gt": ">", "quot": "\"", "apos": "'", "nbsp": " ",
        "mdash": "\u{2014}", "ndash": "\u{2013}", "lsquo": "\u{2018}", "rsquo": "\u{2019}",
        "ldquo": "\u{201C}", "rdquo": "\u{201D}", "hellip": "\u{2026}", "laquo": "\u{00AB}",
        "raquo": "\u{00BB}", "shy": " ", "middot": "\u{00B7}", "bull": "\u{2022}",
    ]

    /// Masks `t` in place and returns the `<title>` text, if any.
    static func maskHTML(_ t: inout [Unicode.Scalar]) -> String? {
        var title: String?
        var i = 0
        while i < t.count {
            if t[i] == "<" {
                if matches(t, at: i, Array("<!--".unicodeScalars)) {
                    let end = find(t, Array("-->".unicodeScalars), from: i + 4).map { $0 + 3 } ?? t.count
                    blank(&t, i..<end)
                    i = end
                    continue
                }
                guard let close = tagEnd(t, from: i) else {
                    i += 1
                    continue
                }
                let name = tagName(t, from: i)
                let isClosing = i + 1 < t.count && t[i + 1] == "/"
                blank(&t, i..<close)
                if blockTags.contains(name) { t[i] = "\n" }
                i = close
                if !isClosing, ["script", "style", "title", "noscript", "template"].contains(name) {
                    let endTag = Array("</\(name)".unicodeScalars)
                    let end = find(t, endTag, from: i, caseInsensitive: true) ?? t.count
                    if name == "title" {
                        title = String(String.UnicodeScalarView(t[i..<end]))
                            .trimmingWhitespace()
                    }
                    blank(&t, i..<end)
                    i = end
                }
                continue
            }
            if t[i] == "&", let (scalar, end) = entity(t, at: i) {
                blank(&t, i..<end)
                t[i] = scalar
                i = end
                continue
            }
            i += 1
        }
        return title.flatMap { decodeEntities($0) }.flatMap { $0.isEmpty ? nil : $0 }
    }

    private static func tagEnd(_ t: [Unicode.Scalar], from i: Int) -> Int? {
        guard i + 1 < t.count else { return nil }
        let next = t[i + 1]
        guard next == "/" || next == "!" || next == "?" || next.properties.isAlphabetic else { return nil }
        var quote: Unicode.Scalar?
        var j = i + 1
        while j < t.count {
            let c = t[j]
            if let q = quote {
                if c == q { quote = nil }
            } else if c == "\"" || c == "'" {
                quote = c
            } else if c == ">" {
                return j + 1
            }
            j += 1
        }
        return nil
    }

    private static func tagName(_ t: [Unicode.Scalar], from i: Int) -> String {
        var j = i + 1
        if j < t.count, t[j] == "/" { j += 1 }
        var name = String.UnicodeScalarView()
        while j < t.count, t[j].properties.isAlphabetic || ("0"..."9").contains(t[j]) {
            name.append(t[j])
            j += 1
        }
        return String(name).lowercased()
    }

    private static func find(_ t: [Unicode.Scalar], _ needle: [Unicode.Scalar], from: Int,
                             caseInsensitive: Bool = false) -> Int? {
        var i = from
        while i + needle.count <= t.count {
            if matches(t, at: i, needle, caseInsensitive: caseInsensitive) { return i }
            i += 1
        }
        return nil
    }

    /// `&name;`, `&#123;` or `&#x1F;` at `i`: the scalar and the index after the `;`.
    static func entity(_ t: [Unicode.Scalar], at i: Int) -> (Unicode.Scalar, Int)? {
        var j = i + 1
        var body = String.UnicodeScalarView()
        while j < t.count, j - i <= 10, t[j] != ";" {
            guard t[j].properties.isAlphabetic || ("0"..."9").contains(t[j]) || t[j] == "#" else { return nil }
            body.append(t[j])
            j += 1
        }
        guard j < t.count, t[j] == ";" else { return nil }
        let name = String(body)
        if name.hasPrefix("#x") || name.hasPrefix("#X"), let v = UInt32(name.dropFirst(2), radix: 16),
           let s = Unicode.Scalar(v) { return (s, j + 1) }
        if name.hasPrefix("#"), let v = UInt32(name.dropFirst()), let s = Unicode.Scalar(v) { return (s, j + 1) }
        if let s = namedEntities[name] { return (s, j + 1) }
        return nil
    }

    static func decodeEntities(_ s: String) -> String {
        var t = Array(s.unicodeScalars)
        var out = String.UnicodeScalarView()
        var i = 0
        while i < t.count {
            if t[i] == "&", let (scalar, end) = entity(t, at: i) {
                out.append(scalar)
                i = end
            } else {
                out.append(t[i])
                i += 1
            }
        }
        t = []
        return String(out)
    }
}

extension String {
    /// Trims spaces, tabs and newlines at both ends.
    public func trimmingWhitespace() -> String {
        let scalars = unicodeScalars
        guard let first = scalars.firstIndex(where: { !$0.isWhitespaceScalar }),
              let last = scalars.lastIndex(where: { !$0.isWhitespaceScalar }) else { return "" }
        return String(scalars[first...last])
    }
}
