extension GraphJSON {
    /// Pretty-printed JSON syntax as `JSONEncoder` writes it, into a growing byte buffer.
    ///
    /// Bytes are stored through a pointer after one capacity check per value: `[UInt8].append`
    /// checked uniqueness and capacity for every byte and cost a call for every run copied,
    /// which was half of what writing the graph cost. Noncopyable, so the buffer has one owner
    /// that frees it. Containers and values are inlined into the model's functions, and with
    /// them the closures that fill the containers: calling those per value was a fifth of the
    /// writer's time.
    struct Writer: ~Copyable {
        private var base: UnsafeMutablePointer<UInt8>
        private var count = 0
        private var capacity: Int
        private var indent = 0
        /// Whether the object being written has no key yet: `key` and `dataKey` put the
        /// separator before all but the first. Saved and restored around a nested object.
        private var first = true

        init(capacity: Int) {
            self.capacity = max(capacity, 64)
            base = .allocate(capacity: self.capacity)
        }

        deinit { base.deallocate() }

        /// The bytes written.
        func bytes() -> [UInt8] {
            Array(UnsafeBufferPointer(start: base, count: count))
        }

        // MARK: Values and containers

        @inline(__always)
        mutating func object(_ body: (inout Writer) -> Void) {
            reserve(2)
            put(UInt8(ascii: "{"))
            put(UInt8(ascii: "\n"))
            indent += 1
            let outer = first
            first = true
            body(&self)
            // Empty, it is "{", newline, newline, "}": `key` wrote no line in between.
            first = outer
            indent -= 1
            reserve(2 * indent + 2)
            put(UInt8(ascii: "\n"))
            putIndent()
            put(UInt8(ascii: "}"))
        }

        @inline(__always)
        mutating func array<T>(_ items: [T], _ element: (inout Writer, T) -> Void) {
            reserve(2)
            put(UInt8(ascii: "["))
            put(UInt8(ascii: "\n"))
            indent += 1
            for (k, item) in items.enumerated() {
                reserve(2 * indent + 2)
                if k > 0 {
                    put(UInt8(ascii: ","))
                    put(UInt8(ascii: "\n"))
                }
                putIndent()
                element(&self, item)
            }
            indent -= 1
            reserve(2 * indent + 2)
            put(UInt8(ascii: "\n"))
            putIndent()
            put(UInt8(ascii: "]"))
        }

        /// A `[String: String]`, keys sorted by UTF-8 bytes as `.sortedKeys` sorts them.
        mutating func dictionary(_ d: [String: String]) {
            let sorted = d.sorted { $0.key.utf8.lexicographicallyPrecedes($1.key.utf8) }
            object {
                for (k, v) in sorted { $0.dataKey(k); $0.string(v) }
            }
        }

        /// The model's own keys: plain ASCII names that need no escaping, copied as they are.
        @inline(__always)
        mutating func key(_ k: StaticString) {
            separate(extra: k.utf8CodeUnitCount + 5)
            put(UInt8(ascii: "\""))
            put(k.utf8Start, k.utf8CodeUnitCount)
            put(UInt8(ascii: "\""))
            putColon()
        }

        /// A key from the data (attribute names), escaped as any string.
        mutating func dataKey(_ k: String) {
            separate(extra: 3)
            string(k)
            reserve(3)
            putColon()
        }

        mutating func raw(_ s: StaticString) {
            reserve(s.utf8CodeUnitCount)
            put(s.utf8Start, s.utf8CodeUnitCount)
        }

        /// Digits written in place: `String(n)` made a string per offset, and offsets are a
        /// third of the values written.
        @inline(__always)
        mutating func int(_ n: Int) {
            guard n >= 0 else {
                var s = String(n)
                s.withUTF8 { b in
                    reserve(b.count)
                    put(b.baseAddress!, b.count)
                }
                return
            }
            var scale = 1
            var digits = 1
            while scale <= n / 10 {
                scale &*= 10
                digits += 1
            }
            reserve(digits)
            while scale > 0 {
                put(0x30 &+ UInt8(truncatingIfNeeded: (n / scale) % 10))
                scale /= 10
            }
        }

        @inline(__always)
        mutating func string(_ s: String) {
            var s = s
            s.withUTF8 { bytes in
                let n = bytes.count
                reserve(n + 2)
                put(UInt8(ascii: "\""))
                guard let p = bytes.baseAddress else {
                    put(UInt8(ascii: "\""))
                    return
                }
                // Runs without escapes are copied whole; most strings are one run.
                var mark = 0
                var i = 0
                while i < n {
                    // Eight bytes at a time while none needs escaping: evidence sentences are
                    // most of the output, and testing them byte by byte was a third of it.
                    if i + 8 <= n, !Self.anyNeedsEscape(UnsafeRawPointer(p + i).loadUnaligned(as: UInt64.self)) {
                        i += 8
                        continue
                    }
                    let b = p[i]
                    if b < 0x20 || b == UInt8(ascii: "\"") || b == UInt8(ascii: "\\") {
                        put(p + mark, i - mark)
                        mark = i + 1
                        escape(b)
                        // The rest of the string and its closing quote.
                        reserve(n - mark + 1)
                    }
                    i += 1
                }
                put(p + mark, n - mark)
                put(UInt8(ascii: "\""))
            }
        }

        /// Whether any of the eight bytes is below 0x20, a quote or a backslash ("hasless" and
        /// "haszero" of the bit-twiddling hacks; exact for the word as a whole).
        @inline(__always)
        private static func anyNeedsEscape(_ w: UInt64) -> Bool {
            let ones: UInt64 = 0x0101_0101_0101_0101
            let highs: UInt64 = 0x8080_8080_8080_8080
            let control = (w &- ones &* 0x20) & ~w & highs
            let q = w ^ (ones &* 0x22)
            let quote = (q &- ones) & ~q & highs
            let s = w ^ (ones &* 0x5C)
            let slash = (s &- ones) & ~s & highs
            return (control | quote | slash) != 0
        }

        private mutating func escape(_ b: UInt8) {
            reserve(6)
            put(UInt8(ascii: "\\"))
            switch b {
            case UInt8(ascii: "\""), UInt8(ascii: "\\"): put(b)
            case 0x08: put(UInt8(ascii: "b"))
            case 0x0C: put(UInt8(ascii: "f"))
            case 0x0A: put(UInt8(ascii: "n"))
            case 0x0D: put(UInt8(ascii: "r"))
            case 0x09: put(UInt8(ascii: "t"))
            default:
                let hex: [UInt8] = Array("0123456789abcdef".utf8)
                put(UInt8(ascii: "u"))
                put(UInt8(ascii: "0"))
                put(UInt8(ascii: "0"))
                put(hex[Int(b >> 4)])
                put(hex[Int(b & 0xF)])
            }
        }

        // MARK: Bytes

        /// The separator before a key, its line's indent, and room for `extra` bytes more.
        @inline(__always)
        private mutating func separate(extra: Int) {
            reserve(2 * indent + 2 + extra)
            if first {
                first = false
            } else {
                put(UInt8(ascii: ","))
                put(UInt8(ascii: "\n"))
            }
            putIndent()
        }

        @inline(__always)
        private mutating func putColon() {
            put(0x20)
            put(UInt8(ascii: ":"))
            put(0x20)
        }

        /// Room for `n` more bytes; every `put` below is within room reserved before it.
        @inline(__always)
        private mutating func reserve(_ n: Int) {
            if count + n > capacity { grow(count + n) }
        }

        private mutating func grow(_ needed: Int) {
            let bigger = max(needed, 2 * capacity)
            let moved = UnsafeMutablePointer<UInt8>.allocate(capacity: bigger)
            moved.initialize(from: base, count: count)
            base.deallocate()
            base = moved
            capacity = bigger
        }

        @inline(__always)
        private mutating func put(_ b: UInt8) {
            base[count] = b
            count += 1
        }

        @inline(__always)
        private mutating func put(_ p: UnsafePointer<UInt8>, _ n: Int) {
            (base + count).initialize(from: p, count: n)
            count += n
        }

        @inline(__always)
        private mutating func putIndent() {
            let n = 2 * indent
            (base + count).initialize(repeating: 0x20, count: n)
            count += n
        }
    }
}
