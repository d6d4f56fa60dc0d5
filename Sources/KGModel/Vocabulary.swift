/// The entity types and predicates of `vocabulary.md`, the contract shared by the extractor,
/// the scorer, the RDF export, the renderer and the query command.

/// What kind of real-world thing an entity is.
public enum EntityType: String, Sendable, Hashable, Codable, CaseIterable, Comparable {
    case state = "State"
    case official = "Official"
    case person = "Person"
    case agency = "Agency"
    case organization = "Organization"
    case place = "Place"
    case event = "Event"

    /// States, officials, persons, agencies and organizations can act; places and events cannot.
    public var isActor: Bool {
        switch self {
        case .state, .official, .person, .agency, .organization: true
        case .place, .event: false
        }
    }

    public static func < (a: EntityType, b: EntityType) -> Bool {
        allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)!
    }
}

/// The twelve relation predicates. Only `hasDate` takes a literal object.
public enum Predicate: String, Sendable, Hashable, Codable, CaseIterable, Comparable {
    case officialOf, partOf, memberOf, locatedIn, deployedIn, aids, accuses, denies
    case hasAgent, hasTarget, hasPlace, hasDate

    public static func < (a: Predicate, b: Predicate) -> Bool {
        allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)!
    }
}
