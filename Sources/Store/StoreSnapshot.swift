import FeedModel
import Foundation

/// A consistent, read-only view of a store as of one commit. Taking one needs no lock; later commits are not
/// seen. Cheap queries work on the in-memory index; item and link bodies are read from their segments.
public struct StoreSnapshot: Sendable {
    /// The store's folder layout.
    public let layout: StoreLayout
    let manifest: StoreManifest
    let index: StoreIndex

    init(layout: StoreLayout, manifest: StoreManifest, index: StoreIndex) {
        self.layout = layout
        self.manifest = manifest
        self.index = index
    }

    /// Reads the store at `root` as of its last commit.
    public static func open(at root: String) throws(StoreError) -> StoreSnapshot {
        let layout = StoreLayout(root: root)
        if layout.isInterruptedCreation {
            return StoreSnapshot(layout: layout, manifest: StoreManifest(), index: StoreIndex())
        }
        guard FileIO.exists(layout.manifest) else { throw StoreError.notAStore(path: layout.root) }
        let manifest = try StoreManifest.load(layout)
        return StoreSnapshot(layout: layout, manifest: manifest, index: try StoreIndex.load(layout, manifest))
    }

    /// Incremented by every commit.
    public var generation: Int { manifest.generation }
    /// When the last commit happened.
    public var updated: Date { manifest.updated }
    /// Every feed the store knows, by feed key.
    public var feeds: [String: FeedRecord] { manifest.feeds }
    /// Named marks such as `"digest.lastSent"`.
    public var marks: [String: String] { manifest.marks }
    /// The most recent runs, oldest first; only the last one keeps its per-feed results.
    public var runs: [RunRecord] { manifest.runs }
    /// How many segments are committed.
    public var segmentCount: Int { manifest.segments.count }

    /// The fetch state stored for a feed key.
    public func feedState(forKey key: String) -> FeedState? {
        manifest.feeds[key]?.state
    }

    /// The value of a named mark.
    public func mark(_ name: String) -> String? {
        manifest.marks[name]
    }

    /// The number of items in the store (each item once, whatever its number of versions).
    public var itemCount: Int {
        var keys = Set<GlobalKey>()
        index.visitEntries { _, _, entry in
            if entry.kind == .item { keys.insert(GlobalKey(feed: entry.feedKey, item: entry.itemKey)) }
        }
        return keys.count
    }

    // MARK: - Items

    /// The item with this store id, in its latest version.
    public func item(id: String) throws(StoreError) -> StoredItem? {
        guard let (feed, key) = ItemKeys.split(id) else { return nil }
        return try items(matching: { $0.feedKey == feed && $0.itemKey == key }).first
    }

    /// The items with these ids (missing ids are skipped), in commit order.
    public func items(ids: [String]) throws(StoreError) -> [StoredItem] {
        let wanted = Set(ids.compactMap { ItemKeys.split($0).map { GlobalKey(feed: $0.feed, item: $0.key) } })
        return try items(matching: { wanted.contains(GlobalKey(feed: $0.feedKey, item: $0.itemKey)) })
    }

    /// The index fields of the items with these ids (missing ids are skipped), without reading any segment:
    /// enough to place an item in time and attribute it to its feed. Order: commit order of the latest versions.
    public func itemHeaders(ids: [String]) -> [ItemHeader] {
        var wanted: [GlobalKey: String] = [:]
        for id in ids {
            if let (feed, key) = ItemKeys.split(id) { wanted[GlobalKey(feed: feed, item: key)] = id }
        }
        guard !wanted.isEmpty else { return [] }
        // Item keys are hashes: a bitmap of their low bits rejects almost every unwanted entry without hashing.
        let bits = 1 << 22
        var filter = [UInt64](repeating: 0, count: bits / 64)
        for key in wanted.keys {
            let bit = Int(truncatingIfNeeded: key.item) & (bits - 1)
            filter[bit >> 6] |= 1 << UInt64(bit & 63)
        }
        var found: [GlobalKey: (order: Int, entry: IndexEntry, segment: Int, position: Int)] = [:]
        var order = 0
        index.visitEntries { segment, position, entry in
            let bit = Int(truncatingIfNeeded: entry.itemKey) & (bits - 1)
            guard entry.kind == .item, filter[bit >> 6] & (1 << UInt64(bit & 63)) != 0 else { return }
            let key = GlobalKey(feed: entry.feedKey, item: entry.itemKey)
            guard wanted[key] != nil else { return }
            found[key] = (order, entry, segment, position)
            order += 1
        }
        return found.sorted { $0.value.order < $1.value.order }.compactMap { key, value in
            guard let id = wanted[key] else { return nil }
            let entry = value.entry
            return ItemHeader(
                id: id, feedKey: StoreLayout.hex(entry.feedKey),
                firstSeen: Date(timeIntervalSince1970: Double(entry.firstSeen)),
                published: entry.published == IndexEntry.noDate
                    ? nil : Date(timeIntervalSince1970: Double(entry.published)),
                location: EntryLocation(segment: Int32(value.segment), position: Int32(value.position)))
        }
    }

    /// Every item of one feed (key: `FeedState.key(forURL:)`), in commit order.
    public func items(inFeed feedKey: String) throws(StoreError) -> [StoredItem] {
        guard let feed = ItemKeys.hexValue(feedKey) else { return [] }
        return try items(matching: { $0.feedKey == feed })
    }

    /// Items first seen at or after `date` (new since the last digest, say), in commit order.
    public func items(firstSeenSince date: Date) throws(StoreError) -> [StoredItem] {
        let seconds = ItemKeys.seconds(date)
        return try items(matching: { $0.firstSeen >= seconds })
    }

    /// Items whose content changed (or which appeared) at or after `date`.
    public func items(changedSince date: Date) throws(StoreError) -> [StoredItem] {
        let seconds = ItemKeys.seconds(date)
        return try items(matching: { $0.lastChanged >= seconds })
    }

    /// Items published in `from..<to` (items without a date count as published when first seen).
    public func items(publishedFrom from: Date, to: Date = .distantFuture) throws(StoreError) -> [StoredItem] {
        let lower = ItemKeys.seconds(from)
        let upper = to == .distantFuture ? Int64.max : ItemKeys.seconds(to)
        return try items(matching: {
            let published = $0.published == IndexEntry.noDate ? $0.firstSeen : $0.published
            return published >= lower && published < upper
        })
    }

    // MARK: - Claim links

    /// The current links to one claim.
    public func links(forClaim claimID: String) throws(StoreError) -> [ClaimLink] {
        let hash = ItemKeys.hash(claimID)
        return try links(matching: { $0.hash == hash }).filter { $0.claimID == claimID }
    }

    /// The current links of one item.
    public func links(forItem itemID: String) throws(StoreError) -> [ClaimLink] {
        guard let (feed, key) = ItemKeys.split(itemID) else { return [] }
        return try links(matching: { $0.feedKey == feed && $0.itemKey == key })
    }

    /// The current links to any of `claimIDs`, found in one pass over the index (instead of one per claim).
    public func links(forClaims claimIDs: Set<String>) throws(StoreError) -> [ClaimLink] {
        guard !claimIDs.isEmpty else { return [] }
        let hashes = Set(claimIDs.map { ItemKeys.hash($0) })
        return try links(matching: { hashes.contains($0.hash) }).filter { claimIDs.contains($0.claimID) }
    }

    /// The ids of every item linked to at least one claim.
    public func linkedItemIDs() -> Set<String> {
        Set(liveLinkLocations(matching: { _ in true }).map { ItemKeys.itemID(feed: $0.key.feed, key: $0.key.item) })
    }

    // MARK: - Story clusters

    /// Groups items that tell the same story (see `StoryClusterer`).
    public func clusters(of items: [StoredItem]) -> [StoryCluster] {
        StoryClusterer().clusters(of: items)
    }

    // MARK: - Internals

    /// The latest version of every item whose latest version matches `predicate`.
    func items(matching predicate: (IndexEntry) -> Bool) throws(StoreError) -> [StoredItem] {
        var found: [GlobalKey: EntryLocation] = [:]
        index.visitEntries { segment, position, entry in
            guard entry.kind == .item else { return }
            let key = GlobalKey(feed: entry.feedKey, item: entry.itemKey)
            if predicate(entry) {
                found[key] = EntryLocation(segment: Int32(segment), position: Int32(position))
            } else if !found.isEmpty {
                found.removeValue(forKey: key)
            }
        }
        return try read(Array(found.values)).compactMap {
            if case .item(let stored) = $0 { return stored }
            return nil
        }
    }

    func links(matching predicate: (IndexEntry) -> Bool) throws(StoreError) -> [ClaimLink] {
        let locations = liveLinkLocations(matching: predicate).map(\.value)
        return try read(locations).compactMap {
            if case .link(_, _, let link) = $0 { return link }
            return nil
        }
    }

    private func liveLinkLocations(matching predicate: (IndexEntry) -> Bool) -> [(key: GlobalKey, value: EntryLocation)]
    {
        var found: [LinkKey: EntryLocation] = [:]
        index.visitEntries { segment, position, entry in
            guard entry.kind != .item else { return }
            let key = LinkKey(key: GlobalKey(feed: entry.feedKey, item: entry.itemKey), claim: entry.hash)
            if entry.kind == .link, predicate(entry) {
                found[key] = EntryLocation(segment: Int32(segment), position: Int32(position))
            } else if !found.isEmpty {
                found.removeValue(forKey: key)
            }
        }
        return found.map { (key: $0.key.key, value: $0.value) }
    }

    /// Reads records, grouped by segment, returned in commit order.
    func read(_ locations: [EntryLocation]) throws(StoreError) -> [SegmentRecord] {
        let sorted = locations.sorted { ($0.segment, $0.position) < ($1.segment, $1.position) }
        var records: [SegmentRecord] = []
        records.reserveCapacity(sorted.count)
        var start = 0
        while start < sorted.count {
            let segmentNumber = sorted[start].segment
            var end = start
            while end < sorted.count, sorted[end].segment == segmentNumber { end += 1 }
            let segment = index.segments[Int(segmentNumber)]
            let entries = sorted[start..<end].map { segment.entries[Int($0.position)] }
            records.append(contentsOf: try RecordReader.read(entries, from: layout.absolute(segment.entry.path)))
            start = end
        }
        return records
    }
}
