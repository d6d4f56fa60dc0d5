/// Blanks markup in place so that offsets in the cleaned text are offsets in the file.
///
/// Every replacement keeps the scalar count: link syntax, tags and URLs become spaces; an HTML
/// entity becomes its character followed by spaces; a block-level tag starts with a newline so
/// paragraphs still end sentences.
enum Masking {
    struct Result {
        var text: [Unicode.Scalar]
        var title: String?
    }

    static func mask(_ input: [Unicode.Scalar], kind: SourceKind) -> Result {
        var out = input
        var title: String?
        if kind == .html {
            title = maskHTML(&out)
        }
        // Markdown and URLs over the buffer: through the array, every scalar read and written
        // was checked against its bounds and its buffer's uniqueness.
        out.withUnsafeMutableBufferPointer { t in
            if kind != .html { maskMarkdown(t) }
            maskURLs(t)
            // Byte order marks and other format characters are invisible; blank them so they
            // never end up inside a name.
            for i in t.indices where t[i].isFormatScalar {
                t[i] = " "
            }
        }
        return Result(text: out, title: title)
    }

    static func blank(_ t: UnsafeMutableBufferPointer<Unicode.Scalar>, _ range: Range<Int>) {
        for i in range where t[i] != "\n" { t[i] = " " }
    }

    static func blank(_ t: inout [Unicode.Scalar], _ range: Range<Int>) {
        for i in range where t[i] != "\n" { t[i] = " " }
    }

    // MARK: Markdown (also applied to plain text: news copied from the web keeps link syntax)

    static func maskMarkdown(_ t: UnsafeMutableBufferPointer<Unicode.Scalar>) {
        var i = 0
        var lineStart = true
        while i < t.count {
            let c = t[i]
            // Above "`" only "{|}~" and non-ASCII, none of which the switch below handles: most
            // of the text (lowercase letters) is passed over with this one test.
            if !lineStart && c.value > 0x60 {
                i += 1
                continue
            }
            if lineStart {
                // Headings, quotes and bullets: leading `#`, `>`, `*`, `-` followed by a space.
                var j = i
                while j < t.count, t[j] == " " { j += 1 }
                var k = j
                while k < t.count, t[k] == "#" || t[k] == ">" { k += 1 }
                if k == j, k < t.count, t[k] == "*" || t[k] == "+" { k += 1 }
                if k > j, k < t.count, t[k] == " " { blank(t, j..<k) }
            }
            lineStart = c == "\n"
            switch c {
            case "[":
                if let (close, end) = linkEnd(t, from: i) {
                    t[i] = " "
                    blank(t, close..<end)
                    i += 1
                    continue
                }
            case "*", "_":
                // `**bold**` and `__bold__`; single `_` is kept (it occurs in handles and names).
                if i + 1 < t.count, t[i + 1] == c {
                    t[i] = " "
                    t[i + 1] = " "
                    i += 2
                    continue
                }
                if c == "*" { t[i] = " " }
            case "`":
                t[i] = " "
            default:
                break
            }
            i += 1
        }
    }

    /// For `[text](target)` starting at `open`, the range of `](target)`.
    private static func linkEnd(_ t: UnsafeMutableBufferPointer<Unicode.Scalar>, from open: Int) -> (Int, Int)? {
        var j = open + 1
        while j < t.count, t[j] != "]", t[j] != "\n", t[j] != "[" { j += 1 }
        guard j + 1 < t.count, t[j] == "]", t[j + 1] == "(" else { return nil }
        var k = j + 2
        while k < t.count, t[k] != ")", t[k] != "\n", t[k] != " " { k += 1 }
        guard k < t.count, t[k] == ")" else { return nil }
        return (j, k + 1)
    }

    // MARK: URLs

    static func maskURLs(_ t: UnsafeMutableBufferPointer<Unicode.Scalar>) {
        let prefixes: [[Unicode.Scalar]] = ["http://", "https://", "www.", "pic.twitter.com/"].map {
            Array($0.unicodeScalars)
        }
        var i = 0
        while i < t.count {
            // Every prefix starts with "h", "w" or "p": most scalars are ruled out by that alone,
            // before the word-start test and the four comparisons.
            let c = t[i]
            guard c == "h" || c == "w" || c == "p" else {
                i += 1
                continue
            }
            let atWordStart = i == 0 || t[i - 1] == " " || t[i - 1] == "\n" || t[i - 1] == "<" || t[i - 1] == "("
            if atWordStart, prefixes.contains(where: { matches(t, at: i, $0) }) {
                var j = i
                while j < t.count, !t[j].isWhitespaceScalar, t[j] != ">" { j += 1 }
                if i > 0, t[i - 1] == "<", j < t.count, t[j] == ">" {
                    blank(t, (i - 1)..<(j + 1))
                } else {
                    blank(t, i..<j)
                }
                i = j
                continue
            }
            i += 1
        }
    }

    private static func matches(_ t: UnsafeMutableBufferPointer<Unicode.Scalar>, at i: Int, _ word: [Unicode.Scalar]) -> Bool {
        guard i + word.count <= t.count else { return false }
        for (k, w) in word.enumerated() where t[i + k] != w { return false }
        return true
    }

    static func matches(_ t: [Unicode.Scalar], at i: Int, _ word: [Unicode.Scalar], caseInsensitive: Bool = false) -> Bool {
        guard i + word.count <= t.count else { return false }
        for (k, w) in word.enumerated() {
            let c = t[i + k]
            if c == w { continue }
            if caseInsensitive, c.properties.lowercaseMapping == w.properties.lowercaseMapping { continue }
            return false
        }
        return true
    }
}
