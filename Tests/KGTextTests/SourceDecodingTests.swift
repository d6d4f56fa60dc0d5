import Foundation
import Testing
@testable import KGText

/// `SourceText(path:kind:utf8:)` decodes and validates the bytes itself: it must accept and
/// reject exactly what `String(validating:)` does, and read what it accepts the same way.
@Suite struct SourceDecoding {
    private func decoded(_ bytes: [UInt8]) -> [Unicode.Scalar]? {
        bytes.withUnsafeBufferPointer { SourceText(path: "x.txt", kind: .plain, utf8: $0)?.scalars }
    }

    private func expected(_ bytes: [UInt8]) -> [Unicode.Scalar]? {
        String(validating: bytes, as: UTF8.self).map { SourceText(path: "x.txt", kind: .plain, text: $0).scalars }
    }

    @Test func agreesWithStringValidation() {
        let cases: [[UInt8]] = [
            Array("plain ASCII text, long enough for the eight-byte path\r\nand a CR\rend".utf8),
            Array("Ukraine’s “HUR” — Nagorno‑Karabakh, 𝔘 and é".utf8),
            [0xC0, 0x80], [0xC1, 0xBF], [0xC2], [0xC2, 0x41], [0xE0, 0x80, 0x80], [0xE0, 0xA0, 0x80],
            [0xED, 0xA0, 0x80], [0xED, 0x9F, 0xBF], [0xEF, 0xBF, 0xBF], [0xF0, 0x8F, 0xBF, 0xBF],
            [0xF0, 0x90, 0x80, 0x80], [0xF4, 0x8F, 0xBF, 0xBF], [0xF4, 0x90, 0x80, 0x80], [0xF5, 0x80, 0x80, 0x80],
            [0x80], [0xBF], [0xFE], [0xFF], [0xE2, 0x80], Array("abcdefgh".utf8) + [0xE2, 0x80],
            Array("abcdefgh\r".utf8) + Array("\nabcdefgh".utf8),
        ]
        for bytes in cases {
            #expect(decoded(bytes) == expected(bytes), "\(bytes)")
        }
    }
}
