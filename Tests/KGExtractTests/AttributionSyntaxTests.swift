import Testing
import KGModel
import KGText
@testable import KGExtract

/// Who did it and who says so: clause rules for agents, places and sources, from news of several
/// regions (none from the seeds).
@Suite struct CoordinationRules {
    @Test func aStateAfterTheLastOfCoordinatedBodiesOwnsEach() {
        let g = extract("""
            The Ministry of Defense of Ukraine said it was ready. Details are given in a joint statement by the \
            Ministry of Defense and the State Border Guard Service of Poland.
            """)
        #expect(g.named("Polish Ministry of Defense") != nil)
        let statement = g.entities.first { $0.attributes["class"] == "statement" }
        let authors = Set(g.relations.filter { $0.subject == statement?.id && $0.predicate == .hasAgent }.compactMap { g.entity($0.object.entityID ?? "")?.name })
        #expect(authors.contains("Polish Ministry of Defense"))
        #expect(!authors.contains("Ukrainian Ministry of Defense"))
    }
}

@Suite struct AgentPlaceRules {
    @Test func whereFireCameFromIsWhoFired() throws {
        let g = extract("On May 3, 2024, the Malian army said the shooting came from Wagner fighters near Gao.")
        let shooting = try #require(g.entities.first { $0.attributes["class"] == "shooting" })
        let agents = g.relations.filter { $0.subject == shooting.id && $0.predicate == .hasAgent }.compactMap { g.entity($0.object.entityID ?? "")?.name }
        #expect(!agents.isEmpty)
        #expect(!agents.contains("Malian armed forces"))
    }

    @Test func aPlaceThatOpensTheSentenceIsTheMainEventsToo() throws {
        let g = extract("In the city of Goma, the headquarters of the UN mission has been deployed in North Kivu on May 3, 2024.")
        let event = try #require(g.entities.first { $0.attributes["class"] == "deployment" })
        let places = Set(g.relations.filter { $0.subject == event.id && $0.predicate == .hasPlace }.compactMap { g.entity($0.object.entityID ?? "")?.name })
        #expect(places.contains("Goma"))
    }

    @Test func anAssaultOnAPlaceHappensThere() throws {
        let g = extract("On May 3, 2024, Sudanese troops launched attacks on the city of El Fasher.")
        let attack = try #require(g.entities.first { $0.attributes["class"] == "attack" })
        #expect(g.relations.contains { $0.subject == attack.id && $0.predicate == .hasPlace && g.entity($0.object.entityID ?? "")?.name == "El Fasher" })
    }

    @Test func whatAReportIsAboutIsNotWhereItWasMade() throws {
        let g = extract("On May 3, 2024, the UN published a report on the situation of civilians in Darfur.")
        let report = try #require(g.entities.first { $0.attributes["class"] == "report" })
        #expect(!g.relations.contains { $0.subject == report.id && $0.predicate == .hasPlace })
    }

    @Test func aShipmentsDestinationTownIsItsPlace() throws {
        let g = extract("“We know when the flight was performed to Latakia,” Turkish President Recep Tayyip Erdogan said on Monday.")
        let flight = try #require(g.entities.first { $0.attributes["class"] == "aid" })
        #expect(g.relations.contains { $0.subject == flight.id && $0.predicate == .hasPlace && g.entity($0.object.entityID ?? "")?.name == "Latakia" })
    }
}

@Suite struct SpeakerRules {
    @Test func aPronounSpeakersStatementIsTheirs() throws {
        let g = extract("""
            March 3, 2024

            “We will never accept this,” Serbian President Aleksandar Vucic said in Belgrade. “We will not recognize it,” he said on March 1.
            """)
        let statement = try #require(g.entities.first { $0.attributes["class"] == "statement" })
        #expect(g.relations.contains { $0.subject == statement.id && $0.predicate == .hasAgent && g.entity($0.object.entityID ?? "")?.name == "Aleksandar Vucic" })
    }

    @Test func aQuotationParagraphContinuesTheLastSpeaker() throws {
        let g = extract("""
            March 3, 2024

            “Rockets are fired every day,” Israeli army spokesman Daniel Hagari said.

            “We know who carried out the attack on Sderot.”
            """)
        let attack = try #require(g.entities.first { $0.attributes["class"] == "attack" })
        let place = try #require(g.relations.first { $0.subject == attack.id && $0.predicate == .hasPlace })
        #expect(place.attributedTo.compactMap { g.entity($0)?.name } == ["Daniel Hagari"])
    }

    @Test func oneSourceBlamingOneSideAccusesItEvenIfAnotherNamesBoth() {
        let g = extract("""
            July 15, 2021

            On July 13, there was a shooting between the armed forces of Sudan and Ethiopia near Gallabat, the UN said. \
            The Sudanese Foreign Ministry said that the shooting came from Ethiopian forces.
            """)
        #expect(g.has("Sudanese Ministry of Foreign Affairs", .accuses, "Ethiopian armed forces") != nil)
        #expect(!g.relations.contains { $0.predicate == .accuses && g.entity($0.subject)?.name == "United Nations" })
    }
}

@Suite struct OfficeRules {
    @Test func anOfficeBeforeTheNameMakesAnOfficial() throws {
        let g = extract("The head of the UN refugee agency, Filippo Grandi, visited Port Sudan on Monday.")
        let grandi = try #require(g.named("Filippo Grandi"))
        #expect(grandi.type == .official)
        #expect(g.relations.contains { $0.subject == grandi.id && $0.predicate == .officialOf })
    }
}
