import Testing
@testable import KGExtract

/// `EventMerger.IDCodes` must give each id one code and different ids different codes, whether
/// the id is read as a number ("e12") or kept in its dictionary ("e012", "event:x").
@Suite struct EventMergerCodes {
    @Test func codesAreOneToOne() {
        var codes = EventMerger.IDCodes()
        let ids = ["e1", "e12", "d12", "e0", "e00", "e012", "E12", "e", "", "12", "event:x", "e1x",
                   "e12345678901234567", "e1234567890123456", "é1", "d1"]
        var seen: [Int: String] = [:]
        for id in ids {
            let code = codes(id)
            #expect(seen[code] == nil, "\(id) and \(seen[code] ?? "") share a code")
            seen[code] = id
            #expect(codes(id) == code)
            #expect(codes.lookup(id) == code)
        }
        #expect(codes.lookup("d99") != nil)
        #expect(codes.lookup("event:y") == nil)
        #expect(EventMerger.IDCodes.parse("e012") == nil)
        #expect(EventMerger.IDCodes.parse("e12") == Int(UInt8(ascii: "e")) << 56 | 12)
    }
}
