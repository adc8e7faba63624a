import Digest
import FeedModel
import Foundation
import Store

/// Builds a digest from a store snapshot reading as little as it can: the counts, balances, charts and
/// rankings come from one `ClaimScan` of the index (no item or link record is read for them), and only the
/// items and links the report shows (a few per claim, the capped notable items) are read in full. The report
/// is the same as one built from every body. Shared with `Benchmarks/DigestBench`, which times it.
struct DigestStoreReader {
    var snapshot: StoreSnapshot

    func report(
        claims: [Claim], period: DateInterval, generatedAt: Date, builder: DigestReportBuilder = DigestReportBuilder()
    ) throws -> DigestReport {
        let scan = try snapshot.claimScan(claims: Set(claims.map(\.id)), firstSeenSince: period.start)
        // An item without a publication date may have an `updated` one, which places it in time: read those
        // (usually few) bodies now. Linked items older than the period are never shown, only placed in time.
        var bodies: [String: FeedItem] = [:]
        for stored in try snapshot.items(scan.newItems.filter { $0.published == nil }) {
            bodies[stored.id] = stored.item
        }
        var items: [DigestInput.Item] = []
        items.reserveCapacity(scan.newItems.count + scan.linkedItems.count)
        for header in scan.newItems {
            let item = bodies[header.id] ?? FeedItem(id: header.id, published: header.published)
            items.append(
                DigestInput.Item(id: header.id, feedKey: header.feedKey, item: item, firstSeen: header.firstSeen))
        }
        for header in scan.linkedItems {
            let item = FeedItem(id: header.id, published: header.published)
            items.append(
                DigestInput.Item(id: header.id, feedKey: header.feedKey, item: item, firstSeen: header.firstSeen))
        }
        let links = scan.links.map {
            ClaimLink(
                itemID: $0.itemID, claimID: $0.claimID, stance: $0.stance, confidence: $0.confidence, terms: [],
                field: .title, snippet: "")
        }
        let feeds = snapshot.feeds.sorted { $0.key < $1.key }.map { key, record in
            DigestInput.Feed(
                key: key, title: record.info?.title,
                state: record.state ?? FeedState(url: record.info?.url ?? key), siteLink: record.info?.siteLink)
        }
        var report = builder.build(
            DigestInput(items: items, links: links, claims: claims, feeds: feeds, linkItems: scan.linkItems),
            period: period,
            generatedAt: generatedAt)

        // The text of what the report shows.
        let shown = report.shownItems
        let shownItems = Set(shown.map(\.itemID))
        let shownLinks = Set(
            shown.compactMap { entry in entry.claimID.map { LinkID(claimID: $0, itemID: entry.itemID) } })
        var itemHeaders: [ItemHeader] = []
        for headers in [scan.newItems, scan.linkedItems] {
            itemHeaders += headers.lazy.filter { shownItems.contains($0.id) && bodies[$0.id] == nil }
        }
        for stored in try snapshot.items(itemHeaders) { bodies[stored.id] = stored.item }
        var snippets: [LinkID: String] = [:]
        let linkHeaders = scan.links.filter {
            shownItems.contains($0.itemID) && shownLinks.contains(LinkID(claimID: $0.claimID, itemID: $0.itemID))
        }
        for link in try snapshot.links(linkHeaders) {
            snippets[LinkID(claimID: link.claimID, itemID: link.itemID)] = link.snippet
        }
        report.fillText(item: { bodies[$0] }, snippet: { snippets[LinkID(claimID: $0, itemID: $1)] })
        return report
    }

    private struct LinkID: Hashable {
        var claimID: String
        var itemID: String
    }
}
