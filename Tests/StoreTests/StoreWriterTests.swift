import FeedModel
import Foundation
import Store
import Testing

@Suite struct StoreWriterTests {
    typealias F = StoreFixtures

    @Test func addsItemsOnceAndUpdatesChangedItemsInPlace() throws {
        let path = try F.storePath()
        let url = "https://a.example/feed.xml"
        let first = F.item("g1", title: "First title")
        do {
            let writer = try StoreWriter.open(at: path, command: "test")
            let result = try writer.upsert(F.feed([first, F.item("g2")]), feedURL: url, at: F.epoch)
            #expect(result.added == 2)
            try writer.commit()
        }
        let writer = try StoreWriter.open(at: path, command: "test")
        let again = try writer.upsert(F.feed([first, F.item("g2")]), feedURL: url, at: F.epoch + F.day)
        #expect(again.unchanged == 2 && again.added == 0)
        #expect(try writer.commit() == 0)

        var changed = first
        changed.title = "Corrected title"
        let update = try writer.upsert(F.feed([changed, F.item("g2")]), feedURL: url, at: F.epoch + 2 * F.day)
        #expect(update.changed == 1 && update.unchanged == 1)
        #expect(update.entries[0].id == again.entries[0].id)
        try writer.commit()

        let snapshot = try StoreSnapshot.open(at: path)
        #expect(snapshot.itemCount == 2)
        let stored = try #require(try snapshot.item(id: update.entries[0].id))
        #expect(stored.item.title == "Corrected title")
        #expect(stored.firstSeen == F.epoch)
        #expect(stored.lastChanged == F.epoch + 2 * F.day)
        #expect(try snapshot.items(inFeed: FeedState.key(forURL: url)).count == 2)
        #expect(try snapshot.items(changedSince: F.epoch + F.day).map(\.id) == [stored.id])
    }

    @Test func uncommittedChangesAreInvisibleAndFeedStateCommitsWithItems() throws {
        let path = try F.storePath()
        let url = "https://b.example/feed.xml"
        let writer = try StoreWriter.open(at: path, command: "test")
        _ = try writer.upsert(F.feed([F.item("x1")]), feedURL: url)
        try writer.setFeedState(FeedState(url: url, etag: "\"v1\""))
        try writer.setMark("digest.lastSent", to: "2025-11-24T10:00:00Z")
        let before = try StoreSnapshot.open(at: path)
        #expect(before.itemCount == 0)
        #expect(before.feedState(forKey: FeedState.key(forURL: url)) == nil)
        try writer.commit()
        let after = try StoreSnapshot.open(at: path)
        #expect(after.itemCount == 1)
        #expect(after.feedState(forKey: FeedState.key(forURL: url))?.etag == "\"v1\"")
        #expect(after.mark("digest.lastSent") == "2025-11-24T10:00:00Z")
    }

    @Test func secondWriterFailsAtOnceWithLockedError() throws {
        let path = try F.storePath()
        let writer = try StoreWriter.open(at: path, command: "first")
        #expect(throws: StoreError.self) { try StoreWriter.open(at: path, command: "second") }
        do {
            _ = try StoreWriter.open(at: path, command: "second")
        } catch {
            #expect(error.isLocked)
            #expect(error.description.contains("aggregator first"))
            #expect(error.description.contains("--wait"))
        }
        withExtendedLifetime(writer) {}
    }

    @Test func identityFallsBackWhenGUIDsAreMissingOrRepeated() throws {
        let path = try F.storePath()
        let writer = try StoreWriter.open(at: path, command: "test")
        // Every item carries the same GUID: the link tells them apart.
        let repeated = (0..<10).map { F.item("same-guid", title: "T\($0)", link: "https://r.example/\($0)") }
        let byLink = try writer.upsert(F.feed(repeated), feedURL: "https://r.example/feed")
        #expect(byLink.identity == .link)
        #expect(byLink.added == 10)
        // Synthesised ids and repeated links: link + published date.
        let dated = (0..<10).map {
            F.item(
                "urn:aggregator:text:\($0)", title: "D\($0)", link: "https://d.example/",
                published: F.epoch + Double($0))
        }
        let byDate = try writer.upsert(F.feed(dated), feedURL: "https://d.example/feed")
        #expect(byDate.identity == .linkPublished)
        #expect(byDate.added == 10)
        // Nothing usable but titles.
        let titled = (0..<10).map {
            F.item("urn:aggregator:text:\($0)", title: "Only title \($0)", link: "https://t.example/", published: nil)
        }
        let byTitle = try writer.upsert(F.feed(titled), feedURL: "https://t.example/feed")
        #expect(byTitle.identity == .title)
        #expect(byTitle.added == 10)
        // One missing GUID in 40 (2.5%) is tolerated: GUIDs stay the rule.
        var mostly = (0..<40).map { F.item("g\($0)") }
        mostly[3].id = "urn:aggregator:link:abc"
        #expect(try writer.upsert(F.feed(mostly), feedURL: "https://m.example/feed").identity == .guid)
        try writer.commit()

        // The rule is sticky, and the same documents add nothing the second time.
        let again = try writer.upsert(F.feed(repeated), feedURL: "https://r.example/feed")
        #expect(again.identity == .link && again.unchanged == 10)
        #expect(try writer.upsert(F.feed(dated), feedURL: "https://d.example/feed").unchanged == 10)
        #expect(try writer.upsert(F.feed(titled), feedURL: "https://t.example/feed").unchanged == 10)
        #expect(try StoreSnapshot.open(at: path).itemCount == 70)
    }

    @Test func linksAreReplacedPerItemAndPerClaim() throws {
        let path = try F.storePath()
        let writer = try StoreWriter.open(at: path, command: "test")
        let result = try writer.upsert(F.feed([F.item("l1"), F.item("l2")]), feedURL: "https://l.example/feed")
        let (a, b) = (result.entries[0].id, result.entries[1].id)
        func link(_ item: String, _ claim: String, _ stance: Stance) -> ClaimLink {
            ClaimLink(
                itemID: item, claimID: claim, stance: stance, confidence: 0.8, terms: ["ceasefire"], field: .title,
                snippet: "A ceasefire was agreed.")
        }
        try writer.setLinks([link(a, "ceasefire", .supports), link(a, "sanctions", .mentions)], forItem: a)
        try writer.setLinks([link(b, "ceasefire", .disputes)], forItem: b)
        try writer.commit()
        var snapshot = try StoreSnapshot.open(at: path)
        #expect(try snapshot.links(forClaim: "ceasefire").count == 2)
        #expect(try snapshot.links(forItem: a).map(\.claimID).sorted() == ["ceasefire", "sanctions"])

        // Retag item a for "ceasefire" only: its sanctions link stays, its ceasefire stance changes.
        try writer.setLinks([link(a, "ceasefire", .mentions)], forItem: a, claims: ["ceasefire"])
        // Retag item b completely: no claim left.
        try writer.setLinks([], forItem: b)
        try writer.commit()
        snapshot = try StoreSnapshot.open(at: path)
        #expect(try snapshot.links(forClaim: "ceasefire").map(\.stance) == [.mentions])
        #expect(try snapshot.links(forItem: a).count == 2)
        #expect(try snapshot.links(forItem: b).isEmpty)
        #expect(snapshot.linkedItemIDs() == [a])

        // Setting the same links again writes nothing.
        try writer.setLinks([link(a, "ceasefire", .mentions)], forItem: a, claims: ["ceasefire"])
        #expect(try writer.commit() == 0)
    }

    @Test func clustersGroupSyndicatedCopiesAcrossFeeds() throws {
        let path = try F.storePath()
        let writer = try StoreWriter.open(at: path, command: "test")
        let text = (0..<30).map { "word\($0)" }.joined(separator: " ")
        _ = try writer.upsert(
            F.feed([
                F.item(
                    "a1", title: "Envoys agree on a ceasefire framework in Istanbul",
                    link: "https://x.example/s?utm_source=rss"),
                F.item("a2", title: "Agency copy", link: "https://a.example/agency", summary: text),
                F.item("a3", title: "Kyiv and Moscow exchange prisoners after talks", link: "https://a.example/p"),
            ]), feedURL: "https://a.example/feed")
        _ = try writer.upsert(
            F.feed([
                F.item("b1", title: "Other headline", link: "https://www.x.example/s/"),
                F.item("b2", title: "Same wire story", link: "https://b.example/wire", summary: text),
                F.item(
                    "b3", title: "Kyiv and Moscow exchange prisoners after talks - Example News",
                    link: "https://b.example/p", published: F.epoch + F.day),
                F.item(
                    "b4", title: "Kyiv and Moscow exchange prisoners after talks", link: "https://b.example/q",
                    published: F.epoch + 5 * F.day),
            ]), feedURL: "https://b.example/feed")
        try writer.commit()
        let snapshot = try StoreSnapshot.open(at: path)
        let items = try snapshot.items(firstSeenSince: .distantPast)
        let clusters = snapshot.clusters(of: items)
        #expect(clusters.count == 4)
        let sizes = clusters.map(\.itemIDs.count).sorted()
        #expect(sizes == [1, 2, 2, 2])
        #expect(clusters.filter { $0.itemIDs.count == 2 }.allSatisfy { $0.sourceCount == 2 })
    }

    @Test func pruneDropsOldItemsButKeepsLinkedOnes() throws {
        let path = try F.storePath()
        let writer = try StoreWriter.open(at: path, command: "test")
        let now = Date()
        let old = now - 400 * F.day
        let result = try writer.upsert(
            F.feed([F.item("old1", published: old), F.item("old2", published: old), F.item("new1", published: now)]),
            feedURL: "https://p.example/feed")
        let linked = result.entries[0].id
        try writer.setLinks(
            [
                ClaimLink(
                    itemID: linked, claimID: "c", stance: .supports, confidence: 1, terms: [], field: .title,
                    snippet: "")
            ],
            forItem: linked)
        try writer.commit()
        let pruned = try writer.prune(olderThan: now - 180 * F.day)
        #expect(pruned.itemsDropped == 1 && pruned.itemsKeptLinked == 1)
        #expect(try StoreSnapshot.open(at: path).itemCount == 2)
        let all = try writer.prune(olderThan: now - 180 * F.day, keepLinked: false)
        #expect(all.itemsDropped == 1)
        let snapshot = try StoreSnapshot.open(at: path)
        #expect(snapshot.itemCount == 1)
        #expect(try snapshot.links(forClaim: "c").isEmpty)
        let report = try StoreVerifier.verify(at: path, repair: false)
        #expect(report.findings.isEmpty)
    }
}
