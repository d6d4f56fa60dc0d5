import Testing
import KGModel
import KGText
@testable import KGExtract

/// Clause-level rules for events: appositions, participles and passives, from news of several
/// regions (none from the seeds).
@Suite struct AppositionRules {
    @Test func theSubjectStandsBeforeTheApposition() throws {
        let g = extract("""
            Nikol Pashinyan told Reuters on Monday that talks would go on. \
            “The talks have failed,” Olexi Danilov, secretary of the National Security and Defense Council, told the Kyiv Post.
            """)
        let danilov = try #require(g.named("Olexi Danilov"))
        let interviews = g.entities.filter { $0.attributes["class"] == "interview" }
        // Two speakers, two interviews: the second is not the first told again.
        #expect(interviews.count == 2)
        #expect(g.relations.contains { $0.predicate == .hasAgent && $0.object == .entity(danilov.id) })
        #expect(!g.relations.contains { $0.predicate == .hasAgent && g.entity($0.object.entityID ?? "")?.type == .agency })
    }

    @Test func aWhereClauseIsNotAnApposition() {
        let g = extract("""
            On May 6, gunmen in the north of Mali, where French troops are deployed, attacked a convoy near Gao.
            """)
        let attack = g.entities.first { $0.attributes["class"] == "attack" }
        let agents = g.relations.filter { $0.subject == attack?.id && $0.predicate == .hasAgent }.compactMap { g.entity($0.object.entityID ?? "")?.name }
        #expect(!agents.contains("Mali"))
    }
}

@Suite struct ParticipleRules {
    @Test func aParticipleBeforeANounIsNoEvent() {
        let g = extract("Amnesty International: Detained protesters were moved to Minsk on Friday.")
        #expect(!g.entities.contains { $0.type == .event && $0.attributes["class"] == "detention" })
        let h = extract("Belarusian police detained protesters in Minsk on Friday.")
        #expect(h.entities.contains { $0.type == .event && $0.attributes["class"] == "detention" })
    }

    @Test func aPassiveReportIsNotANewReport() {
        let g = extract("The arrests in Tbilisi on Monday are reported in a statement by the Georgian Interior Ministry.")
        let reports = g.entities.filter { $0.type == .event && ["report", "statement"].contains($0.attributes["class"] ?? "") }
        #expect(reports.count == 1)
        #expect(reports.first?.attributes["class"] == "statement")
    }

    @Test func theObjectOfAPrepositionUnderwentTheParticiple() throws {
        let g = extract("The court in Baku heard the case of Armenian servicemen detained in December in Khojavend.")
        let detention = try #require(g.entities.first { $0.attributes["class"] == "detention" })
        #expect(!g.relations.contains { $0.subject == detention.id && $0.predicate == .hasAgent })
        #expect(g.relations.contains { $0.subject == detention.id && $0.predicate == .hasTarget })
    }

    @Test func theNextSentenceNamesThePlaceOfTheSameEvent() {
        let g = extract("""
            March 3, 2024

            Twelve members of the group were detained on Saturday. Their detention in Gao was confirmed by the army.
            """)
        let detentions = g.entities.filter { $0.attributes["class"] == "detention" }
        #expect(detentions.count == 1)
    }
}

@Suite struct RegionRules {
    @Test func aListedRegionKeepsItsCountry() {
        let g = extract("Fighting broke out in Syunik on Monday, Armenian officials said. Armenia closed the road.")
        #expect(g.has("Syunik", .locatedIn, "Armenia") != nil)
    }
}

@Suite struct ReportedSpeechRules {
    @Test func todayInAQuotationIsTheSpeechDay() throws {
        let g = extract("""
            October 28, 2020

            At an Oct. 27 briefing, Ukrainian army spokesman Taras Bilyk said the line held. \
            “Today, the enemy attempted to carry out attacks in the direction of Kharkiv,” he told reporters.
            """)
        let attack = try #require(g.entities.first { $0.attributes["class"] == "attack" })
        let date = try #require(g.relations.first { $0.subject == attack.id && $0.predicate == .hasDate })
        #expect(date.object == .date(DateLiteral(iso: "2020-10-27")!))
    }

    @Test func whereAnAssaultHeadsIsItsTargetAndPlace() throws {
        let g = extract("On May 3, 2024, Sudanese troops launched attacks in the direction of El Fasher.")
        let attack = try #require(g.entities.first { $0.attributes["class"] == "attack" })
        let fasher = try #require(g.named("El Fasher"))
        #expect(g.relations.contains { $0.subject == attack.id && $0.predicate == .hasTarget && $0.object == .entity(fasher.id) })
        #expect(g.relations.contains { $0.subject == attack.id && $0.predicate == .hasPlace && $0.object == .entity(fasher.id) })
    }

    @Test func aCityOfTheEventsCountryIsAlsoItsPlace() throws {
        let g = extract("On May 3, 2024, Russia expanded its deployment in Syria by sending troops to the base in Latakia.")
        let event = try #require(g.entities.first { $0.attributes["class"] == "deployment" })
        let places = Set(g.relations.filter { $0.subject == event.id && $0.predicate == .hasPlace }.compactMap { g.entity($0.object.entityID ?? "")?.name })
        #expect(places == ["Syria", "Latakia"])
    }

    @Test func deathsJoinedToAnAssaultAreItsToll() {
        let g = extract("On May 3, 2024, a bus carrying Malian soldiers came under fire near Gao and its driver was killed.")
        let events = g.entities.filter { $0.type == .event }
        #expect(events.count == 1)
    }

    @Test func whoReportsADeedDidNotDoIt() {
        let g = extract("Mali reports soldiers killed in Gao ambush on May 3, 2024")
        #expect(!g.relations.contains { $0.predicate == .hasAgent && g.entity($0.object.entityID ?? "")?.name == "Mali" })
    }

    @Test func anOutletRelayingASourceIsNotTheSource() throws {
        let g = extract("Russian troops attacked Kharkiv on May 3, 2024, TASS reports, citing the Russian Defense Ministry.")
        let attack = try #require(g.entities.first { $0.attributes["class"] == "attack" })
        let agent = try #require(g.relations.first { $0.subject == attack.id && $0.predicate == .hasAgent })
        let names = agent.attributedTo.compactMap { g.entity($0)?.name }
        #expect(names == ["Russian Ministry of Defense"])
    }
}

@Suite struct ArticleMergeRules {
    @Test func theOnlyOtherEventOfItsKindInTheArticleIsTheSame() {
        let g = extract("""
            March 3, 2024

            The fighting started on February 24 near Gao. Since then, Mali's offensive has pushed north.
            """)
        let wars = g.entities.filter { ["war", "fighting"].contains($0.attributes["class"] ?? "") }
        #expect(wars.count == 1)
    }

    @Test func disagreeingFactsKeepThemApart() {
        let g = extract("""
            March 3, 2024

            Fighting broke out near Gao on February 24. Separately, Niger's offensive near Agadez began on March 1.
            """)
        let wars = g.entities.filter { ["war", "fighting"].contains($0.attributes["class"] ?? "") }
        #expect(wars.count == 2)
    }

    @Test func aDeploymentToldAsSettingUpAnOutpostIsOne() {
        let g = extract("""
            Turkey has set up a military outpost near Idlib. The Turkish deployment is a deterrent.
            """)
        let events = g.entities.filter { $0.type == .event }
        #expect(events.count == 1)
    }

    @Test func aKindOfHappeningIsNoEvent() {
        let g = extract("The soldiers were taken to the place of deployment in Mali. Leaders in Bamako fear the threat of war with Niger.")
        #expect(!g.entities.contains { $0.type == .event && ["deployment", "war"].contains($0.attributes["class"] ?? "") })
    }
}
