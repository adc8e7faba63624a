import FeedModel
import Foundation
import Testing

@testable import Store

/// The fast item-record parser must read exactly what `JSONDecoder` reads.
@Suite struct ItemRecordParserTests {
    static let tricky = FeedItem(
        id: "tag:example.com,2025:\"quoted\"\\slash/", title: "Зеленський: «мир» — \u{1F54A} \t tab\nnewline \u{1}",
        link: "https://example.com/a?b=1&c=2", published: Date(timeIntervalSince1970: 1_763_000_000),
        updated: nil, authors: ["Дарья", ""], summary: nil, content: "“Quotes” and \\u0041 literal",
        categories: [], enclosures: [Enclosure(url: "https://example.com/a.mp3", type: "audio/mpeg", length: 123)])

    @Test func roundTripsWhatTheStoreWrites() throws {
        let stored = StoredItem(
            id: "0123456789abcdef-fedcba9876543210", feedKey: "0123456789abcdef", identity: .linkPublished,
            firstSeen: Date(timeIntervalSince1970: 1_763_000_100),
            lastChanged: Date(timeIntervalSince1970: 1_763_000_200),
            contentHash: "00000000000000ff", item: Self.tricky)
        let line = try SegmentRecord.item(stored).encoded().dropLast()
        #expect(ItemRecordParser.parse(line) == stored)
        let decoded = try SegmentRecord.decode(line, path: "test", line: 1)
        guard case .item(let viaDecoder) = decoded else {
            Issue.record("not an item")
            return
        }
        #expect(viaDecoder == stored)
    }

    @Test func agreesWithJSONDecoderOnHandWrittenRecords() throws {
        let line = """
            { "item" : {"enclosures":[],"categories":["a"],"authors":[],"id":"x\\u00e9\\ud83d\\ude00","title":null,
            "extra":{"n":[1,2.5e3,true,null]}}, "contentHash":"00000000000000aa","lastChanged":"2025-11-24T10:00:00Z",
            "firstSeen":"2025-11-24T09:00:00+01:00","identity":"guid","feed":"0123456789abcdef",
            "id":"0123456789abcdef-0000000000000001","t":"item" }
            """.replacingOccurrences(of: "\n", with: "")
        let fast = try #require(ItemRecordParser.parse(Array(line.utf8)))
        #expect(fast.item.id == "xé😀")
        #expect(fast.item.title == nil)
        #expect(fast.firstSeen == Date(timeIntervalSince1970: 1_763_971_200))
        let slow = try StoreJSON.decoder.decode(SlowItemRecord.self, from: Data(line.utf8))
        #expect(slow.item == fast.item)
    }

    @Test(arguments: [
        #"{"t":"item","id":"0123456789abcdef-0000000000000001"}"#,
        #"{"t":"item","item":{"id":"x","authors":[],"categories":[]}}"#,
        #"{"t":"item","id":"a" "feed":"b"}"#,
        #"{"t":"item","id":"unterminated}"#,
    ])
    func rejectsWhatItCannotReadCompletely(line: String) {
        #expect(ItemRecordParser.parse(Array(line.utf8)) == nil)
    }

    private struct SlowItemRecord: Decodable {
        var item: FeedItem
    }
}
