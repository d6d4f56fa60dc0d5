/// A 512-bit filter of the (first byte, last byte, length) of a few ASCII words: a clear bit
/// means the word is none of them, decided without hashing it. Most words asked about are in
/// no list, and hashing each was a large part of what asking cost.
public struct WordFilter: Sendable {
    private var bits = [UInt64](repeating: 0, count: 8)
    /// False when a member is not ASCII (or has a carriage return): then the filter decides nothing.
    public private(set) var decides = true

    public init<S: Sequence>(_ words: S) where S.Element == String {
        for w in words {
            let bytes = Array(w.utf8)
            guard bytes.allSatisfy({ $0 < 0x80 && $0 != 0x0D }) else { decides = false; continue }
            let bit = Self.bit(bytes.first ?? 0, bytes.last ?? 0, bytes.count)
            bits[bit >> 6] |= 1 << UInt64(bit & 63)
        }
    }

    @inline(__always)
    private static func bit(_ first: UInt8, _ last: UInt8, _ count: Int) -> Int {
        (Int(first) &* 31 &+ Int(last) &* 7 &+ count) & 511
    }

    /// `excludes` for an ASCII word given by its first and last bytes and its length, for a
    /// caller that has them without the string.
    public func excludes(asciiFirst first: UInt8, last: UInt8, count: Int) -> Bool {
        guard decides else { return false }
        let bit = Self.bit(first, last, count)
        return bits[bit >> 6] & (1 << UInt64(bit & 63)) == 0
    }

    /// True only when `word` is certainly none of the members: an ASCII word whose bit is clear.
    /// A non-ASCII word may equal a member canonically, so it is never excluded.
    public func excludes(_ word: String) -> Bool {
        guard decides else { return false }
        return word.utf8.withContiguousStorageIfAvailable { bytes -> Bool in
            guard let first = bytes.first, let last = bytes.last else { return false }
            let bit = Self.bit(first, last, bytes.count)
            guard bits[bit >> 6] & (1 << UInt64(bit & 63)) == 0 else { return false }
            return bytes.allSatisfy { $0 < 0x80 }
        } ?? false
    }
}
