/// KGRDF: the knowledge graph as RDF. `RDFMapper` turns a `Graph` into `Triple`s over public
/// vocabularies (`Vocab`), and `serialize` writes them as N-Triples or Turtle (through Serd)
/// or JSON-LD. The public API carries no C types.
import KGModel

public enum RDFFormat: String, CaseIterable, Sendable {
    case nt, ttl, jsonld

    public var fileExtension: String { rawValue }

    public var mediaType: String {
        switch self {
        case .nt: "application/n-triples"
        case .ttl: "text/turtle"
        case .jsonld: "application/ld+json"
        }
    }
}

public enum RDFError: Error, Equatable, CustomStringConvertible {
    case invalidBase(String)
    case invalidIRI(String)
    case invalidBlankNode(String)
    case invalidLanguageTag(String)
    /// A literal no syntax can carry (U+0000), or whose lexical form does not match its
    /// datatype where Turtle would write it bare (`"abc"^^xsd:integer` would become `abc`).
    case invalidLiteral(String, datatype: String?)
    case misplacedTerm(String)
    /// A prefix name Turtle cannot declare, or a namespace that is not an absolute IRI.
    case invalidPrefix(String, namespace: String)
    case serd(status: Int, message: String)

    public var description: String {
        switch self {
        case .invalidBase(let b): "base IRI must be absolute (have a scheme) and valid: \(b)"
        case .invalidIRI(let i): "not an absolute IRI: \(i)"
        case .invalidBlankNode(let b): "not a blank node label: \(b)"
        case .invalidLanguageTag(let l): "not a language tag: \(l)"
        case .invalidLiteral(let v, let d): "literal \(v.debugDescription) is not valid for \(d ?? "its language tag")"
        case .misplacedTerm(let t): t
        case .invalidPrefix(let p, let ns): "cannot declare prefix \(p.debugDescription) for \(ns)"
        case .serd(let status, let message): "serd error \(status): \(message)"
        }
    }
}

/// Writes `triples` in `format`. Duplicates are dropped (first occurrence kept), so every
/// format carries exactly the same set. Turtle and JSON-LD declare `prefixes`; N-Triples has
/// no prefixes. Throws `RDFError` for terms that would produce invalid output.
public func serialize(_ triples: [Triple], format: RDFFormat,
                      prefixes: [String: String] = Vocab.prefixes) throws -> String {
    let unique = deduplicated(triples)
    try validate(unique)
    try validate(prefixes: prefixes)
    switch format {
    case .nt: return try SerdSerializer.write(unique, turtle: false, prefixes: [:])
    case .ttl: return try SerdSerializer.write(unique, turtle: true, prefixes: prefixes)
    case .jsonld: return try JSONLDSerializer.write(unique, prefixes: prefixes)
    }
}

/// `graph` mapped under `base` and written in `format`: what `kgraph export` needs.
public func exportRDF(_ graph: Graph, format: RDFFormat, base: String = RDFMapper.defaultBase) throws -> String {
    try serialize(RDFMapper(base: base).triples(for: graph), format: format)
}

// MARK: - Validation
// Serd writes what it is given; these checks stop it from writing something no parser reads.

func validate(_ triples: [Triple]) throws {
    for t in triples {
        switch t.subject {
        case .iri(let i): try checkIRI(i)
        case .blank(let b): try checkBlank(b)
        case .literal(let v, _, _): throw RDFError.misplacedTerm("literal as subject: \(v.debugDescription)")
        }
        guard case .iri(let p) = t.predicate else { throw RDFError.misplacedTerm("predicate must be an IRI: \(t.predicate)") }
        try checkIRI(p)
        switch t.object {
        case .iri(let i): try checkIRI(i)
        case .blank(let b): try checkBlank(b)
        case .literal(let v, let datatype, let language): try checkLiteral(v, datatype, language)
        }
    }
}

/// Turtle's PN_PREFIX, ASCII only: a letter, then letters, digits, `_`, `-` or `.`, not
/// ending in `.`; the empty prefix is allowed (JSON-LD skips it).
func validate(prefixes: [String: String]) throws {
    for (name, namespace) in prefixes {
        let scalars = Array(name.unicodeScalars)
        func ok(_ s: Unicode.Scalar) -> Bool { s.isASCII && (Character(s).isLetter || Character(s).isNumber || "_-.".unicodeScalars.contains(s)) }
        let nameOK = scalars.isEmpty || (Character(scalars[0]).isLetter && scalars[0].isASCII && scalars.allSatisfy(ok) && scalars.last != ".")
        guard nameOK, hasScheme(namespace), isValidIRI(namespace) else { throw RDFError.invalidPrefix(name, namespace: namespace) }
    }
}

/// RFC 3986 scheme: a letter, then letters, digits, `+`, `-` or `.`, then `:`.
func hasScheme(_ iri: String) -> Bool {
    guard let colon = iri.firstIndex(of: ":") else { return false }
    let scheme = iri[..<colon].unicodeScalars
    guard let first = scheme.first, first.isASCII, Character(first).isLetter else { return false }
    return scheme.allSatisfy { $0.isASCII && (Character($0).isLetter || Character($0).isNumber || "+-.".unicodeScalars.contains($0)) }
}

/// RDF 1.1 IRIREF: no spaces, controls or `<>"{}|^`\`.
func isValidIRI(_ iri: String) -> Bool {
    !iri.unicodeScalars.contains { $0.value <= 0x20 || "<>\"{}|^`\\".unicodeScalars.contains($0) }
}

private func checkIRI(_ iri: String) throws {
    guard hasScheme(iri), isValidIRI(iri) else { throw RDFError.invalidIRI(iri) }
}

private func checkBlank(_ label: String) throws {
    let scalars = Array(label.unicodeScalars)
    func ok(_ s: Unicode.Scalar) -> Bool { s.isASCII && (Character(s).isLetter || Character(s).isNumber || s == "_") }
    guard let first = scalars.first, ok(first), scalars.last != ".",
          scalars.allSatisfy({ ok($0) || $0 == "-" || $0 == "." }) else { throw RDFError.invalidBlankNode(label) }
}

private func checkLiteral(_ value: String, _ datatype: String?, _ language: String?) throws {
    if value.unicodeScalars.contains("\u{0}") { throw RDFError.invalidLiteral(value, datatype: datatype) }
    if let language {
        let parts = language.split(separator: "-", omittingEmptySubsequences: false)
        guard let head = parts.first, !head.isEmpty, head.allSatisfy({ $0.isASCII && $0.isLetter }),
              parts.dropFirst().allSatisfy({ !$0.isEmpty && $0.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber) } })
        else { throw RDFError.invalidLanguageTag(language) }
        if let datatype, datatype != Vocab.RDF.ns + "langString" { throw RDFError.invalidLiteral(value, datatype: datatype) }
        return
    }
    guard let datatype else { return }
    try checkIRI(datatype)
    // Serd's Turtle writer prints these three bare, so a bad lexical form would be bad syntax.
    let digits = { (s: Substring) in !s.isEmpty && s.allSatisfy { $0.isASCII && $0.isNumber } }
    let unsigned = value.first == "+" || value.first == "-" ? value.dropFirst() : Substring(value)
    let valid: Bool
    switch datatype {
    case Vocab.XSD.integer: valid = digits(unsigned)
    case Vocab.XSD.boolean: valid = value == "true" || value == "false" || value == "1" || value == "0"
    case Vocab.XSD.decimal:
        let parts = unsigned.split(separator: ".", omittingEmptySubsequences: false)
        valid = parts.count <= 2 && parts.allSatisfy { $0.isEmpty || digits($0) } && parts.contains { !$0.isEmpty }
    default: valid = true
    }
    if !valid { throw RDFError.invalidLiteral(value, datatype: datatype) }
}
