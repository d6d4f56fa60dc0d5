import KGModel

/// A relation's (subject, predicate, object) as a dictionary key, hashed more cheaply than
/// `Relation.Key`: entity ids ("e123") are folded byte by byte into one integer, and the
/// predicate by its case, so the hasher gets one word where `Relation.Key` fed it two strings
/// and the predicate's raw string (7.6M of 915M Ir on the seeds x10 went to those hashes).
///
/// Equality is `Relation.Key`'s. The hash must agree with it, and `String` equality is
/// canonical equivalence: bytes decide only for ASCII strings without "K", ";" and "`", the
/// three ASCII characters another scalar (KELVIN SIGN, GREEK QUESTION MARK, GREEK VARIA) is
/// canonically equivalent to. Every other string folds to one constant, colliding but correct.
struct FactKey: Hashable {
    let subject: String
    let predicate: Predicate
    let object: RelationObject

    init(_ r: Relation) {
        subject = r.subject
        predicate = r.predicate
        object = r.object
    }

    static func == (a: FactKey, b: FactKey) -> Bool {
        a.predicate == b.predicate && a.subject == b.subject && a.object == b.object
    }

    func hash(into hasher: inout Hasher) {
        var h = Self.fold(subject, 0xcbf2_9ce4_8422_2325)
        h = Self.mix(h, UInt64(Self.ordinal(predicate)))
        switch object {
        case .entity(let id):
            h = Self.fold(id, Self.mix(h, 1))
        case .date(let d):
            h = Self.mix(Self.mix(Self.mix(Self.mix(h, 2), UInt64(bitPattern: Int64(d.year))),
                                  UInt64(bitPattern: Int64(d.month ?? -1))), UInt64(bitPattern: Int64(d.day ?? -1)))
        }
        hasher.combine(h)
    }

    @inline(__always)
    private static func mix(_ h: UInt64, _ v: UInt64) -> UInt64 { (h ^ v) &* 0x0000_0100_0000_01B3 }

    /// FNV-1a over the bytes of a plain ASCII string; a constant for any other. Read through a
    /// buffer: iterating a small string's `utf8` view cost several times as much per byte.
    private static func fold(_ s: String, _ seed: UInt64) -> UInt64 {
        if let h = s.utf8.withContiguousStorageIfAvailable({ fold(bytes: $0, seed) }) { return h }
        return fold(bytes: Array(s.utf8), seed)
    }

    private static func fold<C: Collection>(bytes: C, _ seed: UInt64) -> UInt64 where C.Element == UInt8 {
        var h = seed
        for b in bytes {
            guard b < 0x80, b != UInt8(ascii: "K"), b != UInt8(ascii: ";"), b != UInt8(ascii: "`") else {
                return mix(seed, 0xFFFF_FFFF)
            }
            h = mix(h, UInt64(b))
        }
        return mix(h, 0xFF)
    }

    private static func ordinal(_ p: Predicate) -> Int {
        switch p {
        case .officialOf: 0
        case .partOf: 1
        case .memberOf: 2
        case .locatedIn: 3
        case .deployedIn: 4
        case .aids: 5
        case .accuses: 6
        case .denies: 7
        case .hasAgent: 8
        case .hasTarget: 9
        case .hasPlace: 10
        case .hasDate: 11
        @unknown default: 12
        }
    }
}
