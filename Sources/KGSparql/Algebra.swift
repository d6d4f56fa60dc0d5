/// The parsed query, already in algebra form (SPARQL 1.1 §18.2): the parser translates group
/// patterns as it reads them, so the SQL compiler sees joins, left joins and filters, not syntax.

/// An RDF term as the query engine sees it. Plain literals have datatype "" (xsd:string);
/// language-tagged ones carry their tag and datatype "".
public struct RDFTerm: Hashable, Sendable, CustomStringConvertible {
    public enum Kind: Int, Sendable { case iri = 0, blank = 1, literal = 2 }
    public var kind: Kind
    public var value: String
    public var datatype: String
    public var lang: String

    public init(kind: Kind, value: String, datatype: String = "", lang: String = "") {
        self.kind = kind
        self.value = value
        self.datatype = kind == .literal && datatype == XSD.string ? "" : datatype
        self.lang = lang
    }

    public static func iri(_ v: String) -> RDFTerm { RDFTerm(kind: .iri, value: v) }
    public static func blank(_ v: String) -> RDFTerm { RDFTerm(kind: .blank, value: v) }
    public static func literal(_ v: String, datatype: String = "", lang: String = "") -> RDFTerm {
        RDFTerm(kind: .literal, value: v, datatype: datatype, lang: lang.lowercased())
    }

    /// N-Triples form, used by the table and TSV output.
    public var description: String {
        switch kind {
        case .iri: return "<\(value)>"
        case .blank: return "_:\(value)"
        case .literal:
            let quoted = "\"" + ntEscape(value) + "\""
            if !lang.isEmpty { return quoted + "@" + lang }
            if !datatype.isEmpty { return quoted + "^^<\(datatype)>" }
            return quoted
        }
    }
}

func ntEscape(_ s: String) -> String {
    var out = ""
    for c in s.unicodeScalars {
        switch c {
        case "\\": out += "\\\\"
        case "\"": out += "\\\""
        case "\n": out += "\\n"
        case "\r": out += "\\r"
        case "\t": out += "\\t"
        default: out.unicodeScalars.append(c)
        }
    }
    return out
}

enum XSD {
    static let ns = "http://www.w3.org/2001/XMLSchema#"
    static let string = ns + "string"
    static let integer = ns + "integer"
    static let decimal = ns + "decimal"
    static let double = ns + "double"
    static let float = ns + "float"
    static let boolean = ns + "boolean"
    static let dateTime = ns + "dateTime"
    static let date = ns + "date"
    static let langString = "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"
}

/// A position in a triple pattern: a variable (blank nodes in patterns become hidden
/// variables named "_:label") or a constant term.
enum PatternTerm: Hashable {
    case variable(String)
    case term(RDFTerm)
}

indirect enum PropertyPath: Hashable {
    case link(RDFTerm)
    case inverse(PropertyPath)
    case sequence([PropertyPath])
    case alternative([PropertyPath])
    case zeroOrMore(PropertyPath)
    case oneOrMore(PropertyPath)
    case zeroOrOne(PropertyPath)
    /// `!(a|^b)`: forward IRIs excluded, inverse IRIs excluded.
    case negated(forward: [RDFTerm], inverse: [RDFTerm])
}

struct TriplePattern: Hashable {
    var subject: PatternTerm
    var predicate: PatternTerm
    var object: PatternTerm
}

indirect enum Expression: Hashable {
    case variable(String)
    case constant(RDFTerm)
    case or(Expression, Expression)
    case and(Expression, Expression)
    case not(Expression)
    case compare(String, Expression, Expression)       // = != < > <= >=
    case arithmetic(String, Expression, Expression)    // + - * /
    case negate(Expression)
    case plus(Expression)
    case inList(Expression, [Expression], negated: Bool)
    case call(String, [Expression])                    // built-ins, lowercased; casts by datatype IRI
    case exists(Pattern, negated: Bool)
}

struct Aggregate: Hashable {
    var name: String            // count sum min max avg sample group_concat
    var distinct: Bool
    var argument: Expression?   // nil for COUNT(*)
    var separator: String = " "
}

indirect enum Pattern: Hashable {
    case bgp([TriplePattern])
    case path(PatternTerm, PropertyPath, PatternTerm)
    case join(Pattern, Pattern)
    case leftJoin(Pattern, Pattern, Expression?)
    case filter(Expression, Pattern)
    case union(Pattern, Pattern)
    case minus(Pattern, Pattern)
    case extend(Pattern, String, Expression)
    case values([String], [[RDFTerm?]])
    case graph(PatternTerm, Pattern)
    case subquery(SelectQuery)

    static var empty: Pattern { .bgp([]) }
}

struct OrderCondition: Hashable {
    var expression: Expression
    var descending: Bool
}

/// SELECT's projection and modifiers; also the body of ASK and CONSTRUCT.
struct SelectQuery: Hashable {
    var projection: [(name: String, expression: Expression?)]?   // nil for SELECT *
    var distinct = false
    var pattern: Pattern
    var groupBy: [(expression: Expression, name: String?)] = []
    var having: [Expression] = []
    var orderBy: [OrderCondition] = []
    var limit: Int?
    var offset: Int?
    /// Aggregates found in the projection, HAVING and ORDER BY, each given a hidden name.
    var aggregates: [(name: String, aggregate: Aggregate)] = []
    var hasGrouping: Bool { !groupBy.isEmpty || !aggregates.isEmpty }

    static func == (a: SelectQuery, b: SelectQuery) -> Bool {
        a.distinct == b.distinct && a.pattern == b.pattern && a.limit == b.limit && a.offset == b.offset
            && a.orderBy == b.orderBy && a.having == b.having
            && a.projection?.map(\.name) == b.projection?.map(\.name)
            && a.projection?.map(\.expression) == b.projection?.map(\.expression)
            && a.groupBy.map(\.expression) == b.groupBy.map(\.expression) && a.groupBy.map(\.name) == b.groupBy.map(\.name)
            && a.aggregates.map(\.name) == b.aggregates.map(\.name) && a.aggregates.map(\.aggregate) == b.aggregates.map(\.aggregate)
    }

    func hash(into h: inout Hasher) {
        h.combine(pattern)
        h.combine(distinct)
        h.combine(limit)
    }
}

public enum QueryForm: Sendable { case select, ask, construct }

struct ParsedQuery {
    var form: QueryForm
    var select: SelectQuery
    var template: [TriplePattern] = []
    /// FROM / FROM NAMED graph IRIs; empty means the engine's default dataset.
    var from: [String] = []
    var fromNamed: [String] = []
}

extension Pattern {
    /// Variables that may be bound by this pattern (in-scope variables, §18.2.1).
    var variables: [String] {
        var seen = Set<String>()
        var out: [String] = []
        func add(_ v: String) { if seen.insert(v).inserted { out.append(v) } }
        func term(_ t: PatternTerm) { if case .variable(let v) = t { add(v) } }
        func walk(_ p: Pattern) {
            switch p {
            case .bgp(let ts): for t in ts { term(t.subject); term(t.predicate); term(t.object) }
            case .path(let s, _, let o): term(s); term(o)
            case .join(let a, let b), .union(let a, let b): walk(a); walk(b)
            case .leftJoin(let a, let b, _): walk(a); walk(b)
            case .filter(_, let a): walk(a)
            case .minus(let a, _): walk(a)
            case .extend(let a, let v, _): walk(a); add(v)
            case .values(let vs, _): vs.forEach(add)
            case .graph(let g, let a): term(g); walk(a)
            case .subquery(let q): q.projectedNames.forEach(add)
            }
        }
        walk(self)
        return out
    }
}

extension SelectQuery {
    /// The names a SELECT returns, hidden blank-node variables excluded.
    var projectedNames: [String] {
        if let projection { return projection.map(\.name) }
        return pattern.variables.filter { !$0.hasPrefix("_:") && !$0.hasPrefix("?") }
    }
}
