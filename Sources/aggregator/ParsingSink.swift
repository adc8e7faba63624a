import FeedModel
import FeedParser
import Fetcher

/// Feeds a 200 body straight into the streaming feed parser, chunk by chunk, as libcurl delivers it.
/// The HTTP charset and the final URL (after redirects) are handed to the parser.
final class ParsingSink: FetchBodySink {
    /// What parsing one body gave.
    enum Product: Sendable {
        case feed(ParsedFeed)
        case notAFeed(FeedParseError)
        /// The transfer failed mid-body; the partial document was discarded.
        case incomplete
    }

    private let parser: StreamingFeedParser

    init(head: ResponseHead, maxBytes: Int) {
        parser = StreamingFeedParser(
            options: ParseOptions(documentURL: head.url, charset: head.charset, maxBytes: maxBytes))
    }

    func receive(_ chunk: UnsafeRawBufferPointer) -> Bool {
        parser.append(chunk)
    }

    func finish(error: FetchError?) -> Product {
        if let error, error.kind != .rejectedBody { return .incomplete }
        do {
            return .feed(try parser.finish())
        } catch {
            return .notAFeed(error)
        }
    }
}
