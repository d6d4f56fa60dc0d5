import Testing
import KGModel
@testable import KGExtract

/// Rules written against sentences from news of several regions, none from the seeds.
@Suite struct DescriptionRules {
    @Test func aDescribedBodyIsTheOneNamedBefore() throws {
        let g = extract("""
            Serbia's Security Intelligence Agency (BIA) arrested two men in Belgrade on Monday. \
            The Serbian intelligence service said the men worked for a foreign power.
            """)
        let bia = try #require(g.named("Security Intelligence Agency"))
        #expect(bia.mentions.count == 3)  // the name, "BIA" and "Serbian intelligence service"
        #expect(g.entities.allSatisfy { !$0.name.lowercased().contains("intelligence service") })
    }

    @Test func anotherStatesDescriptionStaysApart() throws {
        let g = extract("""
            Serbia's Security Intelligence Agency (BIA) arrested two men in Belgrade on Monday.

            According to the Malian Defense Ministry's intelligence arm, the convoy was attacked near Gao.
            """)
        let bia = try #require(g.named("Security Intelligence Agency"))
        #expect(bia.mentions.count == 2)
        // The attack's place is attributed to the Malian ministry (the arm is not linked to BIA).
        let place = try #require(g.relations.first { $0.predicate == .hasPlace && $0.object == .entity(g.named("Gao")!.id) })
        #expect(place.attributedTo == [g.named("Malian Ministry of Defense")!.id])
    }

    @Test func theBareHeadIsTheOnlyBodyWithThatHead() throws {
        let g = extract("""
            Ukraine's Main Intelligence Directorate (HUR) published a document on Friday. \
            The Directorate said the strikes on Kharkiv would continue.
            """)
        let hur = try #require(g.named("Main Intelligence Directorate"))
        #expect(hur.aliases.contains("Directorate"))
    }
}

@Suite struct EventClassRules {
    @Test func eventsCarryClassAndCameoRoot() throws {
        let g = extract("Sudanese troops shelled El Fasher on Saturday. Egypt hosted talks in Cairo on Sunday.")
        let shelling = try #require(g.entities.first { $0.type == .event && $0.attributes["class"] == "shelling" })
        #expect(shelling.attributes["cameo"] == "19")
        let talks = try #require(g.entities.first { $0.type == .event && $0.attributes["class"] == "consultation" })
        #expect(talks.attributes["cameo"] == "04")
    }

    @Test func aParticipleAfterACommaIsTheSameEvent() throws {
        let g = extract("March 12, 2024\n\nIsraeli forces carried out air strikes on Rafah on Monday, killing at least 20 people.")
        let events = g.entities.filter { $0.type == .event }
        #expect(events.count == 1)
        let strikes = try #require(events.first)
        #expect(g.relations.contains { $0.subject == strikes.id && $0.predicate == .hasDate && $0.object == .date(DateLiteral(iso: "2024-03-11")!) })
    }

    @Test func everyTriggerHasAKnownCameoRoot() {
        let roots = Set((1...20).map { String(format2($0)) })
        for (words, cls) in EventLexicon.shared.triggers {
            #expect(cls.cameo == nil || roots.contains(cls.cameo!), "\(words) → \(cls.name) has CAMEO \(cls.cameo ?? "-")")
        }
    }

    private func format2(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
}
