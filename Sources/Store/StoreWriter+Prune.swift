import Foundation

extension StoreWriter {
    /// Drops items published (or, without a date, first seen) before `cutoff`, and their links. Items linked to
    /// a claim are kept unless `keepLinked` is false. Segments holding dropped or superseded records are
    /// rewritten (same sequence number, new file) and the manifest is switched to them in one commit; the old
    /// files are deleted only after that commit. Commits anything pending first.
    public func prune(olderThan cutoff: Date, keepLinked: Bool = true) throws(StoreError) -> PruneResult {
        if hasPendingChanges { try commit() }
        let manifest = committedManifest
        let index = committedIndex
        let limit = ItemKeys.seconds(cutoff)

        var latestItem: [GlobalKey: IndexEntry] = [:]
        var latestItemAt: [GlobalKey: EntryLocation] = [:]
        var latestLinkAt: [LinkKey: EntryLocation] = [:]
        var linked = Set<GlobalKey>()
        index.visitEntries { segment, position, entry in
            let key = GlobalKey(feed: entry.feedKey, item: entry.itemKey)
            let location = EntryLocation(segment: Int32(segment), position: Int32(position))
            if entry.kind == .item {
                latestItem[key] = entry
                latestItemAt[key] = location
            } else {
                latestLinkAt[LinkKey(key: key, claim: entry.hash)] = location
            }
        }
        for (linkKey, location) in latestLinkAt
        where index.segments[Int(location.segment)].entries[Int(location.position)].kind == .link {
            linked.insert(linkKey.key)
        }
        var dropped = Set<GlobalKey>()
        var keptLinked = 0
        for (key, entry) in latestItem {
            let age = entry.published == IndexEntry.noDate ? entry.firstSeen : entry.published
            guard age < limit else { continue }
            if keepLinked && linked.contains(key) {
                keptLinked += 1
            } else {
                dropped.insert(key)
            }
        }

        var next = manifest
        var nextIndex = index
        var obsolete: [String] = []
        var written: [String] = []
        var rewritten = 0
        var removed = 0
        let before = manifest.segments.reduce(0) { $0 + $1.bytes }
        do throws(StoreError) {
            for (segmentNumber, segment) in index.segments.enumerated().reversed() {
                let keep = segment.entries.enumerated().map { position, entry -> Bool in
                    let key = GlobalKey(feed: entry.feedKey, item: entry.itemKey)
                    let location = EntryLocation(segment: Int32(segmentNumber), position: Int32(position))
                    guard !dropped.contains(key) else { return false }
                    switch entry.kind {
                    case .item: return latestItemAt[key] == location
                    case .link: return latestLinkAt[LinkKey(key: key, claim: entry.hash)] == location
                    case .unlink: return false
                    }
                }
                guard keep.contains(false) else { continue }
                let path = layout.absolute(segment.entry.path)
                let file = SegmentFile(bytes: try FileIO.read(path), path: path)
                guard file.isValid else {
                    throw StoreError.corrupt(path: path, problem: file.problems.first ?? "invalid segment")
                }
                var builder = try SegmentBuilder(sequence: segment.entry.sequence, created: segment.entry.created)
                var entryNumber = 0
                for record in file.dataRecords {
                    if record.indexEntry(offset: 0, length: 0) != nil {
                        defer { entryNumber += 1 }
                        guard entryNumber < keep.count, keep[entryNumber] else { continue }
                    }
                    try builder.append(record)
                }
                obsolete.append(path)
                obsolete.append(layout.absolute(StoreLayout.indexPath(forSegment: segment.entry.path)))
                if builder.isEmpty {
                    next.segments.remove(at: segmentNumber)
                    nextIndex.segments.remove(at: segmentNumber)
                    removed += 1
                    continue
                }
                let (entry, files) = try writeSegment(builder, replacing: segment.entry)
                written.append(contentsOf: files)
                next.segments[segmentNumber] = entry
                nextIndex.segments[segmentNumber] = StoreIndex.Segment(
                    entry: entry, entries: IndexEntries(builder.entries))
                rewritten += 1
            }
            guard rewritten + removed > 0 else {
                return PruneResult(
                    itemsDropped: 0, itemsKeptLinked: keptLinked, segmentsRewritten: 0, segmentsRemoved: 0,
                    bytesBefore: before, bytesAfter: before)
            }
            next.generation += 1
            next.updated = Date()
            try next.save(layout)
        } catch {
            for path in written { FileIO.remove(path) }
            throw error
        }
        replaceCommitted(manifest: next, index: nextIndex)
        for path in obsolete { FileIO.remove(path) }
        return PruneResult(
            itemsDropped: dropped.count, itemsKeptLinked: keptLinked, segmentsRewritten: rewritten,
            segmentsRemoved: removed, bytesBefore: before, bytesAfter: next.segments.reduce(0) { $0 + $1.bytes })
    }

    /// Writes a finished segment and its index beside the segment it replaces; returns the new manifest
    /// entry and the files written.
    func writeSegment(_ builder: SegmentBuilder, replacing old: SegmentEntry) throws(StoreError)
        -> (SegmentEntry, [String])
    {
        let bytes = try builder.finished()
        let hash = StoreWriter.fileHash(bytes)
        let folder = FileIO.parent(of: old.path)
        let relative = "\(folder)/\(StoreLayout.paddedSequence(builder.sequence))-\(StoreLayout.hex(hash)).jsonl"
        let path = layout.absolute(relative)
        let indexPath = layout.absolute(StoreLayout.indexPath(forSegment: relative))
        var written: [String] = []
        do throws(StoreError) {
            try FileIO.makeDirectory(FileIO.parent(of: path))
            if path != layout.absolute(old.path) {
                FileIO.remove(path)
                try FileIO.writeNewFile(path, bytes, sync: true)
                written.append(path)
            }
            let indexBytes = IndexFile.encode(
                sequence: builder.sequence, segmentBytes: bytes.count, entries: builder.entries)
            try FileIO.atomicReplace(indexPath, indexBytes)
            written.append(indexPath)
            try FileIO.syncDirectory(FileIO.parent(of: path))
        } catch {
            for file in written { FileIO.remove(file) }
            throw error
        }
        let entry = SegmentEntry(
            sequence: builder.sequence, path: relative, bytes: bytes.count, hash: StoreLayout.hex(hash),
            records: builder.records, created: old.created)
        return (entry, written)
    }
}

/// A link's key: the item and the claim (hash).
struct LinkKey: Hashable, Sendable {
    var key: GlobalKey
    var claim: UInt64
}
