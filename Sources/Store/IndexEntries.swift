#if canImport(Glibc)
    import Glibc
#endif

/// A segment's index entries in their file form (88 bytes each): either a read-only memory map of its
/// `.idx` file (opening a store costs no copying or decoding; entries are decoded when visited) or the
/// encoded bytes of new or rebuilt entries. Scans that filter on a few fields read those fields straight
/// from `withRawEntries` instead of decoding whole entries.
struct IndexEntries: RandomAccessCollection, Sendable {
    private let mapped: MappedFile?
    private let owned: [UInt8]
    let count: Int
    /// The feed runs (from the file, or computed for an array).
    let runs: [FeedRun]
    /// Whether link entries carry stance and confidence (false for a format 2 file).
    let hasLinkFacts: Bool

    init(_ entries: [IndexEntry]) {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(entries.count * IndexEntry.size)
        for entry in entries { entry.write(into: &bytes) }
        mapped = nil
        owned = bytes
        count = entries.count
        runs = FeedRun.runs(of: entries)
        hasLinkFacts = true
    }

    /// Maps an index file, checking its header and size (not its checksum; `verify` does that). Only the
    /// header and the feed runs are read now; entries are decoded when visited.
    init(mapping path: String, sequence: Int, segmentBytes: Int) throws(StoreError) {
        let file = try MappedFile(path: path)
        let raw = file.bytes
        let shape = try IndexFile.shape(raw, path: path, sequence: sequence, segmentBytes: segmentBytes)
        var runs: [FeedRun] = []
        runs.reserveCapacity(shape.runCount)
        for number in 0..<shape.runCount {
            let at = shape.runsOffset + number * IndexFile.runSize
            func word(_ offset: Int) -> Int {
                Int(clamping: UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: at + offset, as: UInt64.self)))
            }
            let run = FeedRun(
                feedKey: UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: at, as: UInt64.self)),
                start: word(8), count: word(16))
            guard run.start >= 0, run.count >= 0, run.start + run.count <= shape.count else {
                throw StoreError.corrupt(path: path, problem: "index feed run \(number) points outside the entries")
            }
            runs.append(run)
        }
        mapped = file
        owned = []
        count = shape.count
        self.runs = runs
        hasLinkFacts = shape.version >= 3
    }

    var startIndex: Int { 0 }
    var endIndex: Int { count }

    subscript(position: Int) -> IndexEntry {
        withRawEntries { raw in
            // An unknown kind byte (a damaged file that passed the size checks) reads as an empty item entry.
            IndexEntry.read(raw, at: position * IndexEntry.size)
                ?? IndexEntry(kind: .item, length: 0, offset: 0, feedKey: 0, itemKey: 0, hash: 0)
        }
    }

    /// Calls `body` with the entries' bytes: `count` entries of `IndexEntry.size` bytes, in file layout.
    func withRawEntries<Result>(_ body: (UnsafeRawBufferPointer) -> Result) -> Result {
        if let mapped {
            let start = IndexFile.headerSize
            return body(UnsafeRawBufferPointer(rebasing: mapped.bytes[start..<(start + count * IndexEntry.size)]))
        }
        return owned.withUnsafeBytes { body($0) }
    }
}

/// A read-only private memory map of a whole file, unmapped when released. Store files are never changed
/// in place (they are replaced by rename), so a mapping stays valid for as long as it is held.
final class MappedFile: @unchecked Sendable {
    let bytes: UnsafeRawBufferPointer

    init(path: String) throws(StoreError) {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        if fd < 0 { throw StoreError.from(errno: errno, path: path, operation: "open") }
        defer { _ = close(fd) }
        var info = stat()
        if fstat(fd, &info) != 0 { throw StoreError.from(errno: errno, path: path, operation: "stat") }
        let length = Int(info.st_size)
        guard length > 0 else {
            bytes = UnsafeRawBufferPointer(start: nil, count: 0)
            return
        }
        let address = mmap(nil, length, PROT_READ, MAP_PRIVATE, fd, 0)
        guard let address, address != MAP_FAILED else {
            throw StoreError.from(errno: errno, path: path, operation: "mmap")
        }
        bytes = UnsafeRawBufferPointer(start: address, count: length)
    }

    deinit {
        if let base = bytes.baseAddress { _ = munmap(UnsafeMutableRawPointer(mutating: base), bytes.count) }
    }
}
