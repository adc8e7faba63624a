#if canImport(Glibc)
    import Glibc
#endif

/// Reads single records out of a segment by their index entries (one `pread` each).
enum RecordReader {
    static func read(_ entries: [IndexEntry], from path: String) throws(StoreError) -> [SegmentRecord] {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        if fd < 0 { throw StoreError.from(errno: errno, path: path, operation: "open") }
        defer { _ = close(fd) }
        var records: [SegmentRecord] = []
        records.reserveCapacity(entries.count)
        for entry in entries {
            let line = try FileIO.readRange(fd, offset: Int(entry.offset), length: Int(entry.length), path: path)
            guard line.count == Int(entry.length) else {
                throw StoreError.corrupt(
                    path: path, problem: "record at byte \(entry.offset) is cut off (truncated file)")
            }
            records.append(try SegmentRecord.decode(line, path: path, line: 0))
        }
        return records
    }
}
