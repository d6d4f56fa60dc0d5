/// A document's text as scalars, with a cleaned copy of the same length for the extractor.
///
/// Offsets in the graph count Unicode scalars of the text as read from the file. Line ends are
/// normalized the way a reader in universal-newline mode sees them (`\r\n` and `\r` become
/// `\n`), which is how the scorer and most tools read text; every other scalar is kept.
///
/// `clean` has exactly as many scalars as `scalars`: markup (Markdown link syntax, HTML tags,
/// URLs) is overwritten with spaces rather than removed, so an offset found in `clean` is an
/// offset in the file. This is why no offset map is needed anywhere downstream.
public struct SourceText: Sendable {
    public let path: String
    public let kind: SourceKind
    public let scalars: [Unicode.Scalar]
    public let clean: [Unicode.Scalar]
    /// The HTML `<title>`, when the source had one.
    public let markupTitle: String?

    public init(path: String, kind: SourceKind, text: String) {
        var text = text
        self.init(path: path, kind: kind, scalars: text.withUTF8 { Self.scalars(utf8: $0)! })
    }

    /// The text of UTF-8 `bytes`, or nil when they are not valid UTF-8: what
    /// `init(path:kind:text:)` makes of `String(validating: bytes, as: UTF8.self)`, decoded
    /// straight from the bytes. Validating into a string first and copying it cost as much as
    /// decoding (1.7M and 0.4M Ir of 12M for reading the seeds x10).
    init?(path: String, kind: SourceKind, utf8 bytes: UnsafeBufferPointer<UInt8>) {
        guard let out = Self.scalars(utf8: bytes) else { return nil }
        self.init(path: path, kind: kind, scalars: out)
    }

    private init(path: String, kind: SourceKind, scalars out: [Unicode.Scalar]) {
        self.path = path
        self.kind = kind
        self.scalars = out
        let masked = Masking.mask(out, kind: kind)
        self.clean = masked.text
        self.markupTitle = masked.title
    }

    public var count: Int { scalars.count }

    /// The text's scalars with `\r\n` and `\r` read as `\n`, decoded from its UTF-8 in one
    /// pass into an array of at most as many scalars as bytes: counting the scalars first and
    /// appending them one by one through the string's scalar view cost twice as much.
    static func scalars(of text: String) -> [Unicode.Scalar] {
        var text = text
        return text.withUTF8 { scalars(utf8: $0)! }
    }

    /// `scalars(of:)` of the string `bytes` encode, or nil when they are not valid UTF-8
    /// (checked as `String(validating:)` checks: Unicode's table of well-formed sequences).
    static func scalars(utf8 bytes: UnsafeBufferPointer<UInt8>) -> [Unicode.Scalar]? {
        var valid = true
        let out = [Unicode.Scalar](unsafeUninitializedCapacity: bytes.count) { out, count in
            // Each lead byte is checked (`wellFormed`) before its continuation bytes are read.
            var n = 0
            var i = 0
            var previousCR = false
            while i < bytes.count {
                // Eight ASCII bytes without a carriage return at a time: most text is ASCII,
                // and decoding byte by byte cost twenty instructions a byte.
                if i + 8 <= bytes.count {
                    let w = UnsafeRawPointer(bytes.baseAddress! + i).loadUnaligned(as: UInt64.self)
                    let cr = w ^ 0x0D0D_0D0D_0D0D_0D0D
                    let hasCR = (cr &- 0x0101_0101_0101_0101) & ~cr & 0x8080_8080_8080_8080
                    if w & 0x8080_8080_8080_8080 == 0 && hasCR == 0 {
                        // A line feed right after a carriage return is dropped below; here
                        // the previous byte was not one, or the first byte is no line feed.
                        if !previousCR || (w & 0xFF) != 0x0A {
                            for k in 0..<8 {
                                out[n + k] = Unicode.Scalar(UInt8(truncatingIfNeeded: w >> (8 * UInt64(k))))
                            }
                            n += 8
                            i += 8
                            previousCR = false
                            continue
                        }
                    }
                }
                let b = bytes[i]
                var v = UInt32(b)
                if b >= 0x80, !Self.wellFormed(bytes, at: i) {
                    valid = false
                    count = 0
                    return
                }
                if b < 0x80 {
                    i += 1
                } else if b < 0xE0 {
                    v = (UInt32(b & 0x1F) << 6) | UInt32(bytes[i + 1] & 0x3F)
                    i += 2
                } else if b < 0xF0 {
                    v = (UInt32(b & 0x0F) << 12) | (UInt32(bytes[i + 1] & 0x3F) << 6) | UInt32(bytes[i + 2] & 0x3F)
                    i += 3
                } else {
                    v = (UInt32(b & 0x07) << 18) | (UInt32(bytes[i + 1] & 0x3F) << 12)
                        | (UInt32(bytes[i + 2] & 0x3F) << 6) | UInt32(bytes[i + 3] & 0x3F)
                    i += 4
                }
                if v == 0x0D {
                    out[n] = "\n"
                    n += 1
                    previousCR = true
                    continue
                }
                if v == 0x0A && previousCR {
                    previousCR = false
                    continue
                }
                previousCR = false
                out[n] = Unicode.Scalar(v).unsafelyUnwrapped
                n += 1
            }
            count = n
        }
        return valid ? out : nil
    }

    /// Whether the sequence led by the non-ASCII byte at `i` is well-formed UTF-8 (Unicode
    /// table 3-7: no overlong forms, no surrogates, nothing above U+10FFFF, none cut short).
    @inline(__always)
    private static func wellFormed(_ bytes: UnsafeBufferPointer<UInt8>, at i: Int) -> Bool {
        let b = bytes[i]
        @inline(__always) func cont(_ k: Int, _ low: UInt8 = 0x80, _ high: UInt8 = 0xBF) -> Bool {
            i + k < bytes.count && bytes[i + k] >= low && bytes[i + k] <= high
        }
        switch b {
        case 0xC2...0xDF: return cont(1)
        case 0xE0: return cont(1, 0xA0) && cont(2)
        case 0xE1...0xEC, 0xEE...0xEF: return cont(1) && cont(2)
        case 0xED: return cont(1, 0x80, 0x9F) && cont(2)
        case 0xF0: return cont(1, 0x90) && cont(2) && cont(3)
        case 0xF1...0xF3: return cont(1) && cont(2) && cont(3)
        case 0xF4: return cont(1, 0x80, 0x8F) && cont(2) && cont(3)
        default: return false
        }
    }

    /// The original text of `range` (offsets in scalars).
    public func text(_ range: Range<Int>) -> String {
        Self.string(scalars[clamp(range)])
    }

    /// The cleaned text of `range`, with markup blanked.
    public func cleanText(_ range: Range<Int>) -> String {
        Self.string(clean[clamp(range)])
    }

    /// Scalars to a String through one UTF-8 buffer: appending scalar by scalar to a
    /// `UnicodeScalarView` cost more than the rest of building the evidence.
    static func string(_ slice: ArraySlice<Unicode.Scalar>) -> String {
        slice.withUnsafeBufferPointer { string($0) }
    }

    static func string(_ slice: UnsafeBufferPointer<Unicode.Scalar>) -> String {
        // Written into the string's own buffer: an intermediate byte array was a third of the cost.
        var utf8 = 0
        for c in slice { utf8 += c.value < 0x80 ? 1 : UTF8.width(c) }
        return String(unsafeUninitializedCapacity: utf8) { buffer in
            var n = 0
            for c in slice {
                if c.value < 0x80 {
                    buffer[n] = UInt8(truncatingIfNeeded: c.value)
                    n += 1
                } else {
                    for b in UTF8.encode(c)! {
                        buffer[n] = b
                        n += 1
                    }
                }
            }
            return n
        }
    }

    private func clamp(_ r: Range<Int>) -> Range<Int> {
        max(0, r.lowerBound)..<min(count, max(r.upperBound, max(0, r.lowerBound)))
    }
}
