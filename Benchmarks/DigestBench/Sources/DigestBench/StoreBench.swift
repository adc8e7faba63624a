import Digest
import FeedModel
import Foundation
import Store

/// Times a digest from a store: `DigestStoreReader` (the code `aggregator digest` runs), then the renderers.
enum StoreBench {
    static func run(_ arguments: [String]) throws {
        let root = arguments.first ?? "/tmp/digest-bench-store"
        let count = Int(arguments.dropFirst().first(where: { !$0.hasPrefix("--") }) ?? "1000000") ?? 1_000_000
        let end = Date(timeIntervalSince1970: 1_795_590_000)
        let claims = (0..<100).map { Claim(id: "claim-\($0)", title: "Claim \($0)", query: "q") }
        let clock = ContinuousClock()
        if !FileManager.default.fileExists(atPath: root + "/manifest.json") {
            let elapsed = try clock.measure { try write(root: root, count: count, end: end) }
            print("wrote \(count) items in \(elapsed)")
        }
        let period = DateInterval(start: end.addingTimeInterval(-86_400), end: end)
        func newDigest() throws -> DigestReport {
            try DigestStoreReader(snapshot: StoreSnapshot.open(at: root)).report(
                claims: claims, period: period, generatedAt: end)
        }
        // A store written before index format 3: the digest reads its link records; verify --repair upgrades it.
        let indexFolder = root + "/index"
        if let first = try FileManager.default.contentsOfDirectory(atPath: indexFolder).sorted().first,
            let handle = FileHandle(forReadingAtPath: indexFolder + "/" + first),
            String(decoding: handle.readData(ofLength: 8), as: UTF8.self) == "AGIDX002"
        {
            print("index format 2: digest \(try clock.measure { _ = try newDigest() })")
            var findings = 0
            let repair = try clock.measure {
                findings = try StoreVerifier.verify(at: root, repair: true).findings.count
            }
            print("verify --repair (rewrites the indexes in format 3): \(repair), \(findings) findings")
        }
        // The reads `aggregator digest` did before ClaimScan (every new item's body, every link's body), for the
        // ratio and to check that both give the same digest.
        if arguments.contains("--old") {
            let start = clock.now
            let oldCPU = Glibc.clock()
            let snapshot = try StoreSnapshot.open(at: root)
            let newItems = try snapshot.items(firstSeenSince: period.start)
            let links = try snapshot.links(forClaims: Set(claims.map(\.id)))
            var known = Set(newItems.map(\.id))
            let headers = snapshot.itemHeaders(ids: links.map(\.itemID).filter { known.insert($0).inserted })
            var items = newItems.map {
                DigestInput.Item(id: $0.id, feedKey: $0.feedKey, item: $0.item, firstSeen: $0.firstSeen)
            }
            for header in headers {
                items.append(
                    DigestInput.Item(
                        id: header.id, feedKey: header.feedKey,
                        item: FeedItem(id: header.id, published: header.published), firstSeen: header.firstSeen))
            }
            let feeds = snapshot.feeds.sorted { $0.key < $1.key }.map { key, record in
                DigestInput.Feed(
                    key: key, title: record.info?.title,
                    state: record.state ?? FeedState(url: record.info?.url ?? key), siteLink: record.info?.siteLink)
            }
            let old = DigestReportBuilder().build(
                DigestInput(items: items, links: links, claims: claims, feeds: feeds), period: period,
                generatedAt: end)
            let oldText = TextDigestRenderer().render(old) + HTMLDigestRenderer().render(old)
            print(
                "old digest: \(start.duration(to: clock.now)) (CPU \(Double(Glibc.clock() - oldCPU) / Double(CLOCKS_PER_SEC)) s; \(newItems.count) new, \(links.count) links, "
                    + "\(headers.count) linked headers)")
            let newStart = clock.now
            let newCPU = Glibc.clock()
            let new = try newDigest()
            let newText = TextDigestRenderer().render(new) + HTMLDigestRenderer().render(new)
            print(
                "new digest: \(newStart.duration(to: clock.now)) (CPU \(Double(Glibc.clock() - newCPU) / Double(CLOCKS_PER_SEC)) s); same report: \(new == old), "
                    + "same text and HTML: \(newText == oldText)")
        }
        for run in 0..<3 {
            var cpu = Glibc.clock()
            let start = clock.now
            let snapshot = try StoreSnapshot.open(at: root)
            let opened = clock.now
            cpu -= Glibc.clock()
            let scan = try snapshot.claimScan(claims: Set(claims.map(\.id)), firstSeenSince: period.start)
            cpu += Glibc.clock()
            let scanned = clock.now
            let report = try DigestStoreReader(snapshot: snapshot).report(
                claims: claims, period: period, generatedAt: end)
            let built = clock.now
            _ = TextDigestRenderer().render(report)
            _ = HTMLDigestRenderer().render(report)
            let rendered = clock.now
            cpu = Glibc.clock() - cpu
            print(
                "run \(run): digest \(start.duration(to: opened) + scanned.duration(to: rendered)), "
                    + "CPU \(Double(cpu) / Double(CLOCKS_PER_SEC)) s "
                    + "(open \(start.duration(to: opened)), report \(scanned.duration(to: built)), "
                    + "render \(built.duration(to: rendered))); the scan alone \(opened.duration(to: scanned)) "
                    + "(\(scan.newItems.count) new, \(scan.links.count) links, \(scan.linkedItems.count) linked)")
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
