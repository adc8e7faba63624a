import Digest
import FeedModel
import Foundation
import Store

/// Times the store half of a digest: the same reads as `aggregator digest` (DigestStoreSource), then the build.
enum StoreBench {
    static func run(_ arguments: [String]) throws {
        let root = arguments.first ?? "/tmp/digest-bench-store"
        let count = Int(arguments.dropFirst().first(where: { !$0.hasPrefix("--") }) ?? "1000000") ?? 1_000_000
        let end = Date(timeIntervalSince1970: 1_795_590_000)
        let claims = (0..<100).map { Claim(id: "claim-\($0)", title: "Claim \($0)", query: "q") }
        if !FileManager.default.fileExists(atPath: root + "/manifest.json") {
            let clock = ContinuousClock()
            let elapsed = try clock.measure { try write(root: root, count: count, end: end) }
            print("wrote \(count) items in \(elapsed)")
        }
        let clock = ContinuousClock()
        let period = DateInterval(start: end.addingTimeInterval(-86_400), end: end)
        // The reads `aggregator digest` did before links(forClaims:) and itemHeaders(ids:), for the ratio.
        if arguments.contains("--old") {
            let start = clock.now
            let snapshot = try StoreSnapshot.open(at: root)
            let newItems = try snapshot.items(firstSeenSince: period.start)
            var links: [ClaimLink] = []
            for claim in claims { links += try snapshot.links(forClaim: claim.id) }
            var known = Set(newItems.map(\.id))
            let linked = try snapshot.items(ids: links.map(\.itemID).filter { known.insert($0).inserted })
            print(
                "old reads: \(start.duration(to: clock.now)) (\(newItems.count) new, \(links.count) links, \(linked.count) linked)"
            )
        }
        for run in 0..<3 {
            var phases: [String] = []
            var last = clock.now
            func lap(_ name: String) {
                phases.append("\(name) \(last.duration(to: clock.now))")
                last = clock.now
            }
            let start = clock.now
            let snapshot = try StoreSnapshot.open(at: root)
            lap("open")
            // The same reads as DigestStoreSource.loadInput.
            let newItems = try snapshot.items(firstSeenSince: period.start)
            lap("new items (\(newItems.count))")
            let links = try snapshot.links(forClaims: Set(claims.map(\.id)))
            lap("links (\(links.count))")
            var known = Set(newItems.map(\.id))
            let wanted = links.map(\.itemID).filter { known.insert($0).inserted }
            let headers = snapshot.itemHeaders(ids: wanted)
            lap("linked headers (\(headers.count))")
            var items = newItems.map {
                DigestInput.Item(id: $0.id, feedKey: $0.feedKey, item: $0.item, firstSeen: $0.firstSeen)
            }
            for header in headers {
                items.append(
                    DigestInput.Item(
                        id: header.id, feedKey: header.feedKey,
                        item: FeedItem(id: header.id, published: header.published), firstSeen: header.firstSeen))
            }
            let feeds = snapshot.feeds.map { key, record in
                DigestInput.Feed(key: key, title: record.info?.title, state: record.state ?? FeedState(url: key))
            }
            let report = DigestReportBuilder().build(
                DigestInput(items: items, links: links, claims: claims, feeds: feeds), period: period,
                generatedAt: end)
            lap("build")
            _ = TextDigestRenderer().render(report)
            _ = HTMLDigestRenderer().render(report)
            lap("render")
            print("run \(run): total \(start.duration(to: clock.now)); " + phases.joined(separator: ", "))
        }
    }

    /// 1000 feeds, items spread over 30 days (one upsert per feed and day), one link per 10 items.
    static func write(root: String, count: Int, end: Date) throws {
        let writer = try StoreWriter.open(at: root, command: "bench")
        let perFeedDay = max(1, count / 30_000)
        var number = 0
        for day in (0..<30).reversed() {
            for feed in 0..<1000 where number < count {
                let url = "https://feed\(feed).example.org/rss"
                let seen = end.addingTimeInterval(-Double(day) * 86_400 - Double(feed))
                var parsed = ParsedFeed(format: .rss20, title: "Feed \(feed)")
                for _ in 0..<perFeedDay where number < count {
                    parsed.items.append(
                        FeedItem(
                            id: "guid-\(number)", title: "Item \(number) title", link: "https://x.example/\(number)",
                            published: seen, summary: "Summary of item \(number) with some words in it."))
                    number += 1
                }
                let result = try writer.upsert(parsed, feedURL: url, at: seen)
                for (offset, entry) in result.entries.enumerated() where (number + offset) % 10 == 0 {
                    let link = ClaimLink(
                        itemID: entry.id, claimID: "claim-\((number + offset) / 10 % 100)",
                        stance: [.supports, .disputes, .mentions][offset % 3], confidence: 0.5, terms: ["x"],
                        field: .title, snippet: "snippet")
                    try writer.setLinks([link], forItem: entry.id)
                }
            }
            try writer.commit(at: end.addingTimeInterval(-Double(day) * 86_400))
        }
        try writer.finish()
    }
}
