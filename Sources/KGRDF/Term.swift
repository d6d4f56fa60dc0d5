/// RDF terms and triples: the small value model every mapper output and serializer input shares.

/// One RDF term. IRIs are absolute and unescaped; blank node labels carry no `_:`; literal
/// lexical forms are raw text: escaping is the serializer's (Serd's) job, never the caller's.
public enum Term: Hashable, Sendable {
    case iri(String)
    case blank(String)
    case literal(String, datatype: String?, language: String?)

    /// A plain string literal (`xsd:string`).
    public static func string(_ value: String) -> Term {
        .literal(value, datatype: nil, language: nil)
    }

    /// A literal with a datatype IRI such as `Vocab.XSD.integer`.
    public static func typed(_ value: String, _ datatype: String) -> Term {
        .literal(value, datatype: datatype, language: nil)
    }

    public static func integer(_ value: Int) -> Term {
        .literal(String(value), datatype: Vocab.XSD.integer, language: nil)
    }

    public var iri: String? {
        if case .iri(let value) = self { return value }
        return nil
    }

    /// An unambiguous text key, for sorting and for stable hashing. Not N-Triples: it is never
    /// parsed back, and the unit separator keeps its parts from running into each other.
    public var key: String {
        switch self {
        case .iri(let iri): return "<" + iri
        case .blank(let label): return "_" + label
        case .literal(let value, let datatype, let language):
            return "\"" + value + "\u{1F}" + (datatype ?? "") + "\u{1F}" + (language ?? "")
        }
    }
}

public struct Triple: Hashable, Sendable {
    public var subject: Term
    public var predicate: Term
    public var object: Term

    public init(_ subject: Term, _ predicate: Term, _ object: Term) {
        self.subject = subject
        self.predicate = predicate
        self.object = object
    }
}

/// FNV-1a 64 over UTF-8. Swift's `Hasher` is seeded per process, so IRIs built from it would
/// change on every run; FNV is fixed, tiny and good enough to tell names apart.
public func stableHash(_ text: String) -> UInt64 {
    var hash: UInt64 = 0xcbf2_9ce4_8422_2325
    for byte in text.utf8 {
        hash ^= UInt64(byte)
        hash = hash &* 0x0000_0100_0000_01b3
    }
    return hash
}

/// `stableHash` as `length` lowercase hex digits (the low-order ones), zero-padded.
public func stableHashHex(_ text: String, length: Int = 12) -> String {
    let hex = String(stableHash(text), radix: 16)
    let padded = String(repeating: "0", count: max(0, 16 - hex.count)) + hex
    return String(padded.suffix(max(1, min(16, length))))
}

/// Drops repeated triples, keeping the first of each: serializers must agree on the triple set.
func deduplicated(_ triples: [Triple]) -> [Triple] {
    var seen = Set<Triple>()
    return triples.filter { seen.insert($0).inserted }
}
