/// SPARQL tokens, with the line and column each starts at so a syntax error can point at it.

/// A malformed query: "query:3:14: expected '}'". Also used for semantic errors found while
/// parsing (an unknown prefix), which point at the offending token.
public struct SparqlSyntaxError: Error, CustomStringConvertible, Equatable {
    public let line: Int
    public let column: Int
    public let message: String

    public var description: String { "query:\(line):\(column): \(message)" }
}

enum TokenKind: Equatable {
    case iri(String)                     // <...>, unresolved
    case pname(prefix: String, local: String)
    case blank(String)                   // _:label
    case variable(String)
    case string(String)
    case langTag(String)
    case integer(String)
    case decimal(String)
    case double(String)
    case word(String)                    // keywords and function names, as written
    case punct(String)                   // { } ( ) [ ] . , ; * / | ^ + - ! = != < > <= >= && || ^^ ?
    case end
}

struct Token: Equatable {
    let kind: TokenKind
    let line: Int
    let column: Int
}

struct Lexer {
    private let scalars: [Unicode.Scalar]
    private var pos = 0
    private var line = 1
    private var lineStart = 0

    init(_ text: String) { scalars = Array(text.unicodeScalars) }

    static func tokenize(_ text: String) throws(SparqlSyntaxError) -> [Token] {
        var lexer = Lexer(text)
        var out: [Token] = []
        while true {
            let t = try lexer.next()
            out.append(t)
            if t.kind == .end { return out }
        }
    }

    private func peek(_ k: Int = 0) -> Unicode.Scalar? { pos + k < scalars.count ? scalars[pos + k] : nil }

    private func error(_ message: String, at start: Int? = nil) -> SparqlSyntaxError {
        SparqlSyntaxError(line: line, column: (start ?? pos) - lineStart + 1, message: message)
    }

    private mutating func skipSpaceAndComments() {
        while let c = peek() {
            if c == "\n" {
                pos += 1; line += 1; lineStart = pos
            } else if c == " " || c == "\t" || c == "\r" {
                pos += 1
            } else if c == "#" {
                while let d = peek(), d != "\n" { pos += 1 }
            } else {
                return
            }
        }
    }

    static func isNameStart(_ c: Unicode.Scalar) -> Bool {
        switch c.value {
        case 0x41...0x5A, 0x61...0x7A, 0xC0...0xD6, 0xD8...0xF6, 0xF8...0x2FF, 0x370...0x37D, 0x37F...0x1FFF,
             0x200C...0x200D, 0x2070...0x218F, 0x2C00...0x2FEF, 0x3001...0xD7FF, 0xF900...0xFDCF,
             0xFDF0...0xFFFD, 0x10000...0xEFFFF: return true
        default: return false
        }
    }

    static func isNameChar(_ c: Unicode.Scalar) -> Bool {
        isNameStart(c) || c == "_" || c == "-" || ("0"..."9").contains(c) || c.value == 0xB7
            || (0x300...0x36F).contains(c.value) || (0x203F...0x2040).contains(c.value)
    }

    mutating func next() throws(SparqlSyntaxError) -> Token {
        skipSpaceAndComments()
        let start = pos
        let column = pos - lineStart + 1
        func tok(_ k: TokenKind) -> Token { Token(kind: k, line: line, column: column) }
        guard let c = peek() else { return tok(.end) }

        if c == "<", let iri = scanIRI() { return tok(.iri(iri)) }
        if c == "?" || c == "$" {
            if let n = peek(1), Lexer.isNameStart(n) || n == "_" || ("0"..."9").contains(n) {
                pos += 1
                let nameStart = pos
                while let d = peek(), Lexer.isNameChar(d) || d == "_" { pos += 1 }
                return tok(.variable(String(String.UnicodeScalarView(scalars[nameStart..<pos]))))
            }
            if c == "?" { pos += 1; return tok(.punct("?")) }
            throw error("unexpected '$'")
        }
        if c == "\"" || c == "'" { return tok(.string(try scanString(quote: c))) }
        if c == "@" {
            pos += 1
            let s = pos
            while let d = peek(), d.properties.isAlphabetic && d.isASCII || d == "-" || (d.isASCII && ("0"..."9").contains(d)) { pos += 1 }
            if pos == s { throw error("expected a language tag after '@'", at: start) }
            return tok(.langTag(String(String.UnicodeScalarView(scalars[s..<pos]))))
        }
        if ("0"..."9").contains(c) || (c == "." && peek(1).map { ("0"..."9").contains($0) } == true) {
            return tok(scanNumber())
        }
        if c == "_" && peek(1) == ":" {
            pos += 2
            let s = pos
            while let d = peek(), Lexer.isNameChar(d) || d == "." { pos += 1 }
            while pos > s, scalars[pos - 1] == "." { pos -= 1 }
            if pos == s { throw error("expected a blank node label after '_:'", at: start) }
            return tok(.blank(String(String.UnicodeScalarView(scalars[s..<pos]))))
        }
        if Lexer.isNameStart(c) || c == ":" {
            // A keyword, a function name, or a prefixed name (which needs the colon).
            while let d = peek(), Lexer.isNameChar(d) || d == "." { pos += 1 }
            while pos > start, scalars[pos - 1] == "." { pos -= 1 }
            if peek() == ":" {
                let prefix = String(String.UnicodeScalarView(scalars[start..<pos]))
                pos += 1
                return tok(.pname(prefix: prefix, local: try scanLocal()))
            }
            if pos == start { throw error("unexpected ':'") }
            return tok(.word(String(String.UnicodeScalarView(scalars[start..<pos]))))
        }
        let two = peek(1).map { String(c) + String($0) }
        if let two, ["!=", "<=", ">=", "&&", "||", "^^"].contains(two) { pos += 2; return tok(.punct(two)) }
        if "{}()[].,;*/|^+-!=<>".unicodeScalars.contains(c) { pos += 1; return tok(.punct(String(c))) }
        throw error("unexpected character '\(c)'")
    }

    /// `<...>` if what follows is a valid IRIREF, else nil (then `<` is less-than).
    private mutating func scanIRI() -> String? {
        var i = pos + 1
        var out = String.UnicodeScalarView()
        while i < scalars.count {
            let d = scalars[i]
            if d == ">" { pos = i + 1; return String(out) }
            if d.value <= 0x20 || "<\"{}|^`".unicodeScalars.contains(d) { return nil }
            if d == "\\" {
                // \uXXXX and \UXXXXXXXX are allowed in IRIs.
                guard i + 1 < scalars.count, scalars[i + 1] == "u" || scalars[i + 1] == "U" else { return nil }
                let n = scalars[i + 1] == "u" ? 4 : 8
                guard i + 2 + n <= scalars.count,
                      let v = UInt32(String(String.UnicodeScalarView(scalars[(i + 2)..<(i + 2 + n)])), radix: 16),
                      let u = Unicode.Scalar(v) else { return nil }
                out.append(u)
                i += 2 + n
                continue
            }
            out.append(d)
            i += 1
        }
        return nil
    }

    private mutating func scanLocal() throws(SparqlSyntaxError) -> String {
        var out = String.UnicodeScalarView()
        while let d = peek() {
            if Lexer.isNameChar(d) || d == ":" || d == "." || (d.isASCII && ("0"..."9").contains(d)) {
                out.append(d); pos += 1
            } else if d == "%", let a = peek(1), let b = peek(2), a.properties.isASCIIHexDigit, b.properties.isASCIIHexDigit {
                out.append(d); out.append(a); out.append(b); pos += 3
            } else if d == "\\", let e = peek(1), "_~.-!$&'()*+,;=/?#@%".unicodeScalars.contains(e) {
                out.append(e); pos += 2
            } else {
                break
            }
        }
        while let last = out.last, last == ".", pos > 0, scalars[pos - 1] == "." { out.removeLast(); pos -= 1 }
        return String(out)
    }

    private mutating func scanNumber() -> TokenKind {
        let s = pos
        while let d = peek(), ("0"..."9").contains(d) { pos += 1 }
        var isDecimal = false
        if peek() == ".", let n = peek(1), ("0"..."9").contains(n) {
            isDecimal = true
            pos += 1
            while let d = peek(), ("0"..."9").contains(d) { pos += 1 }
        } else if peek() == ".", let n = peek(1), n == "e" || n == "E" {
            isDecimal = true
            pos += 1
        }
        if let e = peek(), e == "e" || e == "E" {
            var j = pos + 1
            if j < scalars.count, scalars[j] == "+" || scalars[j] == "-" { j += 1 }
            if j < scalars.count, ("0"..."9").contains(scalars[j]) {
                pos = j
                while let d = peek(), ("0"..."9").contains(d) { pos += 1 }
                return .double(String(String.UnicodeScalarView(scalars[s..<pos])))
            }
        }
        let text = String(String.UnicodeScalarView(scalars[s..<pos]))
        return isDecimal ? .decimal(text) : .integer(text)
    }

    private mutating func scanString(quote: Unicode.Scalar) throws(SparqlSyntaxError) -> String {
        let start = pos
        let long = peek(1) == quote && peek(2) == quote
        pos += long ? 3 : 1
        var out = String.UnicodeScalarView()
        while true {
            guard let d = peek() else { throw error("unterminated string", at: start) }
            if d == quote {
                if !long { pos += 1; return String(out) }
                if peek(1) == quote && peek(2) == quote && peek(3) != quote { pos += 3; return String(out) }
                out.append(d); pos += 1
                continue
            }
            if !long && (d == "\n" || d == "\r") { throw error("newline in a short string", at: start) }
            if d == "\n" { line += 1; lineStart = pos + 1 }
            if d == "\\" {
                guard let e = peek(1) else { throw error("unterminated string", at: start) }
                pos += 2
                switch e {
                case "t": out.append("\t")
                case "n": out.append("\n")
                case "r": out.append("\r")
                case "b": out.append("\u{8}")
                case "f": out.append("\u{C}")
                case "\"", "'", "\\": out.append(e)
                case "u", "U":
                    let n = e == "u" ? 4 : 8
                    guard pos + n <= scalars.count,
                          let v = UInt32(String(String.UnicodeScalarView(scalars[pos..<(pos + n)])), radix: 16),
                          let u = Unicode.Scalar(v) else { throw error("bad \\\(e) escape in string") }
                    out.append(u)
                    pos += n
                default: throw error("bad escape '\\\(e)' in string")
                }
                continue
            }
            out.append(d)
            pos += 1
        }
    }
}
