import Claims
import FeedModel
import Foundation
import Store

/// What the claim commands (`items`, `claims list`, `claims show`) read: the claims file, and from a store
/// snapshot the current links of some claims joined with their items and sources.
struct ClaimStoreReader {
    /// One link with the item it points to.
    struct Evidence {
        var link: ClaimLink
        var item: StoredItem
        /// The feed's title, else its URL's host, else its key.
        var source: String
        /// When the item was published, else when the store first saw it: the time every claim view uses.
        var time: Date
    }

    let snapshot: StoreSnapshot
    let claims: [Claim]
    let claimsPath: String

    /// Opens the store and reads the claims file (it need not compile: only ids and titles are used).
    static func open(store: String, claims path: String) throws(ClaimCommandFailure) -> ClaimStoreReader {
        let snapshot: StoreSnapshot
        do {
            snapshot = try StoreSnapshot.open(at: store)
        } catch {
            throw ClaimCommandFailure(error.description)
        }
        do {
            let file = try ClaimsFile.load(contentsOf: URL(fileURLWithPath: path))
            return ClaimStoreReader(snapshot: snapshot, claims: file.claims, claimsPath: path)
        } catch {
            throw ClaimCommandFailure(error.description, status: 2)
        }
    }

    /// The claim with this id, or a failure naming the known ids. A claim that is gone from the file but still
    /// has links in the store (no `retag` since) is still shown, with its id as title.
    func claim(_ id: String) throws(ClaimCommandFailure) -> Claim {
        if let claim = claims.first(where: { $0.id == id }) { return claim }
        if let links = try? snapshot.links(forClaim: id), !links.isEmpty {
            return Claim(id: id, title: id, query: "")
        }
        let known = claims.map(\.id)
        let list = known.count > 30 ? known.prefix(30).joined(separator: ", ") + ", …" : known.joined(separator: ", ")
        throw ClaimCommandFailure(
            "\(claimsPath): no claim with id \"\(id)\" — use one of its ids: \(list.isEmpty ? "(none)" : list)")
    }

    /// The current links of `claimIDs`, each with its item, newest first.
    func evidence(forClaims claimIDs: Set<String>) throws(ClaimCommandFailure) -> [Evidence] {
        do {
            let links = try snapshot.links(forClaims: claimIDs)
            let items = try snapshot.items(ids: Array(Set(links.map(\.itemID))))
            let byID = Dictionary(items.map { ($0.id, $0) }, uniquingKeysWith: { _, last in last })
            var names: [String: String] = [:]
            var result: [Evidence] = []
            result.reserveCapacity(links.count)
            for link in links {
                guard let item = byID[link.itemID] else { continue }
                let source = names[item.feedKey] ?? sourceName(feedKey: item.feedKey)
                names[item.feedKey] = source
                result.append(
                    Evidence(link: link, item: item, source: source, time: item.item.published ?? item.firstSeen))
            }
            return result.sorted { ($0.time, $0.item.id) > ($1.time, $1.item.id) }
        } catch {
            throw ClaimCommandFailure(error.description)
        }
    }

    /// The feed's title, else its URL's host, else its key.
    func sourceName(feedKey: String) -> String {
        let info = snapshot.feeds[feedKey]?.info
        if let title = info?.title.map(TerminalText.line), !title.isEmpty { return title }
        if let url = info?.url, let host = URLComponents(string: url)?.host, !host.isEmpty { return host }
        if let url = info?.url, url.hasPrefix("file:") { return URL(string: url)?.lastPathComponent ?? feedKey }
        return feedKey
    }

    /// The stories the items tell (`StoreSnapshot.clusters(of:)`): a syndicated story counts once.
    func clusters(of evidence: [Evidence]) -> [StoryCluster] {
        var seen = Set<String>()
        let items = evidence.compactMap { seen.insert($0.item.id).inserted ? $0.item : nil }
        return snapshot.clusters(of: items)
    }
}
