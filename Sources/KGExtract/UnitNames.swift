/// Whether an identity key names one of a list of units: the key ends in "|unit" or contains
/// "|unit " ("agency:Russia|peacekeeping contingent", "agency:Russia|military base 102nd").
///
/// The units' bytes are made once when the list loads. Asked of every agency mention of every
/// sentence, the old test made an array of the key's bytes and one of each unit's on each call
/// (8.4M of 970M Ir on the seeds x10, most of it allocation).
struct UnitNames: Sendable {
    let units: [String]
    /// Each unit as "|unit" in UTF-8, or nil when the unit is not plain ASCII (then compared as text).
    private let barred: [[UInt8]?]

    init(_ units: [String]) {
        self.units = units
        self.barred = units.map { unit in
            let u = Array(unit.utf8)
            return u.allSatisfy { $0 < 0x80 && $0 != 0x0D } ? [UInt8(ascii: "|")] + u : nil
        }
    }

    func named(in key: String) -> Bool {
        // Keys and units are ASCII, where comparing bytes is comparing Characters: Foundation's
        // `contains` bridged through NSString (3% of extraction), `firstRange(of:)` was slower still.
        let decided = key.utf8.withContiguousStorageIfAvailable { k -> Bool? in
            guard k.allSatisfy({ $0 < 0x80 && $0 != 0x0D }) else { return nil }
            // The bars of the key, found once for all units (a key has one or two), in stack
            // space: an array of them cost a heap allocation per agency mention.
            return withUnsafeTemporaryAllocation(of: Int.self, capacity: k.count) { space in
                var n = 0
                for i in k.indices where k[i] == UInt8(ascii: "|") {
                    space[n] = i
                    n += 1
                }
                let bars = UnsafeBufferPointer(rebasing: space[0..<n])
                for (unit, bar) in zip(units, barred) {
                    guard let bar else {
                        if Self.textual(key, unit) { return true }
                        continue
                    }
                    if Self.bytewise(k, bar, bars: bars) { return true }
                }
                return false
            }
        }
        if let decided = decided ?? nil { return decided }
        return units.contains { Self.textual(key, $0) }
    }

    private static func textual(_ key: String, _ unit: String) -> Bool {
        key.hasSuffix("|" + unit) || key.firstRange(of: "|" + unit + " ") != nil
    }

    /// "|unit" at the end of `k`, or followed by a space anywhere before; `bars`: where `k` has "|".
    private static func bytewise(_ k: UnsafeBufferPointer<UInt8>, _ bar: [UInt8], bars: UnsafeBufferPointer<Int>) -> Bool {
        let n = bar.count
        guard k.count >= n else { return false }
        func at(_ i: Int) -> Bool {
            var j = 0
            while j < n, k[i + j] == bar[j] { j += 1 }
            return j == n
        }
        // "|unit" must start at a bar, either ending the key or followed by a space.
        for i in bars where i + n <= k.count {
            if i + n == k.count ? at(i) : (k[i + n] == 0x20 && at(i)) { return true }
        }
        return false
    }
}
