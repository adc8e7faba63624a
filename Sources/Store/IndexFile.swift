/// `index/<segment stem>.idx`: a segment's entries in binary, derived from the segment and rebuildable from
/// it at any time. Layout (little endian): a 40-byte header (`AGIDX003`, sequence, entry count, segment
/// size, run count), the 88-byte entries in segment order, the feed runs (24 bytes each: feed key, first
/// entry, entry count; one per stretch of consecutive entries of one feed), and an 8-byte checksum of
/// everything before it. The runs let a writer find a feed's entries without touching the others.
///
/// Format 2 (`AGIDX002`, written before link entries carried stance and confidence) is still read: its link
/// entries have stance code 0 and confidence 0, so readers fall back to the link records for those.
enum IndexFile {
    /// The format this code writes.
    static let version = 3
    /// The oldest format this code reads.
    static let oldestReadable = 2
    static let headerSize = 40
    static let runSize = 24

    static func magic(_ version: Int) -> [UInt8] {
        Array("AGIDX00\(version)".utf8)
    }

    /// The file for `entries`, in the current format or (for checking old files) format 2.
    static func encode(sequence: Int, segmentBytes: Int, entries: [IndexEntry], version: Int = version) -> [UInt8] {
        let runs = FeedRun.runs(of: entries)
        var buffer = magic(version)
        buffer.reserveCapacity(headerSize + entries.count * IndexEntry.size + runs.count * runSize + 8)
        for value in [UInt64(sequence), UInt64(entries.count), UInt64(segmentBytes), UInt64(runs.count)] {
            appendWord(value, &buffer)
        }
        for var entry in entries {
            if version < 3, entry.kind != .item {
                entry.identity = 0
                entry.titleHash = 0
            }
            entry.write(into: &buffer)
        }
        for run in runs {
            for value in [run.feedKey, UInt64(run.start), UInt64(run.count)] { appendWord(value, &buffer) }
        }
        appendWord(checksum(buffer[...]), &buffer)
        return buffer
    }

    /// The layout an index file's header announces, checked against the file size.
    struct Shape {
        var version: Int
        var count: Int
        var runCount: Int
        var runsOffset: Int { headerSize + count * IndexEntry.size }
    }

    static func shape(_ raw: UnsafeRawBufferPointer, path: String, sequence: Int, segmentBytes: Int)
        throws(StoreError) -> Shape
    {
        guard raw.count >= headerSize + 8,
            let version = (oldestReadable...version).first(where: { raw.prefix(8).elementsEqual(magic($0)) })
        else {
            throw StoreError.corrupt(path: path, problem: "not an index file (bad header)")
        }
        func word(_ at: Int) -> UInt64 { UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: at, as: UInt64.self)) }
        guard word(8) == UInt64(sequence), word(24) == UInt64(segmentBytes) else {
            throw StoreError.corrupt(path: path, problem: "index belongs to another segment or segment size")
        }
        let count = Int(clamping: word(16))
        let runCount = Int(clamping: word(32))
        guard count <= raw.count / IndexEntry.size, runCount <= raw.count / runSize,
            raw.count == headerSize + count * IndexEntry.size + runCount * runSize + 8
        else {
            throw StoreError.corrupt(path: path, problem: "index size does not match its header (truncated?)")
        }
        return Shape(version: version, count: count, runCount: runCount)
    }

    /// Checks an index file completely: header, checksum, and equality with what its segment derives (in the
    /// file's own format). Returns the file's format version (older than `version`: valid, but to be rewritten).
    @discardableResult
    static func check(_ bytes: [UInt8], path: String, sequence: Int, segmentBytes: Int, expected: [IndexEntry])
        throws(StoreError) -> Int
    {
        let result: Result<Shape, StoreError> = bytes.withUnsafeBytes { raw in
            do throws(StoreError) {
                return .success(try shape(raw, path: path, sequence: sequence, segmentBytes: segmentBytes))
            } catch {
                return .failure(error)
            }
        }
        let version = try result.get().version
        let stored = UInt64(
            littleEndian: bytes.withUnsafeBytes { $0.loadUnaligned(fromByteOffset: bytes.count - 8, as: UInt64.self) })
        guard stored == checksum(bytes[0..<(bytes.count - 8)]) else {
            throw StoreError.corrupt(path: path, problem: "index checksum mismatch")
        }
        guard bytes == encode(sequence: sequence, segmentBytes: segmentBytes, entries: expected, version: version)
        else {
            throw StoreError.corrupt(path: path, problem: "index entries differ from the segment's records")
        }
        return version
    }

    /// FNV-1a over 64-bit words (bytes for the tail): fast enough to check every index on `verify`.
    static func checksum(_ bytes: ArraySlice<UInt8>) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        bytes.withUnsafeBytes { raw in
            var position = 0
            while position + 8 <= raw.count {
                hash = (hash ^ raw.loadUnaligned(fromByteOffset: position, as: UInt64.self)) &* 0x0000_0100_0000_01b3
                position += 8
            }
            while position < raw.count {
                hash = (hash ^ UInt64(raw[position])) &* 0x0000_0100_0000_01b3
                position += 1
            }
        }
        return hash
    }

    private static func appendWord(_ value: UInt64, _ buffer: inout [UInt8]) {
        var rest = value
        for _ in 0..<8 {
            buffer.append(UInt8(truncatingIfNeeded: rest))
            rest >>= 8
        }
    }
}

/// A stretch of consecutive index entries that belong to one feed.
struct FeedRun: Sendable, Hashable {
    var feedKey: UInt64
    var start: Int
    var count: Int

    static func runs(of entries: some Collection<IndexEntry>) -> [FeedRun] {
        var runs: [FeedRun] = []
        for (position, entry) in entries.enumerated() {
            if let last = runs.last, last.feedKey == entry.feedKey, last.start + last.count == position {
                runs[runs.count - 1].count += 1
            } else {
                runs.append(FeedRun(feedKey: entry.feedKey, start: position, count: 1))
            }
        }
        return runs
    }
}
