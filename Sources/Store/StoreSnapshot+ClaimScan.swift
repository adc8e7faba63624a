import FeedModel
import Foundation

extension StoreSnapshot {
    /// What a digest needs to count: the items first seen at or after `date`, the current links to `claimIDs`
    /// and the other items those links point to, from two passes over the index (links, then items) that read
    /// only the fields they filter on. No record is read, except the links of segments whose index is in
    /// format 2 (no stance or confidence in link entries); read the bodies of the few items and links a
    /// digest shows with `items(_:)` and `links(_:)`.
    ///
    /// Same results as `items(firstSeenSince:)`, `links(forClaims:)` and `itemHeaders(ids:)` of the links'
    /// items, without the bodies. Claims are told apart by a 64-bit hash of their id in the index: when two
    /// of `claimIDs` share one, their links are read from their records.
    public func claimScan(claims claimIDs: Set<String>, firstSeenSince date: Date) throws(StoreError) -> ClaimScan {
        let links = try currentLinks(to: claimIDs)
        let (newItems, linkedItems, linkItems) = headers(firstSeenSince: ItemKeys.seconds(date), linkedBy: links)
        return ClaimScan(newItems: newItems, links: links, linkedItems: linkedItems, linkItems: linkItems)
    }

    /// The items of headers made by this snapshot (`claimScan`, `itemHeaders`), in commit order; those of
    /// headers made elsewhere are looked up by id and come last.
    public func items(_ headers: [ItemHeader]) throws(StoreError) -> [StoredItem] {
        var located: [EntryLocation] = []
        var byID: [String] = []
        for header in headers {
            if let location = header.location { located.append(location) } else { byID.append(header.id) }
        }
        try check(located)
        var items = try read(located).compactMap { record -> StoredItem? in
            if case .item(let stored) = record { return stored }
            return nil
        }
        if !byID.isEmpty { items += try self.items(ids: byID) }
        return items
    }

    /// The full links of headers made by this snapshot's `claimScan`, in commit order.
    public func links(_ headers: [LinkHeader]) throws(StoreError) -> [ClaimLink] {
        let locations = headers.map(\.location)
        try check(locations)
        return try read(locations).compactMap { record -> ClaimLink? in
            if case .link(_, _, let link) = record { return link }
            return nil
        }
    }

    // MARK: - The passes

    private func check(_ locations: [EntryLocation]) throws(StoreError) {
        for location in locations {
            guard Int(location.segment) < index.segments.count, location.segment >= 0, location.position >= 0,
                Int(location.position) < index.segments[Int(location.segment)].entries.count
            else {
                throw StoreError.invalidArgument(
                    "\(layout.root): a header from another snapshot of the store — read it from the snapshot that "
                        + "made it")
            }
        }
    }

    /// Pass 1: the latest link entry of every (item, claim) for the wanted claims; live ones in commit order.
    private func currentLinks(to claimIDs: Set<String>) throws(StoreError) -> [LinkHeader] {
        guard !claimIDs.isEmpty else { return [] }
        let claims = ClaimHashes(claimIDs)
        var live = LocationTable(capacity: 1 << 17)
        let link = IndexEntry.Kind.link.rawValue
        let unlink = IndexEntry.Kind.unlink.rawValue
        for (segmentNumber, segment) in index.segments.enumerated() {
            segment.entries.withRawEntries { raw in
                var base = 0
                for position in 0..<segment.entries.count {
                    defer { base += IndexEntry.size }
                    let kind = raw[base]
                    guard kind == link || kind == unlink else { continue }
                    let claim = Self.word(raw, base + 32)
                    guard claims.contains(claim) else { continue }
                    let feed = Self.word(raw, base + 16)
                    let item = Self.word(raw, base + 24)
                    if kind == link {
                        // Kept: the identity byte (stance code) and the confidence bits.
                        live.set(
                            LocationTable.Found(
                                feed: feed, item: item, claim: claim,
                                location: EntryLocation(segment: Int32(segmentNumber), position: Int32(position)),
                                first: UInt64(raw[base + 1]), second: Self.word(raw, base + 80)))
                    } else {
                        live.remove(feed, item, claim)
                    }
                }
            }
        }
        let links = live.found
        // From the index where it says the stance and the claim hash is not shared; else from the record.
        var found: [LinkHeader?] = []
        found.reserveCapacity(links.count)
        var unknown: [(number: Int, location: EntryLocation)] = []
        for link in links {
            let entry = IndexEntry(
                kind: .link, identity: UInt8(truncatingIfNeeded: link.first), length: 0, offset: 0,
                feedKey: link.feed, itemKey: link.item, hash: link.claim, titleHash: link.second)
            if index.segments[Int(link.location.segment)].entries.hasLinkFacts, let stance = entry.linkStance,
                let claimID = claims.uniqueID(entry.hash)
            {
                found.append(
                    LinkHeader(
                        itemID: ItemKeys.itemID(feed: entry.feedKey, key: entry.itemKey), claimID: claimID,
                        stance: stance, confidence: entry.linkConfidence, location: link.location,
                        key: GlobalKey(feed: link.feed, item: link.item)))
            } else {
                unknown.append((found.count, link.location))
                found.append(nil)
            }
        }
        let records = try read(unknown.map(\.location))
        for (record, slot) in zip(records, unknown) {
            guard case .link(_, _, let link?) = record, claimIDs.contains(link.claimID) else { continue }
            found[slot.number] = LinkHeader(
                itemID: link.itemID, claimID: link.claimID, stance: link.stance, confidence: link.confidence,
                location: slot.location, key: ItemKeys.split(link.itemID).map { GlobalKey(feed: $0.feed, item: $0.key) }
            )
        }
        let headers = found.compactMap { $0 }
        return headers
    }

    /// Pass 2: the latest version of every item first seen since `since` or linked by `links`, split into the
    /// new ones and the others, each in commit order, and for each link the index of its item in both.
    private func headers(firstSeenSince since: Int64, linkedBy links: [LinkHeader]) -> (
        new: [ItemHeader], linked: [ItemHeader], linkItems: [Int]
    ) {
        // Linked items are marked (with their first link's number + 1) in the table that collects the items, so
        // that the items pass looks up one slot per candidate, and an item's id is its first link's string.
        var latest = LocationTable(capacity: max(1 << 16, links.count + links.count / 2))
        var linkedBits = KeyBitmap()
        for (number, link) in links.enumerated() {
            guard let key = link.key else { continue }
            latest.mark(key.feed, key.item, 0, UInt32(truncatingIfNeeded: number + 1))
            linkedBits.insert(key.item)
        }
        // Item keys are hashes: a bitmap of their low bits rejects almost every other entry without a lookup.
        var recordedBits = KeyBitmap()
        let item = IndexEntry.Kind.item.rawValue
        for (segmentNumber, segment) in index.segments.enumerated() {
            segment.entries.withRawEntries { raw in
                var base = 0
                for position in 0..<segment.entries.count {
                    defer { base += IndexEntry.size }
                    guard raw[base] == item else { continue }
                    let itemKey = Self.word(raw, base + 24)
                    var wanted = Int64(bitPattern: Self.word(raw, base + 48)) >= since
                    if !wanted, linkedBits.contains(itemKey) {
                        wanted = latest.mark(Self.word(raw, base + 16), itemKey) != 0
                    }
                    if wanted {
                        // Kept: first seen and published.
                        latest.set(
                            LocationTable.Found(
                                feed: Self.word(raw, base + 16), item: itemKey, claim: 0,
                                location: EntryLocation(segment: Int32(segmentNumber), position: Int32(position)),
                                first: Self.word(raw, base + 48), second: Self.word(raw, base + 40)))
                        recordedBits.insert(itemKey)
                    } else if recordedBits.contains(itemKey) {
                        latest.remove(Self.word(raw, base + 16), itemKey)
                    }
                }
            }
        }
        let items = latest.found
        let orderIndices = latest.foundOrderIndices
        // Where each kept value ends up: >= 0 in `new`, < 0 (-1 - index) in `others`.
        var placed = [Int](repeating: 0, count: latest.orderCount)
        var feedKeys: [UInt64: String] = [:]
        var lastFeed: (key: UInt64, text: String)?
        var new: [ItemHeader] = []
        var others: [ItemHeader] = []
        for (item, orderIndex) in zip(items, orderIndices) {
            let feed = item.feed
            let firstSeen = Int64(bitPattern: item.first)
            let published = Int64(bitPattern: item.second)
            let feedKey: String
            if let lastFeed, lastFeed.key == feed {
                feedKey = lastFeed.text
            } else if let known = feedKeys[feed] {
                feedKey = known
            } else {
                feedKey = StoreLayout.hex(feed)
                feedKeys[feed] = feedKey
            }
            lastFeed = (feed, feedKey)
            let id = item.mark > 0 ? links[Int(item.mark) - 1].itemID : ItemKeys.itemID(feed: feed, key: item.item)
            let header = ItemHeader(
                id: id, feedKey: feedKey,
                firstSeen: Date(timeIntervalSince1970: Double(firstSeen)),
                published: published == IndexEntry.noDate ? nil : Date(timeIntervalSince1970: Double(published)),
                location: item.location)
            if firstSeen >= since {
                placed[orderIndex] = new.count
                new.append(header)
            } else {
                placed[orderIndex] = -1 - others.count
                others.append(header)
            }
        }
        let linkItems = links.map { link -> Int in
            guard let key = link.key, let orderIndex = latest.orderIndex(key.feed, key.item) else { return -1 }
            let place = placed[orderIndex]
            return place >= 0 ? place : new.count - 1 - place
        }
        return (new, others, linkItems)
    }

    private static func word(_ raw: UnsafeRawBufferPointer, _ offset: Int) -> UInt64 {
        UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: offset, as: UInt64.self))
    }
}

/// A set of item keys by their low 22 bits (512 KB): no false negatives, few false positives for the
/// ~100,000 keys of a digest, and no hashing.
private struct KeyBitmap {
    private static let bits = 1 << 22
    private var words = [UInt64](repeating: 0, count: bits / 64)

    mutating func insert(_ key: UInt64) {
        let bit = Int(truncatingIfNeeded: key) & (Self.bits - 1)
        words[bit >> 6] |= 1 << UInt64(bit & 63)
    }

    func contains(_ key: UInt64) -> Bool {
        let bit = Int(truncatingIfNeeded: key) & (Self.bits - 1)
        return words[bit >> 6] & (1 << UInt64(bit & 63)) != 0
    }
}

/// The hashes of the wanted claims' ids (as link entries store them), sorted for a binary search.
private struct ClaimHashes {
    private var hashes: [UInt64] = []
    private var ids: [String] = []
    /// Hashes that two of the claims share: their links are told apart by their records.
    private var shared = Set<UInt64>()

    init(_ claimIDs: Set<String>) {
        let pairs = claimIDs.map { (hash: ItemKeys.hash($0), id: $0) }.sorted { $0.hash < $1.hash }
        for pair in pairs {
            if hashes.last == pair.hash { shared.insert(pair.hash) }
            hashes.append(pair.hash)
            ids.append(pair.id)
        }
    }

    func contains(_ hash: UInt64) -> Bool {
        first(hash) != nil
    }

    /// The claim with this hash, unless two claims share it.
    func uniqueID(_ hash: UInt64) -> String? {
        guard let index = first(hash), shared.isEmpty || !shared.contains(hash) else { return nil }
        return ids[index]
    }

    private func first(_ hash: UInt64) -> Int? {
        var low = 0
        var high = hashes.count
        while low < high {
            let middle = (low + high) / 2
            if hashes[middle] < hash { low = middle + 1 } else { high = middle }
        }
        return low < hashes.count && hashes[low] == hash ? low : nil
    }
}
