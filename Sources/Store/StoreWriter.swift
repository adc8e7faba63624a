import FeedModel
import Foundation

/// The only way to change a store. Holds the writer lock from `open` until it is released (deinit).
///
/// A writer collects changes (items, claim links, feed states, marks, run results) in memory and publishes
/// them with `commit()`: one new segment file plus its index, then the manifest replaced by rename. Readers
/// and a killed process see either everything of a commit or nothing of it. Feed states set before a commit
/// are published with the items of that commit, never before them.
///
/// ```swift
/// let writer = try StoreWriter.open(at: "Storage", command: "fetch")
/// let result = try writer.upsert(parsed, feedURL: url)
/// try writer.setLinks(links, forItem: result.entries[0].id)
/// try writer.setFeedState(state)
/// try writer.commit()
/// try writer.finish()
/// ```
public final class StoreWriter {
    /// The store's folder layout.
    public let layout: StoreLayout
    /// The run this writer records (its id, counts and per-feed results).
    public private(set) var run: RunRecord

    private let lock: StoreLock
    private var manifest: StoreManifest
    private var index: StoreIndex
    private var feedLocations: [UInt64: [EntryRange]] = [:]
    private var feeds: [UInt64: FeedLive] = [:]
    private var pending: SegmentBuilder?
    private var pendingManifestChange = false
    private var failure: StoreError?

    /// Opens (creating if needed) the store at `root` and takes the writer lock.
    /// - Parameters:
    ///   - command: the command name recorded in the run log and the lock file.
    ///   - wait: wait for another writer to finish instead of failing with `StoreError.locked`.
    public static func open(at root: String, command: String, wait: Bool = false) throws(StoreError) -> StoreWriter {
        let layout = StoreLayout(root: root)
        if !FileIO.exists(layout.root) {
            do {
                try FileManager.default.createDirectory(atPath: layout.root, withIntermediateDirectories: true)
            } catch {
                throw StoreError.io(path: layout.root, operation: "create folder", code: EACCES)
            }
        }
        let lock = try StoreLock(layout, command: command, wait: wait)
        try StoreWriter.prepare(layout)
        let manifest = try StoreManifest.load(layout)
        let index = try StoreIndex.load(layout, manifest)
        return StoreWriter(layout: layout, lock: lock, manifest: manifest, index: index, command: command)
    }

    private init(layout: StoreLayout, lock: StoreLock, manifest: StoreManifest, index: StoreIndex, command: String) {
        self.layout = layout
        self.lock = lock
        self.manifest = manifest
        self.index = index
        let now = Date()
        run = RunRecord(
            id: "\(now.rfc3339)/\(ProcessInfo.processInfo.processIdentifier)", command: command, started: now)
        buildFeedLocations()
        removeLeftovers()
    }

    /// A snapshot of what is committed (what readers see now).
    public func snapshot() -> StoreSnapshot {
        StoreSnapshot(layout: layout, manifest: manifest, index: index)
    }

    // MARK: - Items

    /// Stores one parsed feed document's items for the feed at `feedURL`: new items are added, items whose
    /// content changed are updated in place (first-seen kept), unchanged items cost nothing.
    /// Pending until `commit()`. `documentHash` (`DocumentFingerprint.hash(of:salt:)` of the document's bytes) is
    /// remembered with the feed, so that the same document can be skipped next time (`lastDocument(forFeedURL:)`).
    public func upsert(
        _ feed: ParsedFeed, feedURL: String, at now: Date = Date(), documentHash: String? = nil
    ) throws(StoreError) -> UpsertResult {
        try checkUsable()
        let feedKeyText = FeedState.key(forURL: feedURL)
        guard let feedKey = ItemKeys.hexValue(feedKeyText) else {
            throw StoreError.invalidArgument("\(feedURL): cannot derive a feed key")
        }
        let seen = ItemKeys.truncated(now)
        let items = feed.items.map(Self.normalized)
        var info = manifest.feeds[feedKeyText]?.info ?? FeedInfo(key: feedKeyText, url: feedURL, firstSeen: seen)
        let strategy = max(info.identity, Self.chooseStrategy(items))
        let live = try liveFeed(feedKey, strategy: strategy)

        let hashes = items.map { ItemKeys.effectiveHash($0, strategy) }
        var lastOccurrence: [UInt64: Int] = [:]
        for (position, hash) in hashes.enumerated() { lastOccurrence[hash] = position }

        var entries = [UpsertResult.Entry?](repeating: nil, count: items.count)
        for (position, item) in items.enumerated() where lastOccurrence[hashes[position]] == position {
            let contentHash = ItemKeys.contentHash(item)
            if let key = live.byHash[hashes[position]], let existing = live.items[key] {
                let id = ItemKeys.itemID(feed: feedKey, key: key)
                if existing.entry.hash == contentHash {
                    entries[position] = .init(id: id, status: .unchanged)
                    continue
                }
                let stored = StoredItem(
                    id: id, feedKey: feedKeyText, identity: IdentityStrategy(rank: existing.entry.identity) ?? strategy,
                    firstSeen: Date(timeIntervalSince1970: Double(existing.entry.firstSeen)), lastChanged: seen,
                    contentHash: StoreLayout.hex(contentHash), item: item)
                try append(.item(stored), live: live)
                entries[position] = .init(id: id, status: .changed)
                run.itemsChanged += 1
            } else {
                var key = hashes[position]
                while key == 0 || live.items[key] != nil { key = Self.rehash(key) }
                let id = ItemKeys.itemID(feed: feedKey, key: key)
                let stored = StoredItem(
                    id: id, feedKey: feedKeyText, identity: strategy, firstSeen: seen, lastChanged: seen,
                    contentHash: StoreLayout.hex(contentHash), item: item)
                try append(.item(stored), live: live)
                live.byHash[hashes[position]] = key
                entries[position] = .init(id: id, status: .added)
                run.itemsAdded += 1
            }
        }
        for position in items.indices where entries[position] == nil {
            let winner = lastOccurrence[hashes[position]] ?? position
            entries[position] = .init(id: entries[winner]?.id ?? "", status: .duplicate)
        }

        var updated = info
        updated.identity = strategy
        if let documentHash {
            let distinct = entries.count { $0?.status != .duplicate }
            updated.lastDocument = DocumentFingerprint(hash: documentHash, items: items.count, distinct: distinct)
        }
        updated.title = feed.title ?? info.title
        updated.siteLink = feed.link ?? info.siteLink
        if manifest.feeds[feedKeyText]?.info != updated {
            info = updated
            try append(.feed(info), live: nil)
            manifest.feeds[feedKeyText, default: FeedRecord()].info = info
        }
        return UpsertResult(feedKey: feedKeyText, identity: strategy, entries: entries.compactMap { $0 })
    }

    /// The last document stored for the feed at `feedURL` with its hash (see `upsert`), if any.
    public func lastDocument(forFeedURL feedURL: String) -> DocumentFingerprint? {
        manifest.feeds[FeedState.key(forURL: feedURL)]?.info?.lastDocument
    }

    // MARK: - Claim links

    /// Replaces the links of one item (a `StoredItem.id`): for every claim in `claims` (default: the claims
    /// of `links` plus every claim the item is linked to now), the item's link becomes the one in `links`,
    /// or none. Unchanged links are not written again.
    public func setLinks(_ links: [ClaimLink], forItem itemID: String, claims: [String]? = nil) throws(StoreError) {
        try checkUsable()
        guard let (feedKey, itemKey) = ItemKeys.split(itemID) else {
            throw StoreError.invalidArgument("\(itemID): not a store item id")
        }
        guard links.allSatisfy({ $0.itemID == itemID }) else {
            throw StoreError.invalidArgument("\(itemID): setLinks got links of another item")
        }
        let live = try liveFeed(feedKey, strategy: nil)
        guard live.items[itemKey] != nil else {
            throw StoreError.invalidArgument("\(itemID): no such item in the store")
        }
        let current = live.links[itemKey] ?? [:]
        var scope = Set(links.map(\.claimID))
        if let claims {
            scope.formUnion(claims)
        } else {
            for (_, located) in current where located.entry.kind == .link {
                if case .link(_, let claimID, _) = try record(at: located.location) { scope.insert(claimID) }
            }
        }
        let byClaim = Dictionary(links.map { ($0.claimID, $0) }, uniquingKeysWith: { _, last in last })
        for claimID in scope.sorted() {
            let link = byClaim[claimID]
            let record = SegmentRecord.link(itemID: itemID, claimID: claimID, link: link)
            let existing = current[ItemKeys.hash(claimID)]
            if let existing {
                if link == nil, existing.entry.kind == .unlink { continue }
                if link != nil, existing.entry.kind == .link, existing.entry.linkHash == ItemKeys.linkHash(link) {
                    continue
                }
            } else if link == nil {
                continue
            }
            try append(record, live: live)
        }
    }

    // MARK: - Feed state, marks, run log

    /// Stores the fetch state of a feed (key: `FeedState.key(forURL:)` of its first URL, by default of
    /// `state.url`). Call it after `upsert` for the same feed: both become visible at the same commit.
    public func setFeedState(_ state: FeedState, forKey key: String? = nil) throws(StoreError) {
        try checkUsable()
        let key = key ?? FeedState.key(forURL: state.url)
        guard manifest.feeds[key]?.state != state else { return }
        try append(.feedState(key: key, state: state), live: nil)
        manifest.feeds[key, default: FeedRecord()].state = state
    }

    /// Sets a named mark, e.g. `"digest.lastSent"` to an RFC 3339 date.
    public func setMark(_ name: String, to value: String) throws(StoreError) {
        try checkUsable()
        guard manifest.marks[name] != value else { return }
        try append(.mark(name: name, value: value), live: nil)
        manifest.marks[name] = value
    }

    /// Adds one feed's outcome to this run's log entry (published with the next commit).
    public func recordFeedResult(_ result: FeedRunResult) {
        run.feeds.append(result)
        pendingManifestChange = true
    }

    // MARK: - Commit

    /// Publishes everything pending, atomically. Returns the number of records written (0: nothing to do).
    @discardableResult
    public func commit(at now: Date = Date()) throws(StoreError) -> Int {
        try checkUsable()
        guard pending != nil || pendingManifestChange else { return 0 }
        var written: [String] = []
        do throws(StoreError) {
            var next = manifest
            var records = 0
            if let builder = pending {
                records = builder.records
                let bytes = try builder.finished()
                let fileHash = Self.fileHash(bytes)
                let relative = StoreLayout.segmentPath(sequence: builder.sequence, hash: fileHash, date: now)
                let segmentPath = layout.absolute(relative)
                let day = FileIO.parent(of: segmentPath)
                try FileIO.makeDirectory(day)
                try FileIO.writeNewFile(segmentPath, bytes, sync: true)
                written.append(segmentPath)
                let indexPath = layout.absolute(StoreLayout.indexPath(forSegment: relative))
                let indexBytes = IndexFile.encode(
                    sequence: builder.sequence, segmentBytes: bytes.count, entries: builder.entries)
                _ = unlink(indexPath)
                try FileIO.writeNewFile(indexPath, indexBytes, sync: true)
                written.append(indexPath)
                try FileIO.syncDirectory(day)
                try FileIO.syncDirectory(layout.index)
                let entry = SegmentEntry(
                    sequence: builder.sequence, path: relative, bytes: bytes.count,
                    hash: StoreLayout.hex(fileHash), records: builder.records, created: now)
                next.segments.append(entry)
                next.nextSequence = builder.sequence + 1
                index.segments.append(StoreIndex.Segment(entry: entry, entries: IndexEntries(builder.entries)))
            }
            next.generation += 1
            next.updated = now
            next.record(run: run)
            try next.save(layout)
            manifest = next
            pending = nil
            pendingManifestChange = false
            return records
        } catch {
            for path in written { FileIO.remove(path) }
            failure = error
            throw error
        }
    }

    /// Marks the run as ended and commits it (with anything still pending).
    public func finish(at now: Date = Date()) throws(StoreError) {
        run.ended = now
        pendingManifestChange = true
        try commit(at: now)
    }

    // MARK: - Internals shared with prune

    var committedManifest: StoreManifest { manifest }
    var committedIndex: StoreIndex { index }

    /// Replaces the committed state after a compaction (prune, repair).
    func replaceCommitted(manifest: StoreManifest, index: StoreIndex) {
        self.manifest = manifest
        self.index = index
        feeds = [:]
        feedLocations = [:]
        buildFeedLocations()
    }

    var hasPendingChanges: Bool { pending != nil }

    /// Where each feed's entries are, from the indexes' feed runs (no entry is read).
    private func buildFeedLocations() {
        for (segmentNumber, segment) in index.segments.enumerated() {
            for run in segment.entries.runs {
                feedLocations[run.feedKey, default: []].append(
                    EntryRange(segment: Int32(segmentNumber), start: Int32(run.start), count: Int32(run.count)))
            }
        }
    }

    func markChanged() { pendingManifestChange = true }
}

// MARK: - Private

extension StoreWriter {
    /// Creates the folder structure of a new store (finishing one an earlier writer was killed while creating),
    /// or checks that `layout.root` is a store. Runs under the lock.
    fileprivate static func prepare(_ layout: StoreLayout) throws(StoreError) {
        if FileIO.exists(layout.descriptor) {
            let bytes = try FileIO.read(layout.descriptor)
            let descriptor = try StoreJSON.decode(StoreDescriptor.self, from: bytes, path: layout.descriptor)
            guard descriptor.version == StoreLayout.version else {
                throw StoreError.unsupportedVersion(path: layout.descriptor, found: descriptor.version)
            }
            return
        }
        // A new store may be created in an empty folder, or one that only holds a README and dotfiles (the
        // repository's own `Storage/` ships with a README.md and a .gitignore'd rest).
        let names = FileIO.list(layout.root).filter {
            $0 != "lock" && !$0.contains(".tmp-") && !$0.hasPrefix(".") && $0 != "README.md"
        }
        guard Set(names).isSubset(of: ["segments", "index", "manifest.json"]) else {
            throw StoreError.notAStore(path: layout.root)
        }
        try FileIO.makeDirectory(layout.segments)
        try FileIO.makeDirectory(layout.index)
        if !FileIO.exists(layout.manifest) {
            try StoreManifest().save(layout)
        }
        var json = JSONWriter()
        try json.encodedPretty(StoreDescriptor(created: ItemKeys.truncated(Date())))
        json.bytes.append(0x0A)
        try FileIO.atomicReplace(layout.descriptor, json.bytes)
    }

    /// Deletes what an interrupted writer left: temp files and segments/indexes never committed.
    fileprivate func removeLeftovers() {
        for name in FileIO.list(layout.root) where name.contains(".tmp-") {
            FileIO.remove(layout.root + "/" + name)
        }
        for day in FileIO.list(layout.segments) {
            let folder = layout.segments + "/" + day
            for name in FileIO.list(folder) {
                if let sequence = StoreLayout.sequence(ofFileNamed: name), sequence >= manifest.nextSequence {
                    FileIO.remove(folder + "/" + name)
                }
            }
        }
        for name in FileIO.list(layout.index) {
            if let sequence = StoreLayout.sequence(ofFileNamed: name), sequence >= manifest.nextSequence {
                FileIO.remove(layout.index + "/" + name)
            }
        }
    }

    fileprivate func checkUsable() throws(StoreError) {
        if let failure { throw failure }
    }

    /// Adds a record to the pending segment (and to the feed's live view).
    fileprivate func append(_ record: SegmentRecord, live: FeedLive?) throws(StoreError) {
        if pending == nil {
            pending = try SegmentBuilder(sequence: manifest.nextSequence, created: Date())
        }
        guard var builder = pending else { return }
        pending = nil
        let entry = try builder.append(record)
        let position = Int32(builder.entries.count - 1)
        pending = builder
        if let entry, let live {
            live.apply(entry, at: EntryLocation(segment: Int32(index.segments.count), position: position))
        }
    }

    /// The feed's current items and links, built on first use from the index; `strategy` (re)builds the
    /// identity lookup for that rule.
    fileprivate func liveFeed(_ feedKey: UInt64, strategy: IdentityStrategy?) throws(StoreError) -> FeedLive {
        let live: FeedLive
        if let existing = feeds[feedKey] {
            live = existing
        } else {
            live = FeedLive()
            for range in feedLocations[feedKey] ?? [] {
                let entries = index.segments[Int(range.segment)].entries
                for position in range.start..<(range.start + range.count) {
                    live.apply(
                        entries[Int(position)], at: EntryLocation(segment: range.segment, position: position))
                }
            }
            feeds[feedKey] = live
        }
        if let strategy, live.strategy != strategy {
            live.strategy = strategy
            live.byHash = [:]
            for (key, located) in live.items {
                live.byHash[ItemKeys.effectiveHash(located.entry, strategy)] = key
            }
        }
        return live
    }

    /// Reads one record (committed or pending).
    fileprivate func record(at location: EntryLocation) throws(StoreError) -> SegmentRecord {
        let segmentNumber = Int(location.segment)
        if segmentNumber == index.segments.count, let builder = pending {
            let entry = builder.entries[Int(location.position)]
            let start = Int(entry.offset)
            let line = builder.bytes[start..<(start + Int(entry.length))]
            return try SegmentRecord.decode(line, path: "pending segment", line: 0)
        }
        let segment = index.segments[segmentNumber]
        let entry = segment.entries[Int(location.position)]
        let path = layout.absolute(segment.entry.path)
        return try RecordReader.read([entry], from: path)[0]
    }

    fileprivate static func normalized(_ item: FeedItem) -> FeedItem {
        var copy = item
        copy.published = item.published.map(ItemKeys.truncated)
        copy.updated = item.updated.map(ItemKeys.truncated)
        return copy
    }

    /// The strongest rule under which at most `tolerance` of the document's items lack or share a key.
    static func chooseStrategy(_ items: [FeedItem]) -> IdentityStrategy {
        guard !items.isEmpty else { return .guid }
        for strategy in IdentityStrategy.allCases where strategy != .title {
            var counts: [UInt64: Int] = [:]
            var missing = 0
            for item in items {
                if let hash = ItemKeys.identityHash(item, strategy) {
                    counts[hash, default: 0] += 1
                } else {
                    missing += 1
                }
            }
            let shared = counts.values.reduce(0) { $0 + ($1 > 1 ? $1 : 0) }
            if Double(missing + shared) <= IdentityStrategy.tolerance * Double(items.count) { return strategy }
        }
        return .title
    }

    fileprivate static func rehash(_ key: UInt64) -> UInt64 {
        var hash = FastHash()
        withUnsafeBytes(of: key.littleEndian) { hash.combine($0) }
        return hash.value
    }

    static func fileHash(_ bytes: [UInt8]) -> UInt64 {
        var hash = FastHash()
        hash.combine(bytes)
        return hash.value
    }
}

/// One feed's live items and links, as the writer tracks them while it runs.
final class FeedLive {
    struct Located {
        var entry: IndexEntry
        var location: EntryLocation
    }

    /// The rule `byHash` was built for (nil: not built yet).
    var strategy: IdentityStrategy?
    /// Effective identity hash → item key.
    var byHash: [UInt64: UInt64] = [:]
    /// Item key → its latest item entry.
    var items: [UInt64: Located] = [:]
    /// Item key → claim hash → latest link entry (`linkHash` holds the link's own hash).
    var links: [UInt64: [UInt64: Located]] = [:]

    func apply(_ entry: IndexEntry, at location: EntryLocation) {
        switch entry.kind {
        case .item:
            items[entry.itemKey] = Located(entry: entry, location: location)
        case .link, .unlink:
            links[entry.itemKey, default: [:]][entry.hash] = Located(entry: entry, location: location)
        }
    }
}
