import FeedModel
import FeedParser
import Foundation
import Testing

/// Damaged documents never crash the parser: every fixture cut at many points and with bytes flipped
/// (deterministic, seeded) either parses or throws `FeedParseError`.
@Suite struct RobustnessTests {
    /// A small deterministic generator (SplitMix64), so failures reproduce.
    struct SplitMix: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var value = state
            value = (value ^ (value >> 30)) &* 0xBF58_476D_1CE4_E5B9
            value = (value ^ (value >> 27)) &* 0x94D0_49BB_1331_11EB
            return value ^ (value >> 31)
        }
    }

    @Test(arguments: Fixtures.goldenNames)
    func damagedDocumentsDoNotCrash(_ name: String) throws {
        let file = try #require(Fixtures.feedFile(forGolden: name))
        let original = try [UInt8](Fixtures.data(file))
        var generator = SplitMix(state: UInt64(original.count))
        let options = ParseOptions(documentURL: Fixtures.documentURL)
        for round in 0..<40 {
            var bytes = original
            if round % 2 == 0 {
                bytes = Array(bytes.prefix(Int.random(in: 0...bytes.count, using: &generator)))
            } else {
                for _ in 0..<4 where !bytes.isEmpty {
                    let index = Int.random(in: 0..<bytes.count, using: &generator)
                    let replacements: [UInt8] = [0x3C, 0x3E, 0x26, 0x22, 0x00, 0xFF, 0xC3, 0x2F]
                    bytes[index] = replacements[Int.random(in: 0..<replacements.count, using: &generator)]
                }
            }
            do {
                let feed = try Fixtures.parseInChunks(Data(bytes), chunkSize: 97, options: options)
                #expect(feed.items.allSatisfy { !$0.id.isEmpty })
            } catch {
                #expect(!error.reason.isEmpty)
            }
        }
    }
}
