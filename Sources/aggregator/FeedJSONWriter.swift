import FeedModel
import Foundation

/// Writes parsed feeds as the JSON of `aggregator parse --json`: keys in the documented order, `null` for
/// missing values, dates as RFC 3339 UTC, one object per line. Strings are escaped per RFC 8259 (quotes,
/// backslashes and control characters); non-ASCII text is kept as UTF-8.
struct FeedJSONWriter {
    /// The bytes written so far.
    private(set) var bytes: [UInt8] = []

    init(capacity: Int = 64 * 1024) {
        bytes.reserveCapacity(capacity)
    }

    mutating func removeAll() {
        bytes.removeAll(keepingCapacity: true)
    }

    /// Writes the whole feed on one line, newline included.
    mutating func writeFeed(_ feed: ParsedFeed) {
        writeFeedHead(feed)
        for (index, item) in feed.items.enumerated() {
            if index > 0 { raw(", ") }
            writeItem(item)
        }
        writeFeedTail()
    }

    /// Everything up to and including `"items": [`.
    mutating func writeFeedHead(_ feed: ParsedFeed) {
        raw("{\"format\": ")
        string(feed.format.rawValue)
        raw(", \"title\": ")
        optional(feed.title)
        raw(", \"link\": ")
        optional(feed.link)
        raw(", \"description\": ")
        optional(feed.description)
        raw(", \"language\": ")
        optional(feed.language)
        raw(", \"updated\": ")
        optional(feed.updated?.rfc3339)
        raw(", \"warnings\": [")
        for (index, warning) in feed.warnings.enumerated() {
            if index > 0 { raw(", ") }
            string(warning)
        }
        raw("], \"items\": [")
    }

    /// Closes the item list and the feed object, and ends the line.
    mutating func writeFeedTail() {
        raw("]}\n")
    }

    mutating func writeItem(_ item: FeedItem) {
        raw("{\"id\": ")
        string(item.id)
        raw(", \"title\": ")
        optional(item.title)
        raw(", \"link\": ")
        optional(item.link)
        raw(", \"published\": ")
        optional(item.published?.rfc3339)
        raw(", \"updated\": ")
        optional(item.updated?.rfc3339)
        raw(", \"authors\": [")
        for (index, author) in item.authors.enumerated() {
            if index > 0 { raw(", ") }
            string(author)
        }
        raw("], \"summary\": ")
        optional(item.summary)
        raw(", \"content\": ")
        optional(item.content)
        raw(", \"categories\": [")
        for (index, category) in item.categories.enumerated() {
            if index > 0 { raw(", ") }
            string(category)
        }
        raw("], \"enclosures\": [")
        for (index, enclosure) in item.enclosures.enumerated() {
            if index > 0 { raw(", ") }
            raw("{\"url\": ")
            string(enclosure.url)
            raw(", \"type\": ")
            optional(enclosure.type)
            raw(", \"length\": ")
            if let length = enclosure.length { raw(String(length)) } else { raw("null") }
            raw("}")
        }
        raw("]}")
    }

    // MARK: - Primitives

    private mutating func raw(_ text: StaticString) {
        bytes.append(contentsOf: UnsafeBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount))
    }

    private mutating func raw(_ text: String) {
        bytes.append(contentsOf: text.utf8)
    }

    private mutating func optional(_ value: String?) {
        if let value { string(value) } else { raw("null") }
    }

    /// A JSON string literal: `"` and `\` escaped, control characters as \n, \t, ... or \u00XX.
    mutating func string(_ value: String) {
        var copy = value
        copy.withUTF8 { utf8 in
            bytes.append(0x22)
            var runStart = 0
            for index in 0..<utf8.count {
                let byte = utf8[index]
                guard byte < 0x20 || byte == 0x22 || byte == 0x5C else { continue }
                if index > runStart { bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart..<index])) }
                runStart = index + 1
                bytes.append(0x5C)
                switch byte {
                case 0x22: bytes.append(0x22)
                case 0x5C: bytes.append(0x5C)
                case 0x0A: bytes.append(UInt8(ascii: "n"))
                case 0x0D: bytes.append(UInt8(ascii: "r"))
                case 0x09: bytes.append(UInt8(ascii: "t"))
                case 0x08: bytes.append(UInt8(ascii: "b"))
                case 0x0C: bytes.append(UInt8(ascii: "f"))
                default:
                    let hex: [UInt8] = Array("0123456789abcdef".utf8)
                    bytes.append(contentsOf: [UInt8(ascii: "u"), 0x30, 0x30, hex[Int(byte >> 4)], hex[Int(byte & 0xF)]])
                }
            }
            if utf8.count > runStart {
                bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart..<utf8.count]))
            }
            bytes.append(0x22)
        }
    }
}
