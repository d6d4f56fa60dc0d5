import KGModel
import Testing
@testable import KGReport

/// A small graph: two states, an official, and three events with dates of each precision.
private func fixture() -> Graph {
    let d = DateLiteral.init(iso:)
    let ev = { (id: String, name: String, cls: String, cameo: String, at: Int) in
        Entity(id: id, name: name, type: .event, mentions: [Span(doc: "d1", start: at, end: at + 4)],
               attributes: ["class": cls, "cameo": cameo])
    }
    let entities = [
        Entity(id: "s1", name: "Azerbaijan", type: .state, aliases: ["Baku"],
               mentions: [Span(doc: "d1", start: 0, end: 10), Span(doc: "d1", start: 50, end: 54), Span(doc: "d2", start: 0, end: 4)],
               wikidata: "Q227", cameo: "AZE"),
        Entity(id: "s2", name: "Armenia", type: .state, mentions: [Span(doc: "d1", start: 20, end: 27)]),
        Entity(id: "o1", name: "Ilham Aliyev", type: .official, aliases: ["Aliyev"],
               mentions: [Span(doc: "d1", start: 30, end: 42), Span(doc: "d2", start: 10, end: 16)]),
        ev("e1", "attack on Armenia", "attack", "19", 100),
        ev("e2", "talks", "consultation", "04", 200),
        ev("e3", "war", "war", "19", 300),
    ]
    let r = { (s: String, p: KGModel.Predicate, o: RelationObject, by: [String], disputed: [String]) in
        Relation(subject: s, predicate: p, object: o, attributedTo: by, disputedBy: disputed,
                 evidence: [Evidence(doc: "d1", start: 90, end: 140, text: "Armenia said\nAzerbaijan attacked   it.")])
    }
    let relations = [
        r("e1", .hasAgent, .entity("s1"), ["s2"], ["s1"]),
        r("e1", .hasTarget, .entity("s2"), ["s2"], []),
        r("e1", .hasDate, .date(d("2020-10-27")!), [], []),
        r("e2", .hasAgent, .entity("o1"), [], []),
        r("e2", .hasDate, .date(d("2020-11")!), [], []),
        r("e3", .hasAgent, .entity("s1"), [], []),
        r("o1", .officialOf, .entity("s1"), [], []),
        r("s1", .accuses, .entity("s2"), ["o1"], []),
    ]
    return Graph(documents: [Document(id: "d1", path: "a.txt"), Document(id: "d2", path: "b.txt")],
                 entities: entities, relations: relations)
}

@Suite struct EntityListingTests {
    @Test func sortsByMentionsAndFiltersByType() {
        let rows = EntityListing.rows(fixture())
        #expect(rows.map(\.name).prefix(3) == ["Azerbaijan", "Ilham Aliyev", "Armenia"])
        #expect(rows[0].documents == 2 && rows[0].wikidata == "Q227" && rows[0].cameo == "AZE")
        let officials = EntityListing.rows(fixture(), types: [.official])
        #expect(officials.map(\.name) == ["Ilham Aliyev"])
    }

    @Test func tableIsAlignedAndTSVHasOneLinePerRow() {
        let table = EntityListing.table(EntityListing.rows(fixture(), types: [.state]))
        let lines = table.aligned().split(separator: "\n")
        #expect(lines.count == 4)  // header, rule, two rows
        // Every row's second column starts at the same offset as the header's.
        let col = lines[0].distance(from: lines[0].startIndex, to: lines[0].firstIndex(of: "t")!)
        #expect(lines[2].dropFirst(col).hasPrefix("State"))
        #expect(lines[3].dropFirst(col).hasPrefix("State"))
        #expect(table.tsv().split(separator: "\n").first == "name\ttype\tmentions\tdocs\twikidata\tcameo\taliases")
    }
}

@Suite struct TimelineTests {
    @Test func ordersByDateWithUndatedLast() {
        let rows = Timeline.rows(fixture())
        #expect(rows.map(\.id) == ["e1", "e2", "e3"])
        #expect(rows[0].agents == ["Azerbaijan"] && rows[0].targets == ["Armenia"] && rows[0].cameo == "19")
        #expect(rows[0].attributedTo == ["Armenia"])
        #expect(rows[0].evidence == "Armenia said Azerbaijan attacked it.")
        #expect(rows[0].document == "a.txt")
    }

    @Test func rangeKeepsOverlappingDatesAndDropsUndated() {
        let d = DateLiteral.init(iso:)
        // "2020-11" overlaps a range that starts mid-month.
        #expect(Timeline.rows(fixture(), from: d("2020-11-15")).map(\.id) == ["e2"])
        #expect(Timeline.rows(fixture(), to: d("2020-10-27")).map(\.id) == ["e1"])
        #expect(Timeline.rows(fixture(), from: d("2020"), to: d("2020")).map(\.id) == ["e1", "e2"])
        #expect(Timeline.rows(fixture(), from: d("2021")).isEmpty)
    }
}

@Suite struct ClaimListingTests {
    @Test func listsOnlyAttributedOrDisputedFacts() {
        let rows = ClaimListing.rows(fixture())
        #expect(rows.count == 3)
        #expect(rows.allSatisfy { !$0.attributedTo.isEmpty || !$0.disputedBy.isEmpty })
    }

    @Test func filtersBySpeakerNameOrAliasAndByDispute() {
        #expect(ClaimListing.rows(fixture(), by: "aliyev").map(\.predicate) == [.accuses])
        #expect(ClaimListing.rows(fixture(), by: "Armenia").count == 2)
        let disputed = ClaimListing.rows(fixture(), disputedOnly: true)
        #expect(disputed.count == 1 && disputed[0].disputedBy == ["Azerbaijan"] && disputed[0].predicate == .hasAgent)
        #expect(ClaimListing.rows(fixture(), by: "Nobody").isEmpty)
    }
}
