import ArgumentParser
import FeedModel
import FeedParser
import Foundation
import Logging
import Store

/// `aggregator import FILE... [--feed-url URL]`: parses local feed documents and stores their items.
struct ImportCommand: AsyncParsableCommand, DiagnosticCommand, FileOperandCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Parse local feed documents (exports, archives, saved copies) into the store.",
        discussion: """
            Each file is one feed document (RSS, Atom, RDF or JSON Feed). Its items are added to the feed \
            given by --feed-url, or else to a feed named after the file's absolute path. Items already stored \
            are matched by their identity (GUID, else link…) and only new or changed items are written, so \
            importing the same files twice adds nothing; a file whose bytes are those of the last document \
            stored for its feed is not even parsed again. New and changed items are tagged with the claims of \
            --claims; when that file is missing or broken they are stored untagged (stderr says why once) and \
            `aggregator retag` tags them later.

            Files are committed in batches; after each commit one line per file says what was stored \
            ("committed FILE: ..."): those items are durable. A file that holds no feed is reported on stderr \
            and makes the exit status 1; the others are still imported. Exit status 3: another process is \
            writing the store (use --wait to wait for it).

            Examples:
              aggregator import saved/*.xml
              aggregator import --feed-url https://example.com/feed.xml archive-2025.xml
            """
    )

    @OptionGroup var store: StoreOptions

    @Argument(help: "Feed documents to import.")
    var files: [String]

    @Option(name: .customLong("feed-url"), help: "Store the documents' items under this feed URL.")
    var feedURL: String?

    @Option(help: "Commit after this many documents stored.")
    var batch = 100

    @Flag(help: "Wait for another writer to finish instead of failing.")
    var wait = false

    @OptionGroup var claims: ClaimsOptions

    @OptionGroup var output: OutputOptions

    var diagnosticsLevel: Logger.Level { output.level() }

    func validate() throws {
        if files.isEmpty { throw ValidationError("name at least one feed file") }
        if batch < 1 { throw ValidationError("--batch must be at least 1") }
        if let feedURL, !(feedURL.hasPrefix("http://") || feedURL.hasPrefix("https://")) {
            throw ValidationError("--feed-url must be an http:// or https:// URL")
        }
    }

    func run() async throws {
        let clock = ContinuousClock()
        let start = clock.now
        let writer: StoreWriter
        do {
            writer = try StoreWriter.open(at: store.path, command: "import", wait: wait)
        } catch {
            throw StoreFailure.exit(error)
        }
        let logger = Diagnostics.logger
        let tagging = StoreTagging(claims: claims, writer: writer, logger: logger)
        var totals = (files: 0, items: 0, added: 0, changed: 0, unchanged: 0)
        var uncommitted: [String] = []
        var storedSinceCommit = 0
        var failed = false
        let base = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
        do throws(StoreError) {
            let jobs = files.map { path in
                var job = ImportParseJob(path: path, base: base, feedURL: feedURL)
                job.storedDocumentHash = writer.lastDocument(forFeedURL: job.feedURL)?.hash
                // A feed with no document stored yet: its items are all new, so tag them in the parallel job
                // and leave the writer only the storing. Otherwise most items are usually unchanged and the
                // writer tags just the new and changed ones.
                if job.storedDocumentHash == nil { job.linker = tagging.linker }
                return job
            }
            try await ImportParseJob.runInOrder(jobs) { job, outcome throws(StoreError) in
                switch outcome {
                case .failure(let failure):
                    failed = true
                    logger.error("\(job.path): \(failure.description)")
                    writer.recordFeedResult(
                        FeedRunResult(
                            feedKey: FeedState.key(forURL: job.feedURL), url: job.feedURL, status: "failed",
                            message: failure.description))
                case .success(.identical):
                    // The feed's last stored document, byte for byte: every item is stored and unchanged.
                    let stored = writer.lastDocument(forFeedURL: job.feedURL)
                    let feedKey = FeedState.key(forURL: job.feedURL)
                    logger.debug("\(job.path): the same document as last time, not parsed again")
                    totals.files += 1
                    totals.items += stored?.items ?? 0
                    totals.unchanged += stored?.distinct ?? 0
                    writer.recordFeedResult(
                        FeedRunResult(feedKey: feedKey, url: job.feedURL, status: "imported", added: 0, changed: 0))
                    uncommitted.append(
                        "committed \(job.path): 0 new, 0 changed, \(stored?.distinct ?? 0) unchanged (feed \(feedKey), "
                            + "the same document as last time)\n")
                case .success(.parsed(let feed, let documentHash, let links)):
                    let result = try writer.upsert(feed, feedURL: job.feedURL, documentHash: documentHash)
                    storedSinceCommit += 1
                    logger.debug("\(job.path): \(feed.items.count) items, stored under \(job.feedURL)")
                    try tagging.tag(feed, result: result, writer: writer, precomputed: links)
                    totals.files += 1
                    totals.items += feed.items.count
                    totals.added += result.added
                    totals.changed += result.changed
                    totals.unchanged += result.unchanged
                    writer.recordFeedResult(
                        FeedRunResult(
                            feedKey: result.feedKey, url: job.feedURL, status: "imported", added: result.added,
                            changed: result.changed))
                    uncommitted.append(
                        "committed \(job.path): \(result.added) new, \(result.changed) changed, "
                            + "\(result.unchanged) unchanged (feed \(result.feedKey))\n")
                }
                // Commit by documents stored, not files read: an identical document writes nothing, and every
                // commit rewrites the manifest, so a re-import commits once, at the end.
                if storedSinceCommit >= batch {
                    try writer.commit()
                    try? StandardStreams.writeOutput(Array(uncommitted.joined().utf8))
                    uncommitted.removeAll()
                    storedSinceCommit = 0
                }
            }
            try writer.finish()
            try? StandardStreams.writeOutput(Array(uncommitted.joined().utf8))
        } catch {
            throw StoreFailure.exit(error)
        }
        if tagging.skipReason == nil {
            logger.info("import: tagged \(tagging.itemsTagged) items, \(tagging.linksWritten) claim links")
        }
        let elapsed = clock.now - start
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        let summary =
            "files=\(totals.files) items=\(totals.items) new=\(totals.added) changed=\(totals.changed) "
            + "unchanged=\(totals.unchanged) seconds=\(String(format: "%.3f", seconds))\n"
        try? StandardStreams.writeOutput(Array(summary.utf8))
        if failed { throw ExitCode(1) }
    }
}

/// Reading and parsing one file for `aggregator import`, in parallel with the others.
struct ImportParseJob: Sendable {
    /// What reading a file gave.
    enum Document: Sendable {
        /// The feed, the hash of the bytes it was parsed from, and its items' links when the job computed them.
        case parsed(ParsedFeed, documentHash: String, links: PrecomputedLinks?)
        /// The same bytes as the feed's last stored document: not parsed.
        case identical
    }

    let path: String
    /// The feed URL the items are stored under.
    let feedURL: String
    /// The hash of the last document stored for the feed, if the store has one.
    var storedDocumentHash: String?
    /// Tags the parsed items in the job (nil: the writer tags what it stores).
    var linker: FeedLinker?

    init(path: String, base: URL, feedURL: String?) {
        self.path = path
        self.feedURL = feedURL ?? URL(fileURLWithPath: path, relativeTo: base).standardizedFileURL.absoluteString
    }

    /// Parses the jobs on all cores and hands the results to `handle` in argument order; the first store error
    /// stops the run.
    static func runInOrder(
        _ jobs: [ImportParseJob],
        handle: (ImportParseJob, Result<Document, FileParseFailure>) throws(StoreError) -> Void
    ) async throws(StoreError) {
        var failure: StoreError?
        do {
            let handleInOrder: (ImportParseJob, Result<Document, FileParseFailure>) throws -> Void = { job, outcome in
                do throws(StoreError) {
                    try handle(job, outcome)
                } catch {
                    failure = error
                    throw error
                }
            }
            try await OrderedParallel.forEach(jobs, work: { $0.read() }, handle: handleInOrder)
        } catch {
            // `handle` is the only thing that throws, and its error is in `failure`.
        }
        if let failure { throw failure }
    }

    /// Reads the file, and parses it unless it is the feed's last stored document (and tags its items, with a
    /// `linker`).
    func read() -> Result<Document, FileParseFailure> {
        guard let data = FileManager.default.contents(atPath: path) else {
            return .failure(FileParseFailure(description: "cannot read the file — check the path and permissions"))
        }
        let documentHash = data.withUnsafeBytes {
            DocumentFingerprint.hash(of: $0, salt: FeedDocumentParser.behaviourVersion)
        }
        if documentHash == storedDocumentHash { return .success(.identical) }
        do {
            let options = ParseOptions(documentURL: feedURL.hasPrefix("file:") ? nil : feedURL)
            let feed = try FeedDocumentParser.parse(data, options: options)
            return .success(.parsed(feed, documentHash: documentHash, links: linker?.links(for: feed)))
        } catch {
            return .failure(FileParseFailure(description: error.description))
        }
    }
}
