import FeedModel
import FeedParser
import Foundation
import TestSupport
import Testing

/// Every real feed in ../shared/corpus/real parses without error, with MANIFEST.tsv's item count.
@Suite(.enabled(if: TestPaths.realCorpusIsPresent, "shared corpus not present"))
struct RealCorpusTests {
    /// (file name, items) from MANIFEST.tsv for the feed documents (XML and JSON) in real/.
    static var manifest: [(String, Int)] {
        let url = TestPaths.realCorpus.deletingLastPathComponent().appendingPathComponent("MANIFEST.tsv")
        guard let text = try? String(contentsOf: url, encoding: .utf8) else { return [] }
        return text.split(separator: "\n").dropFirst().compactMap { line in
            let columns = line.split(separator: "\t", omittingEmptySubsequences: false)
            guard columns.count > 5, columns[0].hasPrefix("real/"), let items = Int(columns[5]) else { return nil }
            return (String(columns[0].dropFirst(5)), items)
        }
    }

    @Test func manifestIsComplete() throws {
        let files = try FileManager.default.contentsOfDirectory(atPath: TestPaths.realCorpus.path)
        let listed = Set(Self.manifest.map(\.0))
        for file in files where file.hasSuffix(".xml") {
            #expect(listed.contains(file), "\(file) is not in MANIFEST.tsv")
        }
    }

    @Test(arguments: manifest.map(\.0))
    func parsesWithTheManifestItemCount(_ file: String) throws {
        let expected = try #require(Self.manifest.first { $0.0 == file }?.1)
        let data = try Data(contentsOf: TestPaths.realCorpus.appendingPathComponent(file))
        let feed = try FeedDocumentParser.parse(data, options: ParseOptions(documentURL: "https://example.com/" + file))
        #expect(feed.items.count == expected)
        for item in feed.items {
            #expect(!item.id.isEmpty)
        }
    }
}
