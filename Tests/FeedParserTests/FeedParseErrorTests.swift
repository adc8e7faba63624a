import FeedModel
import FeedParser
import Foundation
import Testing

/// Inputs that hold no feed are errors that say what is wrong and what to do.
@Suite struct FeedParseErrorTests {
    @Test(arguments: [
        ("empty.xml", FeedParseError.Kind.empty), ("whitespace-only.xml", .empty), ("not-a-feed.html", .notAFeed),
        ("not-a-feed-xhtml.xml", .notAFeed), ("not-a-feed-opml.xml", .notAFeed),
    ])
    func rejects(_ file: String, kind: FeedParseError.Kind) throws {
        let data = try Fixtures.data(file)
        #expect(throws: FeedParseError.self) { try FeedDocumentParser.parse(data) }
        do {
            _ = try FeedDocumentParser.parse(data)
        } catch {
            #expect(error.kind == kind)
            #expect(!error.hint.isEmpty)
        }
    }

    @Test func htmlPageIsRecognisedFromTheFirstChunk() {
        let parser = StreamingFeedParser()
        let keepGoing = Array("<!DOCTYPE html>\n<html><head>".utf8).withUnsafeBytes { parser.append($0) }
        #expect(keepGoing == false)
    }

    @Test func opmlIsNamed() throws {
        let data = try Fixtures.data("not-a-feed-opml.xml")
        do {
            _ = try FeedDocumentParser.parse(data)
            Issue.record("OPML parsed as a feed")
        } catch {
            #expect(error.reason.contains("OPML"))
        }
    }

    @Test func binaryIsNotAFeed() {
        #expect(throws: FeedParseError.self) { try FeedDocumentParser.parse([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A]) }
    }

    @Test func garbageMarkupIsUnrecoverable() {
        do {
            _ = try FeedDocumentParser.parse(Array("<<<>>>".utf8))
            Issue.record("garbage parsed")
        } catch {
            #expect(error.kind == .unrecoverable)
        }
    }

    @Test func sizeGuard() {
        let data = Array("<rss version=\"2.0\"><channel><title>big</title></channel></rss>".utf8)
        do {
            _ = try FeedDocumentParser.parse(data, options: ParseOptions(maxBytes: 20))
            Issue.record("size guard did not trip")
        } catch {
            #expect(error.kind == .tooLarge)
        }
    }
}

/// The sniffer routes `{` to the JSON Feed parser, also when the bytes arrive in small chunks.
@Suite struct JSONSniffingTests {
    @Test func jsonFeedIsRecognisedFromItsFirstByte() throws {
        let url = Fixtures.folder.appendingPathComponent("json/jsonfeed-1.1.json")
        let data = try Data(contentsOf: url)
        let whole = try FeedDocumentParser.parse(data)
        #expect(whole.format == .json11)
        #expect(!whole.items.isEmpty)
        let streamed = try Fixtures.parseInChunks(Data("  \n".utf8) + data, chunkSize: 5, options: ParseOptions())
        #expect(streamed == whole)
    }
}
