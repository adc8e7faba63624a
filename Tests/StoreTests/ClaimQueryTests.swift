import FeedModel
import Foundation
import Store
import Testing

/// The reads the claim commands and the digest use: links for a set of claims in one pass (through the fast link
/// record parser) and item headers from the index alone.
@Suite struct ClaimQueryTests {
    @Test("links(forClaims:) returns exactly the current links of those claims, as written")
    func linksForClaims() throws {
        let path = try StoreFixtures.storePath()
        defer { try? FileManager.default.removeItem(atPath: path) }
        let writer = try StoreWriter.open(at: path, command: "test")
        let items = (0..<4).map { StoreFixtures.item("g\($0)") }
        let result = try writer.upsert(StoreFixtures.feed(items), feedURL: "https://news.example/feed")
        let ids = result.entries.map(\.id)
        func link(_ item: Int, _ claim: String, _ stance: Stance, _ confidence: Double) -> ClaimLink {
            ClaimLink(
                itemID: ids[item], claimID: claim, stance: stance, confidence: confidence,
                terms: ["\"phrase\"", "prefix*", "Донбас"], field: .summary,
                snippet: "A \"quoted\" snippet\\with escapes\u{1} and Кириллица … ✓")
        }
        try writer.setLinks([link(0, "a", .supports, 0.1 + 0.2), link(0, "b", .disputes, 1)], forItem: ids[0])
        try writer.setLinks([link(1, "a", .mentions, 0.45)], forItem: ids[1])
        try writer.setLinks([link(2, "c", .supports, 0.7)], forItem: ids[2])
        try writer.commit()
        // Unlink item 1 from "a" in a later commit: it must not come back.
        try writer.setLinks([], forItem: ids[1], claims: ["a"])
        try writer.finish()

        let snapshot = try StoreSnapshot.open(at: path)
        let found = try snapshot.links(forClaims: ["a", "b"])
        #expect(Set(found) == [link(0, "a", .supports, 0.1 + 0.2), link(0, "b", .disputes, 1)])
        #expect(try snapshot.links(forClaims: ["c"]) == snapshot.links(forClaim: "c"))
        #expect(try snapshot.links(forClaims: []).isEmpty)
        #expect(try snapshot.links(forClaims: ["nope"]).isEmpty)
    }

    @Test("itemHeaders(ids:) gives id, feed, first seen and published from the index, skipping unknown ids")
    func itemHeaders() throws {
        let path = try StoreFixtures.storePath()
        defer { try? FileManager.default.removeItem(atPath: path) }
        let writer = try StoreWriter.open(at: path, command: "test")
        let seen = StoreFixtures.epoch.addingTimeInterval(3 * StoreFixtures.day)
        let items = [StoreFixtures.item("dated"), StoreFixtures.item("undated", published: nil)]
        let result = try writer.upsert(StoreFixtures.feed(items), feedURL: "https://news.example/feed", at: seen)
        try writer.finish()
        let ids = result.entries.map(\.id)

        let snapshot = try StoreSnapshot.open(at: path)
        let headers = snapshot.itemHeaders(ids: ids + ["not-an-id", String(repeating: "0", count: 16) + "-" + "1"])
        let full = try snapshot.items(ids: ids)
        #expect(headers.map(\.id) == full.map(\.id))
        for (header, stored) in zip(headers, full) {
            #expect(header.feedKey == stored.feedKey)
            #expect(header.firstSeen == stored.firstSeen)
            #expect(header.published == stored.item.published)
        }
        #expect(headers.first { $0.id == ids[1] }?.published == nil)
        #expect(headers.first { $0.id == ids[0] }?.published == StoreFixtures.epoch)
    }
}
