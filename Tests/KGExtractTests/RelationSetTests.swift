import Testing
import KGModel
@testable import KGExtract

/// `RelationSet` finds facts through `FactIndex`, a table of its own: these check that it
/// agrees with `Relation.Key` equality where a dictionary would have, through growth, collisions
/// and keys whose bytes differ but whose strings are equal.
struct RelationSetTests {
    private func fact(_ s: String, _ p: Predicate, _ o: String, doc: String = "d1", at start: Int = 0) -> Relation {
        Relation(subject: s, predicate: p, object: .entity(o), evidence: [Evidence(doc: doc, start: start, end: start + 5)])
    }

    @Test func aFactFoundTwiceIsOneRelationWithBothPiecesOfEvidence() {
        var set = RelationSet()
        let first = set.add(fact("e1", .hasAgent, "e2", at: 0))
        let again = set.add(fact("e1", .hasAgent, "e2", doc: "d2", at: 40))
        #expect(first == again)
        #expect(set.all.count == 1)
        #expect(set.all[0].evidence.map(\.doc) == ["d1", "d2"])
        // The same span twice is one piece of evidence.
        set.add(fact("e1", .hasAgent, "e2", at: 0))
        #expect(set.all[0].evidence.count == 2)
    }

    @Test func aDocumentsPositionsAreWhatItAddedInTheOrderFirstAdded() {
        var set = RelationSet()
        set.beginDocument()
        set.add(fact("e1", .hasAgent, "e2"))
        set.add(fact("e3", .hasAgent, "e4"))
        #expect(set.documentPositions == [0, 1])
        set.beginDocument()
        // Old facts found again come first here, each once; a new one after them.
        set.add(fact("e3", .hasAgent, "e4", doc: "d2"))
        set.add(fact("e5", .hasAgent, "e6", doc: "d2"))
        set.add(fact("e3", .hasAgent, "e4", doc: "d2", at: 9))
        set.add(fact("e1", .hasAgent, "e2", doc: "d2"))
        #expect(set.documentPositions == [1, 2, 0])
    }

    @Test func keysThatDifferInAnyPartStayApart() throws {
        let day = try #require(DateLiteral(year: 2020, month: 10, day: 28))
        let month = try #require(DateLiteral(year: 2020, month: 10))
        var set = RelationSet()
        set.add(fact("e1", .hasAgent, "e2"))
        set.add(fact("e1", .hasTarget, "e2"))
        set.add(fact("e2", .hasAgent, "e1"))
        set.add(fact("e1", .hasAgent, "e3"))
        set.add(Relation(subject: "e1", predicate: .hasDate, object: .date(day)))
        set.add(Relation(subject: "e1", predicate: .hasDate, object: .date(month)))
        #expect(set.all.count == 6)
    }

    @Test func thousandsOfFactsEachFoundAgainAfterTheTableGrows() {
        var set = RelationSet()
        var positions: [Int] = []
        for n in 0..<5_000 { positions.append(set.add(fact("e\(n)", .partOf, "e\(n + 1)"))!) }
        for n in stride(from: 0, to: 5_000, by: 7) {
            #expect(set.add(fact("e\(n)", .partOf, "e\(n + 1)", doc: "d2")) == positions[n])
        }
        #expect(set.all.count == 5_000)
    }

    @Test func canonicallyEqualIdsAreOneKey() {
        // "K" and KELVIN SIGN, "é" precomposed and decomposed: equal as `String`s, so one fact.
        var set = RelationSet()
        let a = set.add(fact("K1", .memberOf, "caf\u{E9}"))
        let b = set.add(fact("\u{212A}1", .memberOf, "cafe\u{301}"))
        #expect(a == b)
        #expect(set.all.count == 1)
    }

    @Test func aRelationOfAThingToItselfIsDropped() {
        var set = RelationSet()
        #expect(set.add(fact("e1", .partOf, "e1")) == nil)
        #expect(set.all.isEmpty)
    }
}
