import Claims
import FeedModel
import Testing

/// The stance rules of docs/CLAIMS.md on short sentences in English, Russian and Ukrainian.
@Suite struct StanceTests {
    private static let claims = [
        Claim(
            id: "trump-cede", title: "Trump endorses Ukraine ceding the Donbas",
            query: "trump AND (donbas OR donetsk) AND (cede OR ceding OR \"give up\" OR \"hand over\")",
            localizedQueries: [
                "ru": "трамп* AND (донбас* OR донецк*) AND (уступ* OR отда*)",
                "uk": "трамп* AND (донбас* OR донецьк*) AND (поступ* OR відда*)",
            ],
            supportCues: ["endorses"], disputeCues: ["never asked"]),
        Claim(id: "ceasefire", title: "A ceasefire is agreed", query: "ceasefire AND (agreed OR deal)"),
    ]

    private func stance(_ title: String, _ text: String = "", claim: String = "trump-cede") throws -> Stance? {
        let tagger = try Tagger(claims: Self.claims, matching: .stemmed)
        let links = tagger.makeSession().tag(id: "x", title: title, summary: text, content: nil)
        return links.first(where: { $0.claimID == claim })?.stance
    }

    @Test func plainReportSupports() throws {
        #expect(try stance("Trump tells Kyiv to cede the Donbas") == .supports)
        #expect(try stance("Трамп предложил Украине уступить Донбасс") == .supports)
        #expect(try stance("Трамп запропонував Україні віддати Донбас") == .supports)
    }

    @Test func questionsMention() throws {
        #expect(try stance("Will Trump ask Kyiv to give up Donetsk?") == .mentions)
        #expect(try stance("Попросит ли Трамп Киев уступить Донбасс?") == .mentions)
    }

    @Test func hedgingMentions() throws {
        #expect(try stance("Trump may push Kyiv to cede Donetsk, sources say") == .mentions)
        #expect(try stance("Трамп якобы готов отдать Донбасс") == .mentions)
        #expect(try stance("Трамп нібито хоче віддати Донбас") == .mentions)
    }

    @Test func denialByTheActorDisputes() throws {
        #expect(try stance("Trump denies asking Ukraine to cede the Donbas") == .disputes)
        #expect(try stance("Трамп опроверг, что просил уступить Донбасс") == .disputes)
        #expect(try stance("Трамп спростував, що просив віддати Донбас") == .disputes)
    }

    @Test func negationInFrontOfTheActionDisputes() throws {
        #expect(try stance("Trump says Ukraine will not cede Donetsk") == .disputes)
    }

    @Test func claimCuesDecideFirst() throws {
        #expect(try stance("Trump endorses plan for Kyiv to cede Donbas") == .supports)
        #expect(try stance("Trump never asked Kyiv to give up the Donbas, aide says") == .disputes)
    }

    @Test func termsInNeighbouringSentencesOnlyMention() throws {
        let text = "Trump met Zelensky on Monday. Kyiv said it would cede ground in Donetsk only under fire."
        #expect(try stance("Weekly wrap", text) == .mentions)
    }

    @Test func termsFarApartAreNotLinkedInStemmedMode() throws {
        let text = "Trump met Zelensky. Fighting continued in Donetsk. Some analysts urge Kyiv to cede nothing."
        #expect(try stance("Weekly wrap", text) == nil)
    }

    @Test func failureDisputesAnEvent() throws {
        #expect(try stance("Summit ends with no deal on a ceasefire", claim: "ceasefire") == .disputes)
        #expect(try stance("Ceasefire deal agreed in Istanbul", claim: "ceasefire") == .supports)
    }

    @Test func explainSaysWhy() throws {
        let tagger = try Tagger(claims: Self.claims, matching: .stemmed)
        let item = FeedItem(id: "x", title: "Will Trump ask Kyiv to give up Donetsk?")
        let explanation = try #require(tagger.explain(item, claimID: "trump-cede"))
        #expect(explanation.link?.stance == .mentions)
        #expect(explanation.lines.contains { $0.contains("question") })
        let unlinked = try #require(tagger.explain(FeedItem(id: "y", title: "Weather"), claimID: "trump-cede"))
        #expect(unlinked.link == nil)
        #expect(unlinked.lines.last == "not linked: no query of the claim matches the item")
        #expect(tagger.explain(item, claimID: "nope") == nil)
    }
}
