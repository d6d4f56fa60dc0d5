/// Declarations of the `kg:` terms, emitted at the top of every export for the terms it uses,
/// so the file is self-describing and a reasoner can lift `kg:` facts to public super-terms.
enum Ontology {
    private struct Declaration {
        let isClass: Bool
        let label: String
        let comment: String
        /// `rdfs:subPropertyOf` (or `rdfs:subClassOf`) targets, only where the public term
        /// really is more general.
        var supers: [Term] = []
    }

    private static let known: [String: Declaration] = [
        Vocab.KG.ns + "Official": Declaration(
            isClass: true, label: "Official",
            comment: "A named person the text ties to a public office, a military rank or an official spokesperson role.",
            supers: [Vocab.Schema.Person]),
        Vocab.KG.ns + "officialOf": Declaration(
            isClass: false, label: "official of",
            comment: "Holds an office, rank or spokesperson role in a state, agency or organization. A shortcut for the W3C ORG pattern `?person org:holds ?post . ?post org:postIn ?object`, which the export also contains; not declared a sub-property of any ORG term because none matches it exactly."),
        Vocab.KG.ns + "deployedIn": Declaration(
            isClass: false, label: "deployed in",
            comment: "Has troops, a base, an outpost or peacekeepers in the place or state.",
            supers: [Vocab.Schema.location]),
        Vocab.KG.ns + "aids": Declaration(
            isClass: false, label: "aids",
            comment: "Gives military, humanitarian or political aid or support to the object."),
        Vocab.KG.ns + "accuses": Declaration(
            isClass: false, label: "accuses",
            comment: "Publicly accuses or blames the object, as reported in the source."),
        Vocab.KG.ns + "denies": Declaration(
            isClass: false, label: "denies",
            comment: "Publicly denies the object's claim, or that the object event happened as claimed."),
        Vocab.KG.ns + "hasTarget": Declaration(
            isClass: false, label: "has target",
            comment: "Whom or what the event was aimed at or struck.",
            supers: [Vocab.SEM.hasActor]),
        Vocab.KG.ns + "disputedBy": Declaration(
            isClass: false, label: "disputed by",
            comment: "The reified statement is denied or contested by the object entity, according to the source."),
    ]

    /// `kg:<key>` for a relation attribute, made a safe local name. A key that would shadow a
    /// declared `kg:` term (an attribute called "aids") gets an `attr_` prefix instead.
    static func attributeProperty(_ key: String) -> String {
        var local = String(String.UnicodeScalarView(key.unicodeScalars.filter {
            $0.isASCII && (Character($0).isLetter || Character($0).isNumber || $0 == "_")
        }))
        if local != key { local += "_" + stableHashHex(key, length: 6) }
        if local.first.map({ !$0.isLetter }) ?? true || known[Vocab.KG.ns + local] != nil {
            local = "attr_" + local
        }
        return Vocab.KG.ns + local
    }

    /// Declarations for every `kg:` IRI used as a predicate or a class in `triples`.
    static func declarations(for triples: [Triple], attributeLabels: [String: String]) -> [Triple] {
        var used = Set<String>()
        for t in triples {
            if let p = t.predicate.iri, p.hasPrefix(Vocab.KG.ns) { used.insert(p) }
            if t.predicate == Vocab.RDF.type, let c = t.object.iri, c.hasPrefix(Vocab.KG.ns) { used.insert(c) }
        }
        var out: [Triple] = []
        for iri in used.sorted() {
            let term = Term.iri(iri)
            let d = known[iri] ?? Declaration(
                isClass: false, label: attributeLabels[iri] ?? String(iri.dropFirst(Vocab.KG.ns.count)),
                comment: "An attribute of the reported relation, as the extractor recorded it; the subject is the rdf:Statement.")
            out.append(Triple(term, Vocab.RDF.type, d.isClass ? Vocab.RDFS.Class : Vocab.RDF.Property))
            out.append(Triple(term, Vocab.RDFS.label, .string(d.label)))
            out.append(Triple(term, Vocab.RDFS.comment, .string(d.comment)))
            for s in d.supers {
                out.append(Triple(term, d.isClass ? Vocab.RDFS.subClassOf : Vocab.RDFS.subPropertyOf, s))
            }
        }
        return out
    }
}
