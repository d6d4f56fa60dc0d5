/// Cheap questions the entity stages ask of every token.
///
/// A `PhraseTable` lookup packs a key and hashes it (about 400 instructions in callgrind); the
/// table's `longest(from:)` is one integer-keyed probe (about 120) and is 0 for most words. A
/// one-word phrase can only exist where `longest(from:)` is at least 1, so asking it first
/// gives the same answer for a fraction of the cost.
extension PhraseTable {
    /// `self[id: id]`, rejecting a word that starts no phrase without building a key.
    @inline(__always)
    func oneWord(_ id: Int32) -> Value? {
        longest(from: id) > 0 ? self[id: id] : nil
    }
}

/// Whether a string's UTF-8 has this byte. `String.utf8.contains` walked the view index by
/// index (about 200 instructions a word); the contiguous bytes are scanned directly.
@inline(__always)
func utf8Has(_ s: String, _ byte: UInt8) -> Bool {
    s.utf8.withContiguousStorageIfAvailable { $0.contains(byte) } ?? s.utf8.contains(byte)
}
