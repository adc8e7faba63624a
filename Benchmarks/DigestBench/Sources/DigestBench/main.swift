// Synthetic digest benchmark: N items (default 1,000,000) over 1000 feeds and 30 days, 100 claims, one link per
// 10 items; times DigestReportBuilder.build (wall and process CPU) and the two renderers.
//   cd Benchmarks/DigestBench && swift build -c release && .build/release/DigestBench 1000000
// With `store <folder> [N]`: writes a real store of N items once, then times what `aggregator digest` does.
import Digest
import FeedModel
import Foundation

if CommandLine.arguments.dropFirst().first == "store" {
    try StoreBench.run(Array(CommandLine.arguments.dropFirst(2)))
    exit(0)
}
let itemCount = Int(CommandLine.arguments.dropFirst().first ?? "1000000") ?? 1_000_000
let end = Date(timeIntervalSince1970: 1_795_590_000)
var feeds: [DigestInput.Feed] = []
for number in 0..<1000 {
    let url = "https://feed\(number).example.org/rss"
    var state = FeedState(url: url)
    if number % 97 == 0 {
        state.errorCount = 2
        state.lastError = "HTTP 500"
    }
    if number % 211 == 0 { state.retired = true }
    feeds.append(.init(key: FeedState.key(forURL: url), title: "Feed \(number)", state: state))
}
var items: [DigestInput.Item] = []
items.reserveCapacity(itemCount)
for number in 0..<itemCount {
    let seen = end.addingTimeInterval(-Double(number % (30 * 86_400)) - Double(number / 1000))
    let feed = feeds[number % 1000]
    let item = FeedItem(
        id: "guid-\(number)", title: "Item \(number) title", link: "https://x.example/\(number)", published: seen)
    items.append(.init(id: "\(feed.key)-\(number)", feedKey: feed.key, item: item, firstSeen: seen))
}
let claims = (0..<100).map { Claim(id: "claim-\($0)", title: "Claim \($0)", query: "q") }
var links: [ClaimLink] = []
for number in stride(from: 0, to: itemCount, by: 10) {
    let stance: Stance = [.supports, .disputes, .mentions][number % 3]
    links.append(
        ClaimLink(
            itemID: items[number].id, claimID: "claim-\((number / 10) % 100)", stance: stance,
            confidence: Double(number % 100) / 100, terms: [], field: .title, snippet: "snippet \(number)"))
}
let input = DigestInput(items: items, links: links, claims: claims, feeds: feeds)
let period = DateInterval(start: end.addingTimeInterval(-86_400), end: end)
let clock = ContinuousClock()
for run in 0..<3 {
    var report = DigestReport(period: period, generatedAt: end, counts: .init(newItems: 0, claimsTouched: 0, newSources: 0))
    let cpuStart = Glibc.clock()
    let wall = clock.measure { report = DigestReportBuilder().build(input, period: period, generatedAt: end) }
    let cpu = Double(Glibc.clock() - cpuStart) / Double(CLOCKS_PER_SEC)
    let text = clock.measure { _ = TextDigestRenderer().render(report) }
    var htmlBytes = 0
    let html = clock.measure { htmlBytes = HTMLDigestRenderer().render(report).utf8.count }
    print(
        "run \(run): build \(wall) (cpu \(cpu) s), text \(text), html \(html); items \(itemCount), "
            + "links \(links.count), new \(report.counts.newItems), claims \(report.claims.count), html \(htmlBytes) bytes")
}
