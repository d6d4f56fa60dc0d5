import KGText

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

/// Whether every UTF-8 byte is ASCII. `allSatisfy` on the UTF-8 view walked it index by index
/// (about 500 instructions a word); the contiguous bytes are read directly.
@inline(__always)
func utf8IsASCII<S: StringProtocol>(_ s: S) -> Bool {
    s.utf8.withContiguousStorageIfAvailable { $0.allSatisfy { $0 < 0x80 } } ?? s.utf8.allSatisfy { $0 < 0x80 }
}

/// `token.isAcronym`, on bytes for an ASCII word: that property filters the scalars into an
/// array (about 2,800 instructions a word). In ASCII the letters are A-Z and a-z and the
/// uppercase ones A-Z, as `isAlphabeticScalar` and `isUppercaseScalar` say.
func isAcronymToken(_ token: Token) -> Bool {
    guard token.kind == .word else { return false }
    let answer = token.text.utf8.withContiguousStorageIfAvailable { bytes -> Bool? in
        var letters = 0
        for b in bytes {
            guard b < 0x80 else { return nil }
            if b >= 0x61 && b <= 0x7A { return false }
            if b >= 0x41 && b <= 0x5A { letters += 1 }
        }
        return letters >= 2
    }
    return (answer ?? nil) ?? token.isAcronym
}

/// `a + b + c + d`, written into one new string. A key or name built with `+`, interpolation
/// or appends to a reserved string grew or copied it once per part (about 1,800 instructions
/// for an agency key of four parts in callgrind); here each part's bytes are copied once.
func concatenated(_ a: String, _ b: String, _ c: String = "", _ d: String = "") -> String {
    let count = a.utf8.count + b.utf8.count + c.utf8.count + d.utf8.count
    // Up to 15 bytes a string is stored inline, with no allocation to save.
    guard count > 15 else { return a + b + c + d }
    return String(unsafeUninitializedCapacity: count) { out in
        // Part by part, not over an array of the parts: that array would be one more allocation.
        var k = copyUTF8(a, into: out, at: 0)
        k = copyUTF8(b, into: out, at: k)
        k = copyUTF8(c, into: out, at: k)
        return copyUTF8(d, into: out, at: k)
    }
}

@inline(__always)
private func copyUTF8(_ s: String, into out: UnsafeMutableBufferPointer<UInt8>, at start: Int) -> Int {
    let copied = s.utf8.withContiguousStorageIfAvailable { bytes -> Int in
        guard let base = bytes.baseAddress, let dest = out.baseAddress else { return start }
        (dest + start).update(from: base, count: bytes.count)
        return start + bytes.count
    }
    if let copied { return copied }
    var k = start
    for b in s.utf8 { out[k] = b; k += 1 }
    return k
}
