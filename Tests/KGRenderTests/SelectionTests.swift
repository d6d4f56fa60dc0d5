import KGModel
import XCTest
@testable import KGRender

/// Filters and focus, checked on the graph they return, not on pictures.
final class SelectionTests: XCTestCase {
    let graph = Fixture.graph

    func ids(_ g: Graph) -> Set<String> { Set(g.entities.map(\.id)) }
    func edges(_ g: Graph) -> Set<String> {
        Set(g.relations.map { "\($0.subject) \($0.predicate.rawValue) \($0.object.entityID ?? "date")" })
    }

    func failure(_ filter: GraphFilter) -> String {
        do {
            let g = try filter.apply(to: graph)
            return "no error; got \(ids(g).sorted())"
        } catch {
            return error.message
        }
    }

    func testNoFilterReturnsTheGraphUnchanged() throws {
        XCTAssertTrue(GraphFilter().isEmpty)
        XCTAssertEqual(try GraphFilter().apply(to: graph), graph)
    }

    func testTypesKeepThoseEntitiesAndTheRelationsAmongThem() throws {
        let g = try GraphFilter(types: [.state, .official]).apply(to: graph)
        XCTAssertEqual(ids(g), ["az", "am", "ru", "aliyev", "pashinyan"])
        XCTAssertEqual(edges(g), ["aliyev officialOf az", "pashinyan officialOf am", "am accuses az"])
    }

    func testPredicatesKeepThoseRelationsTheirEndsAndTheirDates() throws {
        let g = try GraphFilter(predicates: [.accuses, .denies, .aids]).apply(to: graph)
        XCTAssertEqual(ids(g), ["am", "az", "ru", "shelling", "icrc", "stepanakert"])
        // The shelling's date stays: it is part of the event's label, not an edge.
        XCTAssertEqual(edges(g), ["am accuses az", "ru denies shelling", "icrc aids stepanakert", "shelling hasDate date"])
    }

    func testMinMentions() throws {
        let g = try GraphFilter(minMentions: 2).apply(to: graph)
        XCTAssertEqual(ids(g), ["az", "am", "ru", "aliyev", "mod", "nk"])
        XCTAssertTrue(g.entities.allSatisfy { $0.mentions.count >= 2 })
        XCTAssertEqual(edges(g), ["aliyev officialOf az", "mod partOf az", "ru deployedIn nk", "am accuses az"])
    }

    func testDocumentKeepsWhatThatDocumentSays() throws {
        for name in ["articles/two.md", "./articles/two.md", "two.md", "d2"] {
            let g = try GraphFilter(document: name).apply(to: graph)
            XCTAssertEqual(g.documents.map(\.id), ["d2"], name)
            XCTAssertEqual(ids(g), ["az", "ru", "icrc", "att", "talks", "statement"], name)
            XCTAssertTrue(g.entities.allSatisfy { e in e.mentions.allSatisfy { $0.doc == "d2" } }, name)
            // Relations need evidence from the document: Moscow's denial is about an event d2
            // never mentions, so it goes with it.
            XCTAssertEqual(edges(g), [], name)
        }
        let one = try GraphFilter(document: "one.txt").apply(to: graph)
        XCTAssertTrue(edges(one).contains("offensive hasTarget stepanakert"))
        XCTAssertFalse(ids(one).contains("ru"))
        XCTAssertTrue(failure(GraphFilter(document: "three.txt")).contains("--doc three.txt: no such document"), failure(GraphFilter(document: "three.txt")))
    }

    func testFocusDepthCountsRelationsInEitherDirection() throws {
        XCTAssertEqual(ids(try GraphFilter(focus: "Aliyev", depth: 0).apply(to: graph)), ["aliyev"])
        XCTAssertEqual(ids(try GraphFilter(focus: "Aliyev", depth: 1).apply(to: graph)), ["aliyev", "az", "talks"])
        let two = try GraphFilter(focus: "Aliyev", depth: 2).apply(to: graph)
        XCTAssertEqual(ids(two), ["aliyev", "az", "talks", "mod", "am", "offensive", "pashinyan"])
        // Only relations between kept entities remain.
        XCTAssertFalse(edges(two).contains("offensive hasTarget stepanakert"))
        XCTAssertTrue(edges(two).contains("talks hasAgent pashinyan"))
        XCTAssertEqual(GraphFilter(focus: "Aliyev").focusIDs(in: two), ["aliyev"])
    }

    func testFocusMatchesNamesAndAliasesLoosely() throws {
        for query in ["Aliyev", "ilham  ALIYEV", "Azerbaijan President Ilham Aliyev"] {
            XCTAssertEqual(GraphFilter(focus: query).focusIDs(in: graph), ["aliyev"], query)
        }
        // Every word of the query is a word of one name: unique, so accepted.
        XCTAssertEqual(GraphFilter(focus: "pashinyan").focusIDs(in: graph), ["pashinyan"])
        XCTAssertEqual(GraphFilter(focus: "Stepanakert (Xankəndi)").focusIDs(in: graph), ["stepanakert"])
        XCTAssertEqual(GraphFilter(focus: "Baku").focusIDs(in: graph), ["az"])
    }

    func testFocusErrorsNameTheProblem() {
        XCTAssertTrue(failure(GraphFilter(focus: "Azerbaijani")).contains("is ambiguous: it matches Azerbaijani Ministry of Defense (Agency), Azerbaijani armed forces (Agency)"),
                      failure(GraphFilter(focus: "Azerbaijani")))
        XCTAssertEqual(failure(GraphFilter(focus: "Putin")), "--focus \"Putin\": no entity has that name or alias")
        XCTAssertEqual(failure(GraphFilter(types: [.state], focus: "Aliyev")),
                       "--focus \"Aliyev\": Ilham Aliyev (Official) is removed by the other filters")
    }

    func testFiltersRunBeforeTheFocus() throws {
        let g = try GraphFilter(types: [.state, .official], focus: "Aliyev", depth: 2).apply(to: graph)
        XCTAssertEqual(ids(g), ["aliyev", "az", "am"])
    }

    func testNothingLeftIsAnError() {
        XCTAssertEqual(failure(GraphFilter(types: [.person], predicates: [.aids])),
                       "nothing to draw: no entity passes --types Person --predicates aids")
        XCTAssertTrue(failure(GraphFilter(minMentions: 100)).hasPrefix("nothing to draw"))
    }
}
