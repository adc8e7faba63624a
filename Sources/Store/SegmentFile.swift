import Foundation

/// Reads a whole segment file: every record with its byte range, and what is wrong with it, if anything.
struct SegmentFile {
    struct Line {
        var record: SegmentRecord
        var offset: Int
        /// Without the newline.
        var length: Int
        var number: Int
    }

    var lines: [Line] = []
    /// Problems, first one first; empty for a valid, complete segment.
    var problems: [String] = []
    var sequence: Int?

    var isValid: Bool { problems.isEmpty }

    /// Parses `bytes`, collecting every valid line and describing every bad one (never throws).
    init(bytes: [UInt8], path: String) {
        var start = 0
        var number = 0
        var sawCommit = false
        while start < bytes.count {
            number += 1
            guard let newline = bytes[start...].firstIndex(of: 0x0A) else {
                problems.append("line \(number) is cut off (no newline): the file is truncated")
                break
            }
            if sawCommit {
                problems.append("line \(number) follows the commit record")
            }
            do {
                let record = try SegmentRecord.decode(bytes[start..<newline], path: path, line: number)
                switch record {
                case .header(let sequence, _):
                    if number != 1 { problems.append("line \(number): a segment header in the middle of the file") }
                    self.sequence = sequence
                case .commit(let sequence, let records):
                    sawCommit = true
                    if sequence != self.sequence {
                        problems.append("line \(number): commit record for segment \(sequence)")
                    }
                    if records != lines.count - 1 {
                        problems.append(
                            "line \(number): commit record counts \(records) records, found \(lines.count - 1)")
                    }
                default:
                    if number == 1 { problems.append("line 1 is not a segment header") }
                }
                lines.append(Line(record: record, offset: start, length: newline - start, number: number))
            } catch {
                problems.append(Self.shorten(error.description, path: path))
            }
            start = newline + 1
        }
        if number == 0 { problems.append("the file is empty") }
        if !sawCommit && !problems.contains(where: { $0.contains("truncated") }) {
            problems.append("no commit record at the end: the file is truncated")
        }
    }

    /// The index entries of the valid item and link lines.
    var indexEntries: [IndexEntry] {
        lines.compactMap { $0.record.indexEntry(offset: $0.offset, length: $0.length) }
    }

    /// The data records (everything but header and commit), for salvage and compaction.
    var dataRecords: [SegmentRecord] {
        lines.compactMap {
            switch $0.record {
            case .header, .commit: nil
            default: $0.record
            }
        }
    }

    private static func shorten(_ message: String, path: String) -> String {
        var text = message
        if text.hasPrefix(path + " ") { text.removeFirst(path.count + 1) }
        if let dash = text.range(of: " — run `aggregator verify") { text = String(text[..<dash.lowerBound]) }
        return text
    }
}

/// Builds the bytes of a new segment from records.
struct SegmentBuilder {
    private(set) var bytes: [UInt8] = []
    private(set) var entries: [IndexEntry] = []
    private(set) var records = 0
    let sequence: Int

    init(sequence: Int, created: Date) throws(StoreError) {
        self.sequence = sequence
        bytes = try SegmentRecord.header(sequence: sequence, created: created).encoded()
    }

    var isEmpty: Bool { records == 0 }

    /// Appends a record; returns its index entry when it has one.
    @discardableResult
    mutating func append(_ record: SegmentRecord) throws(StoreError) -> IndexEntry? {
        let line = try record.encoded()
        let offset = bytes.count
        bytes.append(contentsOf: line)
        records += 1
        guard let entry = record.indexEntry(offset: offset, length: line.count - 1) else { return nil }
        entries.append(entry)
        return entry
    }

    /// The finished file: the records plus the commit line.
    func finished() throws(StoreError) -> [UInt8] {
        bytes + (try SegmentRecord.commit(sequence: sequence, records: records).encoded())
    }
}
