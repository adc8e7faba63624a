import FeedModel
import Foundation

/// Parses a whole feed document held in memory: RSS 0.90–2.0, RSS 1.0 (RDF), Atom 0.3/1.0 or JSON Feed 1.0/1.1.
///
/// This is `StreamingFeedParser` fed in one piece; see there for format sniffing, encodings and recovery.
///
/// ```swift
/// let feed = try FeedDocumentParser.parse(bytes, options: ParseOptions(documentURL: "https://example.com/feed"))
/// for item in feed.items { print(item.title ?? "(untitled)") }
/// ```
public enum FeedDocumentParser {
    /// Names how this parser reads documents. Stores remember a hash of each feed's last document salted with
    /// it and skip an identical document without parsing it; change it whenever the same bytes would parse
    /// differently, and every feed's next document is read again.
    public static let behaviourVersion = "aggregator-parser-2026-11-25"

    /// Parses `bytes`. Returns the feed with whatever could be recovered (and `warnings` saying what was wrong);
    /// throws `FeedParseError` when the bytes hold no feed at all (empty, HTML page, other XML, too large).
    public static func parse(_ bytes: UnsafeRawBufferPointer, options: ParseOptions) throws(FeedParseError)
        -> ParsedFeed
    {
        let parser = StreamingFeedParser(options: options)
        _ = parser.append(bytes)
        return try parser.finish()
    }

    /// Parses a byte array; see `parse(_:options:)`.
    public static func parse(_ bytes: [UInt8], options: ParseOptions = ParseOptions()) throws(FeedParseError)
        -> ParsedFeed
    {
        let result = bytes.withUnsafeBytes { buffer in
            Result { () throws(FeedParseError) in try parse(buffer, options: options) }
        }
        return try result.get()
    }

    /// Parses `Data`; see `parse(_:options:)`.
    public static func parse(_ data: Data, options: ParseOptions = ParseOptions()) throws(FeedParseError)
        -> ParsedFeed
    {
        let result = data.withUnsafeBytes { buffer in
            Result { () throws(FeedParseError) in try parse(buffer, options: options) }
        }
        return try result.get()
    }
}
