import Digest
import FeedModel
import Foundation
import Store

extension DigestFixture {
    /// Writes the fixture into a real store at `root` (each item upserted at its first-seen time) and the
    /// claims file `claims.json` (JSON is YAML) next to it; returns the claims file's path.
    @discardableResult
    static func makeStore(at root: URL) throws -> String {
        let writer = try StoreWriter.open(at: root.path, command: "test")
        var storeIDs: [String: String] = [:]
        for feed in feeds {
            let rows = items.filter { $0.feedKey == feed.key }
            // An empty document first, so that every feed has its title even without items.
            _ = try writer.upsert(
                ParsedFeed(format: .rss20, title: feed.title), feedURL: feed.state.url,
                at: Date(timeIntervalSince1970: 1_795_000_000))
            for row in rows {
                let result = try writer.upsert(
                    ParsedFeed(format: .rss20, title: feed.title, items: [row.item]), feedURL: feed.state.url,
                    at: row.firstSeen)
                storeIDs[row.id] = result.entries.first?.id
            }
            try writer.setFeedState(feed.state)
        }
        var byItem: [String: [ClaimLink]] = [:]
        for link in links {
            guard let id = storeIDs[link.itemID] else { continue }
            var stored = link
            stored.itemID = id
            byItem[id, default: []].append(stored)
        }
        for (id, itemLinks) in byItem.sorted(by: { $0.key < $1.key }) {
            try writer.setLinks(itemLinks, forItem: id)
        }
        try writer.finish()

        let claimsFile = root.appendingPathComponent("claims.json")
        let entries = claims.map { ["id": $0.id, "title": $0.title, "query": $0.query] }
        try JSONSerialization.data(withJSONObject: ["version": 1, "claims": entries]).write(to: claimsFile)
        return claimsFile.path
    }
}
