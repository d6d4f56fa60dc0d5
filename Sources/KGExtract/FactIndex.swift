import KGModel

/// Positions of relations in a list, found by (subject, predicate, object): an open-addressing
/// table over a hash of the three, with the relations themselves as the keys.
///
/// A `[Relation.Key: Int]` fed the hasher two strings and the predicate's raw string at each
/// lookup, and a dictionary keyed by a cheaper wrapper still paid for the hasher and the
/// generic probing (13M of 905M Ir on the seeds x10 went to `RelationSet.add`). Here entity
/// ids ("e123") are folded byte by byte into one word, and a slot holds that word, so a probe
/// compares integers before it compares any string.
///
/// Keys are equal as `Relation.Key` is, and the hash must agree with that. `String` equality
/// is canonical equivalence: bytes decide only for ASCII strings without "K", ";" and "`",
/// the three ASCII characters another scalar (KELVIN SIGN, GREEK QUESTION MARK, GREEK VARIA)
/// is canonically equivalent to. Every other string folds to one constant, colliding but correct.
struct FactIndex {
    /// Position + 1 per slot, 0 for an empty one; the count of slots is a power of two.
    private var slots = [Int32](repeating: 0, count: 64)
    private var hashes = [UInt64](repeating: 0, count: 64)
    private var count = 0

    /// The position of the relation with `r`'s key in `store`, if any; `h` is `hash(r)`.
    func position(of r: Relation, hash h: UInt64, in store: [Relation]) -> Int? {
        let mask = slots.count - 1
        var i = Int(truncatingIfNeeded: h) & mask
        while slots[i] != 0 {
            let p = Int(slots[i]) - 1
            if hashes[i] == h, store[p].predicate == r.predicate, store[p].subject == r.subject, store[p].object == r.object {
                return p
            }
            i = (i + 1) & mask
        }
        return nil
    }

    /// Records a new relation's position; it must not be there already.
    mutating func insert(position p: Int, hash h: UInt64) {
        if (count + 1) * 2 > slots.count { grow() }
        place(Int32(p + 1), h)
        count += 1
    }

    private mutating func place(_ slot: Int32, _ h: UInt64) {
        let mask = slots.count - 1
        var i = Int(truncatingIfNeeded: h) & mask
        while slots[i] != 0 { i = (i + 1) & mask }
        slots[i] = slot
        hashes[i] = h
    }

    private mutating func grow() {
        let old = zip(slots, hashes).filter { $0.0 != 0 }
        slots = [Int32](repeating: 0, count: slots.count * 2)
        hashes = [UInt64](repeating: 0, count: hashes.count * 2)
        for (s, h) in old { place(s, h) }
    }

    /// The key's hash: subject and object folded, the predicate by its case, then mixed so the
    /// low bits that pick a slot depend on every byte.
    static func hash(_ r: Relation) -> UInt64 {
        var h = fold(r.subject, 0xcbf2_9ce4_8422_2325)
        h = mix(h, UInt64(ordinal(r.predicate)))
        switch r.object {
        case .entity(let id):
            h = fold(id, mix(h, 1))
        case .date(let d):
            h = mix(mix(mix(mix(h, 2), UInt64(bitPattern: Int64(d.year))),
                        UInt64(bitPattern: Int64(d.month ?? -1))), UInt64(bitPattern: Int64(d.day ?? -1)))
        }
        h ^= h >> 29
        h = h &* 0xBF58_476D_1CE4_E5B9
        return h ^ (h >> 32)
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
