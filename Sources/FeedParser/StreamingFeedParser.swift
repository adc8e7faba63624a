import FeedModel
import Foundation

/// Parses a feed document that arrives in chunks, e.g. from a libcurl write callback, without holding the
/// whole document in memory (XML is pushed to libxml2 chunk by chunk; JSON is buffered, it cannot stream).
///
/// ```swift
/// let parser = StreamingFeedParser(options: ParseOptions(documentURL: url, charset: httpCharset))
/// // in the write callback:
/// if !parser.append(chunk) { return 0 }   // false: stop the transfer (not a feed, too large, fatal error)
/// // when the transfer is done:
/// let feed = try parser.finish()
/// ```
///
/// **Sniffing.** The first non-whitespace byte (after a byte-order mark) decides: `{` is JSON Feed, `<` is XML.
/// An HTML page (`<!DOCTYPE html`, `<html`), XML with an unknown root element (OPML, sitemaps, ...) or
/// anything else is rejected as "not a feed", with a hint, as early as possible.
///
/// **Encodings.** XML is held back until 64 KiB (or the end) have arrived; then `EncodingDetector` chooses the
/// encoding from the BOM, `ParseOptions.charset` (wins over the declaration), the XML declaration, or a
/// UTF-8 check and a windows-1251/windows-1252 guess for undeclared documents.
///
/// **Recovery.** Bare `&`, HTML-only entities, whitespace before the declaration and libxml2-recoverable
/// errors are survived; a truncated document keeps the items completed so far plus the one in progress when it
/// has a title or link. Each such problem becomes a plain-words entry in `ParsedFeed.warnings`.
///
/// **Guards.** `ParseOptions.maxBytes` caps the input; libxml2's own depth limit caps nesting. Entities are
/// never expanded and nothing outside the given bytes is ever read.
public final class StreamingFeedParser {
    /// The options the parser was created with.
    public let options: ParseOptions
    private let onItem: ((FeedItem) -> Void)?
    private let extractor = TextExtractor()
    private var state = State.sniffing
    private var pending: [UInt8] = []
    private var byteCount = 0

    private enum State {
        case sniffing
        case waitingForEncoding
        case xml(XMLSession)
        case json
        case failed(FeedParseError)
    }

    /// An XML parse in progress: the driver, its delegate and what the encoding decision said.
    private struct XMLSession {
        let driver: SAXDriver
        let feedParser: XMLFeedParser
        let encodingNote: String?
    }

    /// Creates a parser. With `onItem`, every completed item is handed over as soon as its end tag is read
    /// and not kept in `ParsedFeed.items` (so memory stays bounded on very large feeds). Items arrive in
    /// document order and never concurrently, but once a document passes
    /// `StreamingFeedParserLimits.pipelineThreshold` they are built, and `onItem` is called, on a second thread;
    /// all calls have happened when `finish()` returns.
    public init(options: ParseOptions = ParseOptions(), onItem: ((FeedItem) -> Void)? = nil) {
        self.options = options
        self.onItem = onItem
    }

    /// The number of bytes appended so far.
    public var bytesReceived: Int { byteCount }

    /// Feeds the next chunk. Returns false when parsing has stopped and more input is useless (the document
    /// is not a feed, is too large, or libxml2 gave up); `finish()` then says why or returns what was read.
    public func append(_ chunk: UnsafeRawBufferPointer) -> Bool {
        byteCount += chunk.count
        if byteCount > options.maxBytes {
            if case .xml(let session) = state { session.driver.stop() }
            state = .failed(Self.tooLarge(options.maxBytes))
            pending = []
            return false
        }
        switch state {
        case .failed:
            return false
        case .json:
            pending.append(contentsOf: chunk)
            return true
        case .xml(let session):
            if byteCount > StreamingFeedParserLimits.pipelineThreshold
                && byteCount - chunk.count <= StreamingFeedParserLimits.pipelineThreshold
                && ProcessInfo.processInfo.activeProcessorCount > 1
            {
                session.feedParser.startPipeline()
            }
            return session.driver.feed(chunk) && session.feedParser.rejection == nil
        case .sniffing, .waitingForEncoding:
            pending.append(contentsOf: chunk)
            return advance(isComplete: false)
        }
    }

    /// Signals the end of input and returns the feed. Throws when there is no feed: empty input, not a feed,
    /// too large, or nothing recoverable.
    public func finish() throws(FeedParseError) -> ParsedFeed {
        switch state {
        case .sniffing, .waitingForEncoding:
            _ = advance(isComplete: true)
        default:
            break
        }
        switch state {
        case .sniffing, .waitingForEncoding:
            throw FeedParseError(
                .empty, reason: "the document is empty",
                hint: "check that the URL or file really serves a feed")
        case .failed(let error):
            throw error
        case .json:
            let bytes = pending
            pending = []
            let result = bytes.withUnsafeBytes { buffer in
                Result { () throws(FeedParseError) in
                    try JSONFeedParser.parse(buffer, documentURL: options.documentURL, extractor: extractor)
                }
            }
            var feed = try result.get()
            if let onItem {
                for item in feed.items { onItem(item) }
                feed.items = []
            }
            return feed
        case .xml(let session):
            return try finishXML(session)
        }
    }

    // MARK: - Sniffing

    /// Moves from sniffing to a decided state when enough bytes are there. Returns false on rejection.
    private func advance(isComplete: Bool) -> Bool {
        if case .sniffing = state {
            switch FeedSniffer.sniff(pending, isComplete: isComplete) {
            case .needMoreBytes:
                return true
            case .json:
                state = .json
                return true
            case .xml:
                state = .waitingForEncoding
            case .notAFeed(let error):
                state = .failed(error)
                pending = []
                return false
            }
        }
        guard case .waitingForEncoding = state, isComplete || pending.count >= EncodingDetector.sniffLength
        else { return true }
        guard let session = startXML(isComplete: isComplete) else {
            state = .failed(
                FeedParseError(
                    .unrecoverable, reason: "the XML parser could not be created (out of memory?)",
                    hint: "try again with more free memory"))
            pending = []
            return false
        }
        state = .xml(session)
        let head = pending
        pending = []
        return head.withUnsafeBytes { session.driver.feed($0) } && session.feedParser.rejection == nil
    }

    private func startXML(isComplete: Bool) -> XMLSession? {
        let feedParser = XMLFeedParser(documentURL: options.documentURL, extractor: extractor, onItem: onItem)
        let decision = pending.withUnsafeBytes {
            EncodingDetector.decide(head: $0, outsideCharset: options.charset, isComplete: isComplete)
        }
        if let driver = SAXDriver(
            delegate: feedParser, forcedEncoding: decision.forcedEncoding, documentURL: options.documentURL)
        {
            return XMLSession(driver: driver, feedParser: feedParser, encodingNote: decision.note)
        }
        // The charset named by the server or the declaration is unknown to iconv: judge by the bytes instead.
        let guess = pending.withUnsafeBytes { EncodingDetector.guess(head: $0, isComplete: isComplete) }
        let note =
            "the encoding \"\(decision.forcedEncoding ?? "")\" is unknown; the document was read as \(guess)"
        guard let driver = SAXDriver(delegate: feedParser, forcedEncoding: guess, documentURL: options.documentURL)
        else { return nil }
        return XMLSession(driver: driver, feedParser: feedParser, encodingNote: note)
    }

    // MARK: - Finishing XML

    private func finishXML(_ session: XMLSession) throws(FeedParseError) -> ParsedFeed {
        let wellFormed = session.driver.finish()
        let feedParser = session.feedParser
        defer { feedParser.finishPipeline() }
        if let rejection = feedParser.rejection { throw rejection }
        guard let format = feedParser.format else {
            let detail = session.driver.problems.first.map { ": line \($0.line): \($0.message)" } ?? ""
            throw FeedParseError(
                .unrecoverable, reason: "no XML element could be read from the document\(detail)",
                hint: "the file is not a feed or is damaged beyond repair; check the URL or file")
        }
        var warnings: [String] = []
        if let note = session.encodingNote { warnings.append(note) }
        warnings += Self.repairWarnings(session.driver.repairs)
        if !wellFormed || !session.driver.problems.isEmpty {
            for problem in session.driver.problems where problem.level >= 2 || !wellFormed {
                // libxml2's words for "the input stopped inside an element"; said more clearly below.
                if feedParser.isInsideDocument && problem.message == "Extra content at the end of the document" {
                    continue
                }
                let kind = problem.level >= 2 ? "XML error" : "XML warning"
                warnings.append("\(kind) on line \(problem.line): \(problem.message)")
            }
            let suppressed = session.driver.repairs.problems_suppressed
            if suppressed > 0 { warnings.append("\(suppressed) more XML problems were not listed") }
        }
        if feedParser.stoppedTooDeep {
            warnings.append(
                "elements are nested more than \(XMLFeedParser.maximumDepth) deep; parsing stopped there")
        }
        if feedParser.nestedItemsClosed > 0 {
            let count = feedParser.nestedItemsClosed
            warnings.append(
                "\(count) item\(count == 1 ? " was" : "s were") not closed before the next one started (mismatched tags)"
            )
        }
        if feedParser.isInsideDocument {
            let completed = feedParser.itemCount
            let keptPartial = feedParser.keepItemInProgress()
            warnings.append(
                "the document ends with elements still open (truncated, or tags that do not match); kept the \(completed) complete item"
                    + (completed == 1 ? "" : "s") + (keptPartial ? " and the incomplete last one" : ""))
        }
        feedParser.finishPipeline()
        return feedParser.makeFeed(format: format, warnings: warnings)
    }

    private static func repairWarnings(_ repairs: SAXRepairs) -> [String] {
        var warnings: [String] = []
        if repairs.leading_whitespace > 0 {
            warnings.append("whitespace before the XML declaration was ignored")
        }
        if repairs.bare_ampersands > 0 {
            let count = repairs.bare_ampersands
            warnings.append("\(count) unescaped '&' character\(count == 1 ? " was" : "s were") read as text")
        }
        if repairs.html_entities > 0 {
            let count = repairs.html_entities
            warnings.append(
                "\(count) HTML entit\(count == 1 ? "y (such as &nbsp;) was" : "ies (such as &nbsp;) were")"
                    + " decoded although XML does not define them")
        }
        if repairs.unknown_entities > 0 {
            let count = repairs.unknown_entities
            warnings.append(
                "\(count) undefined entity reference\(count == 1 ? " was" : "s were") kept as literal text"
                    + " (entities are never expanded)")
        }
        return warnings
    }

    private static func tooLarge(_ limit: Int) -> FeedParseError {
        FeedParseError(
            .tooLarge, reason: "the document is larger than the \(limit / (1024 * 1024)) MiB limit",
            hint: "check that the URL serves a feed; if it really is this large, raise ParseOptions.maxBytes")
    }
}

/// Tuning constants of `StreamingFeedParser`.
public enum StreamingFeedParserLimits {
    /// Documents larger than this build their items on a second thread (`ItemPipeline`) while parsing
    /// continues; smaller ones are parsed in parallel with each other instead (2 MiB).
    public static let pipelineThreshold = 2 * 1024 * 1024
}
