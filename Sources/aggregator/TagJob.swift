import Claims
import FeedModel
import FeedParser
import Foundation

/// One unit of `aggregator tag` work: a feed file, or a slice of a JSON Lines items file. Jobs run in parallel
/// with one `TaggingSession` each and return their output already rendered.
struct TagJob: Sendable {
    enum Source: Sendable {
        /// A feed document (RSS, Atom, RDF, JSON Feed).
        case feed(path: String)
        /// Lines of the bench's items.jsonl: `{"id", "feed", "title", "text"}` (or `summary` / `content`).
        case lines(path: String, lines: [Data])
    }

    /// What a job produced.
    struct Outcome: Sendable {
        var output: [UInt8]
        var items: Int
        var links: Int
        var failure: String?
    }

    let source: Source
    let sessions: TaggingSessionPool
    let renderLinks: Bool

    var path: String {
        switch source {
        case .feed(let path), .lines(let path, _): return path
        }
    }

    /// Tags the job's items.
    func run() -> Outcome {
        let session = sessions.take()
        defer { sessions.giveBack(session) }
        var writer = LinkLineWriter()
        var items = 0
        var links = 0
        let feedName = (path as NSString).lastPathComponent
        func tag(id: String, feed: String, title: String?, summary: String?, content: String?) {
            items += 1
            for link in session.tag(id: id, title: title, summary: summary, content: content) {
                links += 1
                if renderLinks { writer.write(link, feed: feed) }
            }
        }
        switch source {
        case .feed(let path):
            let data: Data
            do {
                data = try Data(contentsOf: URL(fileURLWithPath: path))
            } catch {
                return Outcome(
                    output: [], items: 0, links: 0,
                    failure: "cannot read the file (\(error.localizedDescription)) — check the path")
            }
            let feed: ParsedFeed
            do {
                feed = try FeedDocumentParser.parse(data)
            } catch {
                return Outcome(output: [], items: 0, links: 0, failure: error.description)
            }
            for item in feed.items {
                tag(id: item.id, feed: feedName, title: item.title, summary: item.summary, content: item.content)
            }
        case .lines(_, let lines):
            for (number, line) in lines.enumerated() {
                guard let object = (try? JSONSerialization.jsonObject(with: line)) as? [String: Any],
                    let id = object["id"] as? String
                else {
                    return Outcome(
                        output: writer.bytes, items: items, links: links,
                        failure: "line \(number + 1) of a chunk is not an item object with an \"id\" — check the file")
                }
                let text = object["text"] as? String
                tag(
                    id: id, feed: object["feed"] as? String ?? feedName, title: object["title"] as? String,
                    summary: object["summary"] as? String, content: (object["content"] as? String) ?? text)
            }
        }
        return Outcome(output: writer.bytes, items: items, links: links, failure: nil)
    }

    /// Jobs for the given paths: one per feed file, and `.jsonl` files split into chunks of 500 lines.
    static func jobs(for paths: [String], tagger: Tagger, renderLinks: Bool) throws -> [TagJob] {
        let sessions = TaggingSessionPool(tagger: tagger)
        var jobs: [TagJob] = []
        for path in paths {
            guard path.hasSuffix(".jsonl") else {
                jobs.append(TagJob(source: .feed(path: path), sessions: sessions, renderLinks: renderLinks))
                continue
            }
            let data: Data
            do {
                data = try Data(contentsOf: URL(fileURLWithPath: path))
            } catch {
                throw TagFailure(
                    message: "\(path): cannot read the file (\(error.localizedDescription)) — check the path")
            }
            var chunk: [Data] = []
            for line in Self.lines(of: data) {
                chunk.append(line)
                if chunk.count == 500 {
                    jobs.append(
                        TagJob(source: .lines(path: path, lines: chunk), sessions: sessions, renderLinks: renderLinks))
                    chunk = []
                }
            }
            if !chunk.isEmpty {
                jobs.append(
                    TagJob(source: .lines(path: path, lines: chunk), sessions: sessions, renderLinks: renderLinks))
            }
        }
        return jobs
    }

    /// The non-empty lines of a JSON Lines file.
    private static func lines(of data: Data) -> [Data] {
        data.withUnsafeBytes { buffer -> [Data] in
            var out: [Data] = []
            var start = 0
            for index in 0...buffer.count where index == buffer.count || buffer[index] == 0x0A {
                if index > start { out.append(Data(buffer[start..<index])) }
                start = index + 1
            }
            return out
        }
    }

    /// Runs `jobs` on all cores and calls `handle` in job order as soon as the next result is ready.
    static func runInOrder(_ jobs: [TagJob], handle: (TagJob, Outcome) throws -> Void) async throws {
        try await OrderedParallel.forEach(jobs, work: { $0.run() }, handle: handle)
    }
}

/// A `tag` failure that stops the command.
struct TagFailure: Error, CustomStringConvertible {
    var message: String
    var description: String { message }
}
