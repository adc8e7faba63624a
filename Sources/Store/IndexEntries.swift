#if canImport(Glibc)
    import Glibc
#endif

/// A segment's index entries: either a read-only memory map of its `.idx` file (opening a store costs no
/// copying or decoding; entries are decoded when visited) or an array (new or rebuilt indexes).
struct IndexEntries: RandomAccessCollection, Sendable {
    private let mapped: MappedFile?
    private let array: [IndexEntry]
    let count: Int

    init(_ entries: [IndexEntry]) {
        mapped = nil
        array = entries
        count = entries.count
    }

    /// Maps an index file, checking its header, size and entry kinds (not its checksum).
    init(mapping path: String, sequence: Int, segmentBytes: Int) throws(StoreError) {
        let file = try MappedFile(path: path)
        let raw = file.bytes
        guard raw.count >= IndexFile.headerSize + 8, raw.prefix(8).elementsEqual(IndexFile.magic) else {
            throw StoreError.corrupt(path: path, problem: "not an index file (bad header)")
        }
        func word(_ at: Int) -> UInt64 { UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: at, as: UInt64.self)) }
        guard word(8) == UInt64(sequence), word(24) == UInt64(segmentBytes) else {
            throw StoreError.corrupt(path: path, problem: "index belongs to another segment or segment size")
        }
        let count = Int(clamping: word(16))
        guard count <= (raw.count - IndexFile.headerSize - 8) / IndexEntry.size,
            raw.count == IndexFile.headerSize + count * IndexEntry.size + 8
        else {
            throw StoreError.corrupt(path: path, problem: "index size does not match its entry count (truncated?)")
        }
        for number in 0..<count
        where IndexEntry.Kind(rawValue: raw[IndexFile.headerSize + number * IndexEntry.size]) == nil {
            throw StoreError.corrupt(path: path, problem: "index entry \(number) has an unknown kind")
        }
        mapped = file
        array = []
        self.count = count
    }

    var startIndex: Int { 0 }
    var endIndex: Int { count }

    subscript(position: Int) -> IndexEntry {
        guard let mapped else { return array[position] }
        // Kinds were checked when mapping, so the entry always decodes.
        return IndexEntry.read(mapped.bytes, at: IndexFile.headerSize + position * IndexEntry.size)
            ?? IndexEntry(kind: .item, length: 0, offset: 0, feedKey: 0, itemKey: 0, hash: 0)
    }

    /// The feed key of one entry, without decoding the rest.
    func feedKey(at position: Int) -> UInt64 {
        guard let mapped else { return array[position].feedKey }
        let offset = IndexFile.headerSize + position * IndexEntry.size + 16
        return UInt64(littleEndian: mapped.bytes.loadUnaligned(fromByteOffset: offset, as: UInt64.self))
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
