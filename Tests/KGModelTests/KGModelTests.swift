import Foundation
import Testing
@testable import KGModel

@Suite struct DateLiterals {
    @Test func parsesAndRejects() {
        #expect(DateLiteral(iso: "2020-11-10")?.precision == .day)
        #expect(DateLiteral(iso: "2021-07")?.precision == .month)
        #expect(DateLiteral(iso: "1988")?.precision == .year)
        for bad in ["2021-13", "2021-02-30", "20-01-01", "2021-1-01", "abcd", ""] {
            #expect(DateLiteral(iso: bad) == nil, "\(bad) should be rejected")
        }
        #expect(DateLiteral(iso: "2024-02-29") != nil)
        #expect(DateLiteral(iso: "2023-02-29") == nil)
    }

    @Test func weekdayAndArithmetic() {
        #expect(DateLiteral(iso: "2023-09-20")?.weekday == 3) // a Wednesday
        #expect(DateLiteral(iso: "2021-01-01")?.adding(days: -1)?.iso == "2020-12-31")
        #expect(DateLiteral(iso: "2020-02-28")?.adding(days: 2)?.iso == "2020-03-01")
    }
}

@Suite struct JSONContract {
    @Test func relationObjectsEncodeAsIdOrLiteral() throws {
        let graph = Graph(
            documents: [Document(id: "d1", path: "a.txt", title: "T", date: DateLiteral(iso: "2025-07-08"))],
            entities: [Entity(id: "e1", name: "Raid", type: .event, mentions: [Span(doc: "d1", start: 0, end: 4)]),
                       Entity(id: "e2", name: "Russia", type: .state)],
            relations: [Relation(subject: "e1", predicate: .hasAgent, object: .entity("e2")),
                        Relation(subject: "e1", predicate: .hasDate, object: .date(DateLiteral(iso: "2025-06-27")!))])
        let data = try JSONEncoder().encode(graph)
        let json = try #require(JSONSerialization.jsonObject(with: data) as? [String: Any])
        let relations = try #require(json["relations"] as? [[String: Any]])
        #expect(relations[0]["object"] as? String == "e2")
        #expect((relations[1]["object"] as? [String: String])?["literal"] == "2025-06-27")
        #expect(((json["entities"] as? [[String: Any]])?[0]["type"]) as? String == "Event")
        #expect(try JSONDecoder().decode(Graph.self, from: data) == graph)
        #expect(graph.validate().isEmpty)
    }

    @Test func validateFindsDanglingIdsAndMisplacedLiterals() {
        let graph = Graph(documents: [Document(id: "d1", path: "a")],
                          entities: [Entity(id: "e1", name: "X", type: .state)],
                          relations: [Relation(subject: "e1", predicate: .aids, object: .entity("e9")),
                                      Relation(subject: "e1", predicate: .aids, object: .date(DateLiteral(year: 2020)!))])
        let problems = graph.validate()
        #expect(problems.contains("aids: unknown object e9"))
        #expect(problems.contains("aids cannot take a date literal"))
    }
}
