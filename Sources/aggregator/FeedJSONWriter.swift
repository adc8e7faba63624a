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
            var index = Self.firstByteNeedingEscape(utf8, from: 0)
            while index < utf8.count {
                if index > runStart { bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart..<index])) }
                appendEscaped(utf8[index])
                runStart = index + 1
                index = Self.firstByteNeedingEscape(utf8, from: runStart)
            }
            if utf8.count > runStart {
                bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart..<utf8.count]))
            }
            bytes.append(0x22)
        }
    }

    private mutating func appendEscaped(_ byte: UInt8) {
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
            let hex: StaticString = "0123456789abcdef"
            bytes.append(contentsOf: [UInt8(ascii: "u"), 0x30, 0x30])
            bytes.append(hex.utf8Start[Int(byte >> 4)])
            bytes.append(hex.utf8Start[Int(byte & 0xF)])
        }
    }

    /// The index of the first byte at or after `start` that must be escaped (`"`, `\`, or below 0x20), or
    /// `utf8.count`. Eight bytes at a time: a word is skipped when none of its bytes can need escaping.
    private static func firstByteNeedingEscape(_ utf8: UnsafeBufferPointer<UInt8>, from start: Int) -> Int {
        guard let base = utf8.baseAddress else { return utf8.count }
        var index = start
        let ones: UInt64 = 0x0101_0101_0101_0101
        let highs: UInt64 = 0x8080_8080_8080_8080
        while index + 8 <= utf8.count {
            let word = UnsafeRawPointer(base + index).loadUnaligned(as: UInt64.self)
            let control = (word &- ones &* 0x20) & ~word & highs
            let quote = ((word ^ (ones &* 0x22)) &- ones) & ~(word ^ (ones &* 0x22)) & highs
            let backslash = ((word ^ (ones &* 0x5C)) &- ones) & ~(word ^ (ones &* 0x5C)) & highs
            if control | quote | backslash != 0 { break }
            index += 8
        }
        while index < utf8.count {
            let byte = base[index]
            if byte < 0x20 || byte == 0x22 || byte == 0x5C { return index }
            index += 1
        }
        return utf8.count
    }
}
