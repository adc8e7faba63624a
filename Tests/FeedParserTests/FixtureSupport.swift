import FeedModel
import FeedParser
import Foundation

/// Loads the fixtures of this target and renders parsed feeds in the golden files' JSON shape.
enum Fixtures {
    /// The document URL every golden file was produced with (`--base`).
    static let documentURL = "https://example.com/feeds/main.xml"

    static var folder: URL {
        Bundle.module.resourceURL?.appendingPathComponent("Fixtures") ?? URL(fileURLWithPath: "Fixtures")
    }

    static func data(_ name: String) throws -> Data {
        try Data(contentsOf: folder.appendingPathComponent("feeds").appendingPathComponent(name))
    }

    /// Names (without extension) of the fixtures that have a golden file.
    static var goldenNames: [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.appendingPathComponent("golden").path))
        return (names ?? []).filter { $0.hasSuffix(".json") }.map { String($0.dropLast(5)) }.sorted()
    }

    /// The fixture file that belongs to a golden name.
    static func feedFile(forGolden name: String) -> String? {
        let files = (try? FileManager.default.contentsOfDirectory(atPath: folder.appendingPathComponent("feeds").path))
        return files?.first { ($0 as NSString).deletingPathExtension == name }
    }

    /// The golden file re-serialised canonically (sorted keys), for exact comparison.
    static func golden(_ name: String) throws -> String {
        let data = try Data(contentsOf: folder.appendingPathComponent("golden").appendingPathComponent(name + ".json"))
        return try canonical(JSONSerialization.jsonObject(with: data))
    }

    static func canonical(_ object: Any) throws -> String {
        let data = try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes])
        return String(decoding: data, as: UTF8.self)
    }

    /// The feed in the `aggregator parse --json` shape, canonically serialised.
    static func canonical(_ feed: ParsedFeed) throws -> String {
        try canonical(object(feed))
    }

    static func object(_ feed: ParsedFeed) -> [String: Any] {
        [
            "format": feed.format.rawValue, "title": value(feed.title), "link": value(feed.link),
            "description": value(feed.description), "language": value(feed.language),
            "updated": value(feed.updated?.rfc3339), "warnings": feed.warnings,
            "items": feed.items.map(object),
        ]
    }

    static func object(_ item: FeedItem) -> [String: Any] {
        [
            "id": item.id, "title": value(item.title), "link": value(item.link),
            "published": value(item.published?.rfc3339), "updated": value(item.updated?.rfc3339),
            "authors": item.authors, "summary": value(item.summary), "content": value(item.content),
            "categories": item.categories,
            "enclosures": item.enclosures.map { enclosure -> [String: Any] in
                [
                    "url": enclosure.url, "type": value(enclosure.type),
                    "length": enclosure.length.map { $0 as Any } ?? NSNull(),
                ]
            },
        ]
    }

    private static func value(_ string: String?) -> Any {
        string.map { $0 as Any } ?? NSNull()
    }

    /// Parses `data` through the streaming parser in chunks of `chunkSize` bytes.
    static func parseInChunks(_ data: Data, chunkSize: Int, options: ParseOptions) throws(FeedParseError) -> ParsedFeed
    {
        let parser = StreamingFeedParser(options: options)
        let bytes = [UInt8](data)
        var offset = 0
        while offset < bytes.count {
            let end = min(bytes.count, offset + chunkSize)
            let keepGoing = bytes[offset..<end].withUnsafeBytes { parser.append($0) }
            if !keepGoing { break }
            offset = end
        }
        return try parser.finish()
    }
}
