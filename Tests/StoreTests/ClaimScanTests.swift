import FeedModel
import Foundation
import Testing

@testable import Store

/// `claimScan` (the digest's reads: index only in format 3) against the reads it replaces, on a store with
/// the cases that matter: later versions of linked items, unlinks, undated items, claims not asked for, and
/// indexes left in format 2 by an older version.
@Suite struct ClaimScanTests {
    static let since = StoreFixtures.epoch.addingTimeInterval(2 * StoreFixtures.day)

    /// Two commits: old items with links, then new items, an unlink and a new version of a linked old item.
    static func makeStore() throws -> String {
        let path = try StoreFixtures.storePath()
        let writer = try StoreWriter.open(at: path, command: "test")
        let old = [
            StoreFixtures.item("g0"), StoreFixtures.item("g1"), StoreFixtures.item("g2", published: nil),
            StoreFixtures.item("g3"), StoreFixtures.item("g4"),
        ]
        let first = try writer.upsert(
            StoreFixtures.feed(old), feedURL: "https://news.example/feed", at: StoreFixtures.epoch)
        let ids = first.entries.map(\.id)
        func link(_ id: String, _ claim: String, _ stance: Stance, _ confidence: Double) -> ClaimLink {
            ClaimLink(
                itemID: id, claimID: claim, stance: stance, confidence: confidence, terms: ["x"], field: .title,
                snippet: "snippet of \(claim) in \(id)")
        }
        try writer.setLinks(
            [link(ids[0], "a", .supports, 0.1 + 0.2), link(ids[0], "b", .disputes, 1)], forItem: ids[0])
        try writer.setLinks([link(ids[1], "a", .mentions, 0.45)], forItem: ids[1])
        try writer.setLinks([link(ids[2], "a", .disputes, 0.7)], forItem: ids[2])
        try writer.setLinks([link(ids[3], "c", .supports, 0.9)], forItem: ids[3])
        try writer.commit(at: StoreFixtures.epoch)

        let later = since.addingTimeInterval(3600)
        let fresh = [StoreFixtures.item("n0"), StoreFixtures.item("n1", published: nil), StoreFixtures.item("n2")]
        let second = try writer.upsert(
            StoreFixtures.feed(fresh), feedURL: "https://other.example/feed", at: later)
        let newIDs = second.entries.map(\.id)
        try writer.setLinks([link(newIDs[0], "a", .supports, 0.8)], forItem: newIDs[0])
        try writer.setLinks([link(newIDs[1], "b", .mentions, 0.2)], forItem: newIDs[1])
        // A later version of a linked old item (its link comes before it), and an unlink.
        let changed = StoreFixtures.item("g1", title: "Story g1, corrected", published: StoreFixtures.epoch + 60)
        _ = try writer.upsert(StoreFixtures.feed([changed]), feedURL: "https://news.example/feed", at: later)
        try writer.setLinks([], forItem: ids[2], claims: ["a"])
        try writer.finish()
        return path
    }

    /// What the digest read before `claimScan`: every body.
    static func expectScanMatchesFullReads(_ snapshot: StoreSnapshot, claims: Set<String>) throws {
        let scan = try snapshot.claimScan(claims: claims, firstSeenSince: since)
        let newItems = try snapshot.items(firstSeenSince: since)
        let links = try snapshot.links(forClaims: claims)
        #expect(scan.newItems.map(\.id) == newItems.map(\.id))
        for (header, stored) in zip(scan.newItems, newItems) {
            #expect(header.feedKey == stored.feedKey)
            #expect(header.firstSeen == stored.firstSeen)
            #expect(header.published == stored.item.published)
        }
        #expect(scan.links.map(\.itemID) == links.map(\.itemID))
        #expect(scan.links.map(\.claimID) == links.map(\.claimID))
        #expect(scan.links.map(\.stance) == links.map(\.stance))
        #expect(scan.links.map(\.confidence) == links.map(\.confidence))
        var known = Set(newItems.map(\.id))
        let linked = links.map(\.itemID).filter { known.insert($0).inserted }
        #expect(scan.linkedItems == snapshot.itemHeaders(ids: linked))
        let all = scan.newItems + scan.linkedItems
        #expect(scan.linkItems.count == scan.links.count)
        for (link, index) in zip(scan.links, scan.linkItems) {
            #expect(all.indices.contains(index) && all[index].id == link.itemID)
        }
        // The bodies behind the headers.
        #expect(try snapshot.links(scan.links) == links)
        #expect(try snapshot.items(scan.newItems).map(\.item) == newItems.map(\.item))
    }

    @Test("claimScan finds the same new items, links and linked items as the reads of every body")
    func matchesFullReads() throws {
        let path = try Self.makeStore()
        defer { try? FileManager.default.removeItem(atPath: path) }
        let snapshot = try StoreSnapshot.open(at: path)
        try Self.expectScanMatchesFullReads(snapshot, claims: ["a", "b"])
        try Self.expectScanMatchesFullReads(snapshot, claims: ["a", "b", "c", "unknown"])
        let scan = try snapshot.claimScan(claims: ["a", "b"], firstSeenSince: Self.since)
        #expect(scan.newItems.count == 3)
        #expect(scan.links.count == 5)
        // The corrected g1 is the version returned, with its new publication date.
        #expect(scan.linkedItems.map(\.published).contains(StoreFixtures.epoch + 60))
        #expect(try snapshot.claimScan(claims: [], firstSeenSince: Self.since).links.isEmpty)
    }

    @Test("indexes in format 2 are still read (links from their records); verify notes them; repair rewrites them")
    func formatTwoIndexes() throws {
        let path = try Self.makeStore()
        defer { try? FileManager.default.removeItem(atPath: path) }
        let layout = StoreLayout(root: path)
        let manifest = try StoreManifest.load(layout)
        for segment in manifest.segments {
            let entries = try StoreIndex.rebuild(layout, segment)
            let bytes = IndexFile.encode(
                sequence: segment.sequence, segmentBytes: segment.bytes, entries: entries, version: 2)
            try Data(bytes).write(
                to: URL(fileURLWithPath: layout.absolute(StoreLayout.indexPath(forSegment: segment.path))))
        }
        let snapshot = try StoreSnapshot.open(at: path)
        #expect(snapshot.index.segments.allSatisfy { !$0.entries.hasLinkFacts })
        try Self.expectScanMatchesFullReads(snapshot, claims: ["a", "b"])

        let report = try StoreVerifier.verify(at: path, repair: false)
        #expect(!report.findings.isEmpty)
        #expect(report.findings.allSatisfy { $0.severity == .notice && $0.problem.contains("index format 2") })
        let repaired = try StoreVerifier.verify(at: path, repair: true)
        #expect(repaired.findings.allSatisfy { $0.action == "rewritten in the current format" })
        #expect(try StoreVerifier.verify(at: path, repair: false).findings.isEmpty)
        let upgraded = try StoreSnapshot.open(at: path)
        #expect(upgraded.index.segments.allSatisfy { $0.entries.hasLinkFacts })
        try Self.expectScanMatchesFullReads(upgraded, claims: ["a", "b"])
    }
}
