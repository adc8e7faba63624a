import ArgumentParser
import FeedModel
import Foundation
import Store

/// `aggregator bench-store` (hidden): grows a store of synthetic items to a size, then times one run that
/// adds new items, and a digest-style read. Used for docs/benchmarks/store.md.
struct BenchStoreCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench-store",
        abstract: "Benchmark the store: fill it to --items, then time a run adding --add items.",
        shouldDisplay: false
    )

    @OptionGroup var store: StoreOptions

    @Option(help: "Fill the store with synthetic items until it holds this many.")
    var items = 10_000

    @Option(help: "Items per commit while filling.")
    var batch = 1000

    @Option(help: "New items the timed run adds.")
    var add = 1000

    @Option(help: "Feeds the synthetic items are spread over.")
    var feeds = 1000

    @Option(help: "The timed read takes the items first seen in the last this many seconds (default: this run's).")
    var since: Double?

    func run() throws {
        do {
            try fill()
            try measure()
        } catch {
            throw StoreFailure.exit(error)
        }
    }

    private func fill() throws(StoreError) {
        guard items > 0 else { return }
        let start = Date()
        let writer = try StoreWriter.open(at: store.path, command: "bench-store")
        var count = Int(writer.snapshot().mark("bench.items") ?? "0") ?? 0
        guard count < items else { return }
        while count < items {
            let size = min(batch, items - count)
            try addItems(writer, first: count, count: size)
            count += size
            try writer.setMark("bench.items", to: String(count))
            try writer.commit()
        }
        try writer.finish()
        print("filled to \(count) items in \(String(format: "%.1f", Date().timeIntervalSince(start))) s")
    }

    private func measure() throws(StoreError) {
        let clock = ContinuousClock()
        var marks: [(String, Duration)] = []
        var last = clock.now
        func lap(_ name: String) {
            let now = clock.now
            marks.append((name, now - last))
            last = now
        }
        let runStart = Date()
        let writer = try StoreWriter.open(at: store.path, command: "bench-store")
        lap("open")
        let count = Int(writer.snapshot().mark("bench.items") ?? "0") ?? 0
        try addItems(writer, first: count, count: add)
        lap("upsert")
        try writer.setMark("bench.items", to: String(count + add))
        try writer.commit()
        lap("commit")
        try writer.finish()
        let snapshot = try StoreSnapshot.open(at: store.path)
        lap("reopen-snapshot")
        let recent = try snapshot.items(firstSeenSince: since.map { Date().addingTimeInterval(-$0) } ?? runStart)
        lap("read-new-items")
        let clusters = snapshot.clusters(of: recent)
        lap("cluster-new-items")
        let total = marks.reduce(Duration.zero) { $0 + $1.1 }
        let text = marks.map { "\($0.0)=\(Self.ms($0.1))" }.joined(separator: " ")
        let multi = clusters.filter { $0.itemIDs.count > 1 }
        print(
            "items_before=\(count) added=\(add) read=\(recent.count) clusters=\(clusters.count) "
                + "multi-item-clusters=\(multi.count) \(text) total_ms=\(Self.ms(total))")
    }

    private static func ms(_ duration: Duration) -> String {
        let seconds = Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
        return String(format: "%.1f", seconds * 1000)
    }

    /// Adds `count` new items numbered from `first`, 20 per feed, as separate feed documents.
    private func addItems(_ writer: StoreWriter, first: Int, count: Int) throws(StoreError) {
        var number = first
        while number < first + count {
            let feedNumber = (number / 20) % feeds
            let size = min(20, first + count - number)
            let feed = ParsedFeed(
                format: .rss20, title: "Bench feed \(feedNumber)", link: "https://bench\(feedNumber).example/",
                items: (number..<(number + size)).map(Self.item))
            _ = try writer.upsert(feed, feedURL: "https://bench\(feedNumber).example/feed.xml")
            number += size
        }
    }

    private static let words =
        ("ceasefire talks sanctions donbas kyiv moscow summit security guarantees frozen assets referendum drones "
        + "energy grid negotiators envoy proposal front line shelling reconstruction aid package minister "
        + "statement officials reported according to sources said on tuesday after meeting between delegations").split(
            separator: " "
        ).map(String.init)

    private static let places = (0..<500).map { "Place\($0)" }

    /// A deterministic item of about 1.5 KB of JSON; titles mix common words with rarer ones, as news
    /// headlines do.
    static func item(_ number: Int) -> FeedItem {
        var state = UInt64(number) &* 0x9E37_79B9_7F4A_7C15 | 1
        func text(_ count: Int) -> String {
            (0..<count).map { _ in
                state ^= state << 13
                state ^= state >> 7
                state ^= state << 17
                return words[Int(state % UInt64(words.count))]
            }.joined(separator: " ")
        }
        let link = "https://bench.example/news/\(number)"
        return FeedItem(
            id: link,
            title: text(4).capitalized + " \(places[number % places.count]) day \(number / 997) "
                + text(3), link: link,
            published: Date(timeIntervalSince1970: 1_760_000_000 + Double(number) * 60), authors: ["Bench Writer"],
            summary: text(40), content: text(160), categories: ["news"])
    }
}
