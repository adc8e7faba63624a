import Digest
import FeedModel
import Foundation
import Store

/// The store side of `aggregator digest`: reads what the report needs from a snapshot and keeps the
/// "last digest" mark (`digest.lastSent`, an RFC 3339 date) in the store.
struct DigestStoreSource {
    /// The store mark holding the end of the last digest that was sent or marked.
    static let markName = "digest.lastSent"

    var root: String

    /// The end of the last sent or marked digest, or nil when there is none. Throws when `root` is no store.
    func lastMark() throws -> Date? {
        guard let value = try StoreSnapshot.open(at: root).mark(Self.markName) else { return nil }
        guard case .date(let date) = try? DigestSince(parsing: value) else {
            throw DigestCommandError(
                "\(root): the mark \(Self.markName) holds \"\(value)\", not a date — run digest once with --since 24h "
                    + "--mark to reset it")
        }
        return date
    }

    /// Items first seen since the period's start, every current link to `claims`, the items those links
    /// point to, and every feed's title and state.
    ///
    /// Links come from one index pass for all claims. Linked items older than the period are never shown
    /// (only counted for the balance and first-seen facts), so only their index headers are read, not their
    /// bodies.
    func loadInput(claims: [Claim], period: DateInterval) throws -> DigestInput {
        let snapshot = try StoreSnapshot.open(at: root)
        let newItems = try snapshot.items(firstSeenSince: period.start)
        let links = try snapshot.links(forClaims: Set(claims.map(\.id)))
        var known = Set(newItems.map(\.id))
        var wanted: [String] = []
        for link in links where known.insert(link.itemID).inserted {
            wanted.append(link.itemID)
        }
        var items = newItems.map {
            DigestInput.Item(id: $0.id, feedKey: $0.feedKey, item: $0.item, firstSeen: $0.firstSeen)
        }
        for header in snapshot.itemHeaders(ids: wanted) {
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
        return DigestInput(items: items, links: links, claims: claims, feeds: feeds)
    }

    /// Moves the mark to `date` in one store commit (waits for a running fetch to finish).
    func setMark(_ date: Date) throws {
        let writer = try StoreWriter.open(at: root, command: "digest", wait: true)
        try writer.setMark(Self.markName, to: date.rfc3339)
        try writer.finish()
    }
}
