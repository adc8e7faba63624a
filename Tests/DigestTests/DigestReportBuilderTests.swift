import Digest
import FeedModel
import Foundation
import Testing

@Suite struct DigestReportBuilderTests {
    let report = DigestFixture.report

    @Test func headlineCountsCoverOnlyThePeriod() {
        // 10 items first seen in the period; kyiv-8 is after it, five are before it.
        #expect(report.counts.newItems == 10)
        #expect(report.counts.claimsTouched == 4)
        // New to a claim: bbc urdu (trump-donbas), meduza (russia-callup), evil (hostile), kyivpost (eu).
        // Kyiv Independent linked trump-donbas before, so it is not new there.
        #expect(report.counts.newSources == 4)
    }

    @Test func claimsAreOrderedByMomentumAndQuietOnesLeftOut() {
        #expect(report.claims.map(\.id) == ["trump-donbas", "eu-sanctions-20", "russia-callup", "hostile"])
        #expect(!report.claims.contains { $0.id == "quiet" })
        let momenta = report.claims.map(\.momentum)
        #expect(momenta == momenta.sorted(by: >))
    }

    @Test func tallySourcesAndEvidenceOfAnEstablishedClaim() throws {
        let claim = try #require(report.claims.first { $0.id == "trump-donbas" })
        #expect(claim.tally == .init(supports: 2, disputes: 0, mentions: 1))
        #expect(claim.independentSources == 3)  // kyivindependent.com, bbci.co.uk, kyivpost.com
        #expect(claim.newSources == ["بی بی سی اردو"])
        #expect(!claim.isNew)
        let best = try #require(claim.bestEvidence)
        #expect(best.itemID == "kyiv-4")
        #expect(best.stance == .supports)
        #expect(best.feedTitle == "Kyiv Independent")
        #expect(best.link == "https://kyivindependent.com/a4")
        #expect(best.snippet == "Trump said Ukraine must give up the Donbas to get peace.")
        // Links after the period and to unknown items do not count.
        #expect(claim.balance.before == .init(supports: 1, disputes: 1, mentions: 2))
        #expect(claim.balance.after == .init(supports: 3, disputes: 1, mentions: 3))
        #expect(claim.balance.isSignificant)
    }

    @Test func aClaimFirstLinkedInThePeriodIsNew() throws {
        let claim = try #require(report.claims.first { $0.id == "russia-callup" })
        #expect(claim.isNew)
        #expect(claim.firstSeen?.itemID == "meduza-2")
        #expect(claim.bestEvidence?.itemID == "meduza-2")
        #expect(claim.newSources == ["Медуза"])
    }

    @Test func activityCoversFourteenDaysEndingWithThePeriod() throws {
        let claim = try #require(report.claims.first { $0.id == "trump-donbas" })
        #expect(claim.activity.count == 14)
        #expect(claim.activity.last?.day.rfc3339 == "2026-11-25T00:00:00Z")
        #expect(claim.activity.first?.day.rfc3339 == "2026-11-12T00:00:00Z")
        let total = claim.activity.reduce(0) { $0 + $1.tally.total }
        #expect(total == 7)  // every link up to the period's end; kyiv-1 (200 h before) is within 14 days
        // kyiv-4 and urdu-1 (2026-11-24 11:00 and 13:00) support it on 2026-11-24.
        #expect(claim.activity[12].tally == .init(supports: 2, disputes: 1, mentions: 1))
    }

    @Test func notableItemsAreGroupedByFeedCappedAndExcludeEvidence() {
        let shown = Set(report.claims.flatMap { [$0.bestEvidence?.itemID, $0.firstSeen?.itemID] }.compactMap { $0 })
        let listed = report.notableGroups.flatMap(\.items)
        #expect(listed.allSatisfy { !shown.contains($0.itemID) })
        #expect(report.notableGroups.allSatisfy { $0.items.count <= 3 })
        let kyiv = report.notableGroups.first { $0.feedTitle == "Kyiv Independent" }
        // kyiv-5/6/7 are new and unlinked (kyiv-5's link names an unknown claim): most recent first.
        #expect(kyiv?.items.map(\.itemID) == ["kyiv-7", "kyiv-6", "kyiv-5"])
        #expect(kyiv?.omitted == 0)
        let listedCount = listed.count
        let evidenceInPeriod = shown.count
        #expect(listedCount + report.notableOmitted + evidenceInPeriod == report.counts.newItems)
    }

    @Test func feedHealthListsFailingAndRetiredFeeds() {
        #expect(report.feedHealth.failing.map(\.title) == ["Reuters World"])
        #expect(report.feedHealth.failing.first?.failures == 3)
        #expect(report.feedHealth.retired.map(\.title) == ["Old Blog"])
    }

    @Test func anEmptyStoreGivesAnEmptyReport() {
        let empty = DigestReportBuilder().build(
            DigestInput(items: [], links: [], claims: [], feeds: []), period: DigestFixture.period,
            generatedAt: DigestFixture.periodEnd)
        #expect(empty.isEmpty)
        #expect(empty.counts == .init(newItems: 0, claimsTouched: 0, newSources: 0))
    }

    @Test func notableCapsLimitFeedsAndTotal() {
        let perFeed = DigestReportBuilder(notablePerFeed: 2, notableFeeds: 10, notableTotal: 25)
            .build(DigestFixture.input, period: DigestFixture.period, generatedAt: DigestFixture.periodEnd)
        let kyiv = perFeed.notableGroups.first { $0.feedTitle == "Kyiv Independent" }
        #expect(kyiv?.items.map(\.itemID) == ["kyiv-7", "kyiv-6"])
        #expect(kyiv?.omitted == 1)
        let report = DigestReportBuilder(notablePerFeed: 5, notableFeeds: 10, notableTotal: 2)
            .build(DigestFixture.input, period: DigestFixture.period, generatedAt: DigestFixture.periodEnd)
        #expect(report.notableGroups.flatMap(\.items).count == 2)
        let oneFeed = DigestReportBuilder(notablePerFeed: 5, notableFeeds: 1, notableTotal: 25)
            .build(DigestFixture.input, period: DigestFixture.period, generatedAt: DigestFixture.periodEnd)
        #expect(oneFeed.notableGroups.count == 1)
    }

    @Test func linkItemsGivenByTheCallerGiveTheSameReport() {
        var input = DigestFixture.input
        var first: [String: Int] = [:]
        for (index, item) in input.items.enumerated() where first[item.id] == nil { first[item.id] = index }
        input.linkItems = input.links.map { first[$0.itemID] ?? -1 }
        let given = DigestReportBuilder().build(
            input, period: DigestFixture.period, generatedAt: DigestFixture.periodEnd)
        #expect(given == report)
        // Not one per link, or out of range: ignored, or counted as unknown items; never a crash.
        input.linkItems = [0]
        #expect(
            DigestReportBuilder().build(input, period: DigestFixture.period, generatedAt: DigestFixture.periodEnd)
                == report)
        input.linkItems = input.links.map { _ in input.items.count + 7 }
        let unknown = DigestReportBuilder().build(
            input, period: DigestFixture.period, generatedAt: DigestFixture.periodEnd)
        #expect(unknown.claims.isEmpty)
    }
}
