/// `index/<segment stem>.idx`: a segment's entries in binary, derived from the segment and rebuildable from
/// it at any time. Layout: 32-byte header (`AGIDX001`, sequence, entry count, segment size, little endian),
/// the 88-byte entries in segment order, and an 8-byte checksum of everything before it.
enum IndexFile {
    static let magic: [UInt8] = Array("AGIDX001".utf8)
    static let headerSize = 32

    static func encode(sequence: Int, segmentBytes: Int, entries: [IndexEntry]) -> [UInt8] {
        var buffer = magic
        buffer.reserveCapacity(headerSize + entries.count * IndexEntry.size + 8)
        for value in [UInt64(sequence), UInt64(entries.count), UInt64(segmentBytes)] {
            appendWord(value, &buffer)
        }
        for entry in entries { entry.write(into: &buffer) }
        appendWord(checksum(buffer[...]), &buffer)
        return buffer
    }

    /// Decodes an index file, checking its size against the header and, when `checked`, its checksum.
    static func decode(
        _ bytes: [UInt8], path: String, sequence: Int, segmentBytes: Int, checked: Bool
    ) throws(StoreError) -> [IndexEntry] {
        guard bytes.count >= headerSize + 8, Array(bytes[0..<8]) == magic else {
            throw StoreError.corrupt(path: path, problem: "not an index file (bad header)")
        }
        let result: Result<[IndexEntry], StoreError> = bytes.withUnsafeBytes { raw in
            func word(_ at: Int) -> UInt64 {
                UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: at, as: UInt64.self))
            }
            let count = Int(clamping: word(16))
            guard word(8) == UInt64(sequence), word(24) == UInt64(segmentBytes) else {
                return .failure(.corrupt(path: path, problem: "index belongs to another segment or segment size"))
            }
            guard count <= (bytes.count - headerSize - 8) / IndexEntry.size,
                bytes.count == headerSize + count * IndexEntry.size + 8
            else {
                return .failure(.corrupt(path: path, problem: "index size does not match its entry count (truncated?)"))
            }
            if checked, word(bytes.count - 8) != checksum(bytes[0..<(bytes.count - 8)]) {
                return .failure(.corrupt(path: path, problem: "index checksum mismatch"))
            }
            var entries: [IndexEntry] = []
            entries.reserveCapacity(count)
            for number in 0..<count {
                guard let entry = IndexEntry.read(raw, at: headerSize + number * IndexEntry.size) else {
                    return .failure(.corrupt(path: path, problem: "index entry \(number) has an unknown kind"))
                }
                entries.append(entry)
            }
            return .success(entries)
        }
        return try result.get()
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
