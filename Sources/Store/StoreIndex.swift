/// The derived indexes of every committed segment, loaded into memory (88 bytes per item or link record).
struct StoreIndex: Sendable {
    struct Segment: Sendable {
        var entry: SegmentEntry
        var entries: IndexEntries
    }

    var segments: [Segment] = []

    /// Loads the index of every segment the manifest lists. A missing or damaged index is rebuilt in memory
    /// from its segment (`verify --repair` writes it back); a damaged segment is an error.
    static func load(_ layout: StoreLayout, _ manifest: StoreManifest) throws(StoreError) -> StoreIndex {
        var index = StoreIndex()
        index.segments.reserveCapacity(manifest.segments.count)
        for segment in manifest.segments {
            index.segments.append(Segment(entry: segment, entries: try entries(layout, segment, checked: false)))
        }
        return index
    }

    static func entries(_ layout: StoreLayout, _ segment: SegmentEntry, checked: Bool) throws(StoreError)
        -> IndexEntries
    {
        let path = layout.absolute(StoreLayout.indexPath(forSegment: segment.path))
        if let entries = try? IndexEntries(mapping: path, sequence: segment.sequence, segmentBytes: segment.bytes) {
            return entries
        }
        return IndexEntries(try rebuild(layout, segment))
    }

    /// Derives a segment's entries from the segment itself.
    static func rebuild(_ layout: StoreLayout, _ segment: SegmentEntry) throws(StoreError) -> [IndexEntry] {
        let path = layout.absolute(segment.path)
        let bytes = try FileIO.read(path)
        let file = SegmentFile(bytes: bytes, path: path)
        guard file.isValid, bytes.count == segment.bytes else {
            let problem = file.problems.first ?? "size \(bytes.count) differs from the manifest's \(segment.bytes)"
            throw StoreError.corrupt(path: path, problem: problem)
        }
        return file.indexEntries
    }

    /// Visits every entry in commit order (segment order, then line order).
    func visitEntries(_ body: (_ segment: Int, _ position: Int, _ entry: IndexEntry) -> Void) {
        for (segmentNumber, segment) in segments.enumerated() {
            for (position, entry) in segment.entries.enumerated() {
                body(segmentNumber, position, entry)
            }
        }
    }
}

/// An item key within the whole store: feed key and item key.
struct GlobalKey: Hashable, Sendable {
    var feed: UInt64
    var item: UInt64
}

/// Consecutive entries of one feed in one segment.
struct EntryRange: Hashable, Sendable {
    var segment: Int32
    var start: Int32
    var count: Int32
}

/// Where an entry is: segment number in `StoreIndex.segments` and position in its entries.
struct EntryLocation: Hashable, Sendable {
    var segment: Int32
    var position: Int32
}
