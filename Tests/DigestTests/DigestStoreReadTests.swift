import Digest
import FeedModel
import Foundation
import Store
import TestSupport
import Testing

/// `aggregator digest` counts from the index and reads only the bodies it shows: its output must be what a
/// report built from every item and link body gives, also for items whose time comes from the body alone.
@Suite struct DigestStoreReadTests {
    @Test("the digest read from the index and the shown bodies equals the digest built from every body")
    func sameDigestAsFromEveryBody() throws {
        let store = try CommandRunner.temporaryDirectory("digest-headers")
        defer { try? FileManager.default.removeItem(at: store) }
        let claimsFile = try DigestFixture.makeStore(at: store)
        // Items whose time only the body tells (an `updated` date, no date), strongly linked so that they are
        // shown, and a linked old item that gets a new version afterwards.
        let writer = try StoreWriter.open(at: store.path, command: "test")
        let feed = DigestFixture.feeds[1]
        let extras = [
            FeedItem(
                id: "updated-only", title: "Only an updated date", link: "https://meduza.io/updated",
                updated: DigestFixture.hoursBeforeEnd(30)),
            FeedItem(id: "undated", title: "No date at all", link: "https://meduza.io/undated"),
        ]
        let result = try writer.upsert(
            ParsedFeed(format: .rss20, title: feed.title, items: extras), feedURL: feed.state.url,
            at: DigestFixture.hoursBeforeEnd(3))
        for (number, entry) in result.entries.enumerated() {
            let link = ClaimLink(
                itemID: entry.id, claimID: DigestFixture.claims[number].id, stance: .supports, confidence: 0.99,
                terms: ["x"], field: .title, snippet: "Extra snippet \(number)")
            try writer.setLinks([link], forItem: entry.id)
        }
        let snapshot = writer.snapshot()
        let linked = try snapshot.links(forClaims: Set(DigestFixture.claims.map(\.id))).map(\.itemID)
        let old = try #require(try snapshot.items(ids: linked).first { $0.firstSeen < DigestFixture.period.start })
        var changed = old.item
        changed.title = (changed.title ?? "") + " (corrected)"
        changed.published = DigestFixture.hoursBeforeEnd(24 * 5)
        let info = try #require(snapshot.feeds[old.feedKey]?.info)
        _ = try writer.upsert(
            ParsedFeed(format: .rss20, title: info.title, items: [changed]), feedURL: info.url,
            at: DigestFixture.hoursBeforeEnd(1))
        try writer.finish()

        let expected = try Self.reportFromEveryBody(store: store.path)
        #expect(expected.claims.contains { $0.bestEvidence?.title == "Only an updated date" })
        for (format, text) in [
            ("text", TextDigestRenderer().render(expected)), ("html", HTMLDigestRenderer().render(expected)),
        ] {
            let result = try CommandRunner.aggregator([
                "digest", "--store", store.path, "--claims", claimsFile, "--now", "2026-11-25T07:00:00Z",
                "--since", "24h", "--format", format,
            ])
            #expect(result.status == 0)
            #expect(result.standardError == "")
            #expect(result.standardOutput == text)
        }
    }

    /// What `aggregator digest` read before it used `claimScan`: every new item's and every link's body.
    static func reportFromEveryBody(store: String) throws -> DigestReport {
        let snapshot = try StoreSnapshot.open(at: store)
        let period = DigestFixture.period
        let newItems = try snapshot.items(firstSeenSince: period.start)
        let links = try snapshot.links(forClaims: Set(DigestFixture.claims.map(\.id)))
        var known = Set(newItems.map(\.id))
        let headers = snapshot.itemHeaders(ids: links.map(\.itemID).filter { known.insert($0).inserted })
        var items = newItems.map {
            DigestInput.Item(id: $0.id, feedKey: $0.feedKey, item: $0.item, firstSeen: $0.firstSeen)
        }
        for header in headers {
            items.append(
                DigestInput.Item(
                    id: header.id, feedKey: header.feedKey, item: FeedItem(id: header.id, published: header.published),
                    firstSeen: header.firstSeen))
        }
        let feeds = snapshot.feeds.sorted { $0.key < $1.key }.map { key, record in
            DigestInput.Feed(
                key: key, title: record.info?.title,
                state: record.state ?? FeedState(url: record.info?.url ?? key), siteLink: record.info?.siteLink)
        }
        return DigestReportBuilder().build(
            DigestInput(items: items, links: links, claims: DigestFixture.claims, feeds: feeds), period: period,
            generatedAt: DigestFixture.periodEnd)
    }
}
