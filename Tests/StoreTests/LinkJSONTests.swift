import FeedModel
import Foundation
import Testing

@testable import Store

/// Link records are written by `JSONWriter.link`, not by Foundation's encoder: the bytes must be the encoder's,
/// since the store hashes them (`ItemKeys.linkHash`) and stores written before hold the encoder's output.
@Suite struct LinkJSONTests {
    static let awkwardStrings: [String] = [
        "",
        "plain",
        "quote \" backslash \\ slash / and // url https://example.com/a?b=1&c=2",
        String((0..<0x20).map { Character(Unicode.Scalar(UInt8($0))) }),
        "del \u{7F} nbsp \u{A0} line sep \u{2028} para sep \u{2029} bom \u{FEFF}",
        "Зеленський: «мир» — Донбас, Трамп’s “quotes” \u{1F54A} e\u{301}",
        "tab\tnewline\ncarriage\rform\u{0C}backspace\u{08}",
        String(repeating: "long sentence … ", count: 40),
    ]

    static let confidences: [Double] = [
        0, 1, 0.3, 0.35, 0.45, 0.5, 0.55, 0.6, 0.65, 0.7, 0.75, 0.8, 0.85, 0.9, 0.95, 1.0 / 3, 2.0 / 3, 0.1 + 0.2,
        0.123456789012345, 1e-7, 5e-324, 0.999999999999, 0.25, 0.125, 1e-4, 0.0001234,
    ]

    @Test func linkBytesEqualTheEncoders() throws {
        var checked = 0
        for (index, text) in Self.awkwardStrings.enumerated() {
            for confidence in Self.confidences {
                let stance = Stance.allCases[(index + checked) % Stance.allCases.count]
                let field = ItemField.allCases[(index + checked) % ItemField.allCases.count]
                let terms = Array(Self.awkwardStrings.prefix(checked % 4))
                let link = ClaimLink(
                    itemID: "0123456789abcdef-\(text)", claimID: "claim-\(index)", stance: stance,
                    confidence: confidence, terms: terms, field: field, snippet: text)
                var writer = JSONWriter()
                try writer.link(link)
                let expected = try StoreJSON.encoder.encode(link)
                #expect(
                    writer.bytes == Array(expected),
                    "\(String(decoding: writer.bytes, as: UTF8.self)) != \(String(decoding: expected, as: UTF8.self))")
                checked += 1
            }
        }
        #expect(checked == Self.awkwardStrings.count * Self.confidences.count)
    }

    @Test func aLinkRecordReadsBackAsWritten() throws {
        let link = ClaimLink(
            itemID: "0123456789abcdef-fedcba9876543210", claimID: "trump-endorses-ceding-donbas", stance: .disputes,
            confidence: 0.55, terms: ["trump", "донбас*", "\"give up\""], field: .summary,
            snippet: Self.awkwardStrings[5] + " " + Self.awkwardStrings[6])
        let line = try SegmentRecord.link(itemID: link.itemID, claimID: link.claimID, link: link).encoded()
        let record = try SegmentRecord.decode(line.dropLast(), path: "test", line: 1)
        guard case .link(let itemID, let claimID, let decoded) = record else {
            Issue.record("not read back as a link record")
            return
        }
        #expect(itemID == link.itemID)
        #expect(claimID == link.claimID)
        #expect(decoded == link)
    }

    @Test func aConfidenceThatIsNotFiniteIsRefusedLikeTheEncoderDoes() {
        let link = ClaimLink(
            itemID: "0123456789abcdef-fedcba9876543210", claimID: "c", stance: .mentions, confidence: .nan,
            terms: [], field: .title, snippet: "")
        var writer = JSONWriter()
        #expect(throws: StoreError.self) { try writer.link(link) }
        #expect(throws: (any Error).self) { try StoreJSON.encoder.encode(link) }
    }
}
