/// Every IRI the RDF export uses, in one place (like Oxigraph's `vocab::rdf::TYPE`), so a
/// misspelt namespace is a one-line fix and a reviewer can audit the whole mapping here.
///
/// schema.org is written with `https://`: schema.org itself publishes https as canonical, and
/// mixing the two schemes would make the same term two different IRIs.
public enum Vocab {
    /// The prefixes every serializer declares, by prefix name.
    public static let prefixes: [String: String] = [
        "rdf": RDF.ns, "rdfs": RDFS.ns, "xsd": XSD.ns, "schema": Schema.ns, "org": ORG.ns,
        "sem": SEM.ns, "prov": PROV.ns, "oa": OA.ns, "skos": SKOS.ns, "kg": KG.ns,
    ]

    public enum RDF {
        public static let ns = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
        public static let type = Term.iri(ns + "type")
        public static let Property = Term.iri(ns + "Property")
        public static let Statement = Term.iri(ns + "Statement")
        public static let subject = Term.iri(ns + "subject")
        public static let predicate = Term.iri(ns + "predicate")
        public static let object = Term.iri(ns + "object")
    }

    public enum RDFS {
        public static let ns = "http://www.w3.org/2000/01/rdf-schema#"
        public static let Class = Term.iri(ns + "Class")
        public static let label = Term.iri(ns + "label")
        public static let comment = Term.iri(ns + "comment")
        public static let subClassOf = Term.iri(ns + "subClassOf")
        public static let subPropertyOf = Term.iri(ns + "subPropertyOf")
        public static let seeAlso = Term.iri(ns + "seeAlso")
    }

    /// Datatypes are plain IRI strings because they are the `datatype:` of a literal, not a term.
    public enum XSD {
        public static let ns = "http://www.w3.org/2001/XMLSchema#"
        public static let string = ns + "string"
        public static let integer = ns + "integer"
        public static let boolean = ns + "boolean"
        public static let decimal = ns + "decimal"
        public static let date = ns + "date"
        public static let gYearMonth = ns + "gYearMonth"
        public static let gYear = ns + "gYear"
    }

    public enum Schema {
        public static let ns = "https://schema.org/"
        public static let Country = Term.iri(ns + "Country")
        public static let Person = Term.iri(ns + "Person")
        public static let GovernmentOrganization = Term.iri(ns + "GovernmentOrganization")
        public static let Organization = Term.iri(ns + "Organization")
        public static let Place = Term.iri(ns + "Place")
        public static let Event = Term.iri(ns + "Event")
        public static let NewsArticle = Term.iri(ns + "NewsArticle")
        public static let name = Term.iri(ns + "name")
        public static let alternateName = Term.iri(ns + "alternateName")
        public static let datePublished = Term.iri(ns + "datePublished")
        public static let identifier = Term.iri(ns + "identifier")
        public static let url = Term.iri(ns + "url")
        /// `document schema:mentions entity`: the public term for "the text names it"
        /// (`subjectOf` would claim the article is *about* the entity).
        public static let mentions = Term.iri(ns + "mentions")
        public static let containedInPlace = Term.iri(ns + "containedInPlace")
        public static let location = Term.iri(ns + "location")
    }

    /// W3C Organization Ontology.
    public enum ORG {
        public static let ns = "http://www.w3.org/ns/org#"
        public static let Organization = Term.iri(ns + "Organization")
        public static let FormalOrganization = Term.iri(ns + "FormalOrganization")
        public static let Post = Term.iri(ns + "Post")
        public static let Role = Term.iri(ns + "Role")
        public static let holds = Term.iri(ns + "holds")
        public static let postIn = Term.iri(ns + "postIn")
        public static let role = Term.iri(ns + "role")
        public static let memberOf = Term.iri(ns + "memberOf")
        public static let subOrganizationOf = Term.iri(ns + "subOrganizationOf")
    }

    /// Simple Event Model.
    public enum SEM {
        public static let ns = "http://semanticweb.cs.vu.nl/2009/11/sem/"
        public static let Event = Term.iri(ns + "Event")
        public static let Actor = Term.iri(ns + "Actor")
        public static let Place = Term.iri(ns + "Place")
        public static let hasActor = Term.iri(ns + "hasActor")
        public static let hasPlace = Term.iri(ns + "hasPlace")
        public static let hasTimeStamp = Term.iri(ns + "hasTimeStamp")
    }

    public enum PROV {
        public static let ns = "http://www.w3.org/ns/prov#"
        public static let Entity = Term.iri(ns + "Entity")
        public static let wasDerivedFrom = Term.iri(ns + "wasDerivedFrom")
        public static let wasAttributedTo = Term.iri(ns + "wasAttributedTo")
        public static let wasQuotedFrom = Term.iri(ns + "wasQuotedFrom")
        public static let value = Term.iri(ns + "value")
    }

    /// Web Annotation: a text span is a `TextPositionSelector` with `start`/`end`.
    public enum OA {
        public static let ns = "http://www.w3.org/ns/oa#"
        public static let TextPositionSelector = Term.iri(ns + "TextPositionSelector")
        public static let start = Term.iri(ns + "start")
        public static let end = Term.iri(ns + "end")
    }

    public enum SKOS {
        public static let ns = "http://www.w3.org/2004/02/skos/core#"
        public static let Concept = Term.iri(ns + "Concept")
        public static let prefLabel = Term.iri(ns + "prefLabel")
    }

    /// The project's own terms, only where no public vocabulary has an equivalent. Fixed, not
    /// derived from the data base IRI: the vocabulary must not change when the data's base does.
    /// `Ontology.swift` declares each of them in the output whenever it is used.
    public enum KG {
        public static let ns = "https://kgraph.example.org/ns#"
        public static let Official = Term.iri(ns + "Official")
        public static let officialOf = Term.iri(ns + "officialOf")
        public static let deployedIn = Term.iri(ns + "deployedIn")
        public static let aids = Term.iri(ns + "aids")
        public static let accuses = Term.iri(ns + "accuses")
        public static let denies = Term.iri(ns + "denies")
        public static let hasTarget = Term.iri(ns + "hasTarget")
        public static let disputedBy = Term.iri(ns + "disputedBy")
    }
}
