import FeedModel
import FeedParser
import Foundation

/// Parsing one file for `aggregator parse`: reads it in chunks into a `StreamingFeedParser` and renders the
/// output for the chosen mode. Jobs run in parallel; `runInOrder` hands results back in argument order.
struct FileParseJob: Sendable {
    enum Mode: Sendable {
        case text, json, stats
    }

    /// The rendered output (or the reason there is none), the item count and the bytes read.
    struct Outcome: Sendable {
        var result: Result<[UInt8], FileParseFailure>
        var items: Int
        var bytes: Int
    }

    let path: String
    let base: String?
    let mode: Mode

    /// Runs `jobs` on all cores, at most one per core at a time, and calls `handle` in argument order as soon
    /// as the next result is ready.
    static func runInOrder(
        _ jobs: [FileParseJob], handle: (FileParseJob, Outcome) throws -> Void
    ) async throws {
        try await OrderedParallel.forEach(jobs, work: { $0.run() }, handle: handle)
    }

    /// Parses the file (synchronously, streaming it from disk) and renders it.
    func run() -> Outcome {
        let options = ParseOptions(documentURL: base)
        var writer = FeedJSONWriter()
        var streamedItems = 0
        let parser: StreamingFeedParser
        if mode == .stats {
            // Full JSON work per item, without keeping the items: memory stays flat on huge feeds.
            parser = StreamingFeedParser(options: options) { item in
                writer.writeItem(item)
                streamedItems += 1
                writer.removeAll()
            }
        } else {
            parser = StreamingFeedParser(options: options)
        }
        let readFailure = Self.stream(path: path, into: parser)
        let bytes = parser.bytesReceived
        if let readFailure {
            return Outcome(result: .failure(readFailure), items: 0, bytes: bytes)
        }
        do {
            let feed = try parser.finish()
            switch mode {
            case .stats:
                writer.writeFeedHead(feed)
                writer.writeFeedTail()
                return Outcome(result: .success([]), items: streamedItems, bytes: bytes)
            case .json:
                writer.writeFeed(feed)
                return Outcome(result: .success(writer.bytes), items: feed.items.count, bytes: bytes)
            case .text:
                return Outcome(result: .success(Array(Self.listing(feed).utf8)), items: feed.items.count, bytes: bytes)
            }
        } catch {
            return Outcome(result: .failure(FileParseFailure(description: error.description)), items: 0, bytes: bytes)
        }
    }

    /// Reads the file (or stdin for "-") in 64 KiB chunks into the parser. Returns a failure when unreadable.
    private static func stream(path: String, into parser: StreamingFeedParser) -> FileParseFailure? {
        let descriptor = path == "-" ? 0 : open(path, O_RDONLY)
        guard descriptor >= 0 else {
            let reason = String(cString: strerror(errno))
            return FileParseFailure(description: "cannot open the file (\(reason)) — check the path and permissions")
        }
        defer { if descriptor != 0 { close(descriptor) } }
        var buffer = [UInt8](repeating: 0, count: 64 * 1024)
        while true {
            let count = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
            if count < 0 {
                if errno == EINTR { continue }
                let reason = String(cString: strerror(errno))
                return FileParseFailure(description: "cannot read the file (\(reason)) — check that it is a file")
            }
            if count == 0 { return nil }
            let keepGoing = buffer.withUnsafeBytes { parser.append(UnsafeRawBufferPointer(rebasing: $0[0..<count])) }
            if !keepGoing { return nil }
        }
    }

    /// The human-readable listing: title, format, link, warnings, then each item's date and title.
    static func listing(_ feed: ParsedFeed) -> String {
        var lines: [String] = []
        let count = feed.items.count
        lines.append(
            "\(feed.title ?? "(untitled feed)") [\(feed.format.rawValue), \(count) item\(count == 1 ? "" : "s")]")
        if let link = feed.link { lines.append(link) }
        for warning in feed.warnings { lines.append("warning: \(warning)") }
        for item in feed.items {
            let date =
                (item.published ?? item.updated)?.rfc3339 ?? "-".padding(toLength: 20, withPad: " ", startingAt: 0)
            lines.append("  \(date)  \(item.title ?? item.link ?? "(untitled)")")
        }
        return lines.joined(separator: "\n") + "\n"
    }
}

/// Why a file produced no feed, already phrased as "reason — hint".
struct FileParseFailure: Error, Sendable {
    var description: String
}
