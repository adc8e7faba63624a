import ArgumentParser
import FeedModel
import FeedParser
import Fetcher
import Foundation
import Logging
import Store

/// `aggregator fetch`: what cron runs every 15 minutes.
struct FetchCommand: ParsableCommand, DiagnosticCommand {
    static let configuration = CommandConfiguration(
        commandName: "fetch",
        abstract: "Fetch the due feeds of the subscription list, parse them and store new items.",
        discussion: """
            Only feeds that are due are fetched (see `aggregator feeds list`): the next fetch of a feed waits for \
            the larger of 15 minutes, its RSS <ttl>, the server's Cache-Control max-age or Expires, and how \
            often it really publishes (at most 24 hours); failures back off exponentially up to 24 hours, and a \
            429/503 Retry-After pauses the whole host. Requests are conditional (ETag, Last-Modified), 16 at a \
            time, at most 2 per host; redirects (at most 5, http and https only) are followed, and a 301/308 \
            moves the feed to its new URL. Proxies come from http_proxy, https_proxy and no_proxy. New and \
            changed items are tagged with the claims of --claims; when that file is missing or broken they are \
            stored untagged and `aggregator retag` tags them later. stderr says why once per run: a warning \
            when the file was named (--claims, AGGREGATOR_CLAIMS, claims: in aggregator.yaml) or is broken; \
            only with --verbose when the default Feeds/claims.yaml does not exist.

            Quiet unless something is wrong: each failed feed is named on stderr with what to do, then a \
            summary line. --quiet leaves only the failed feeds; --verbose adds a line per feed and per transfer \
            (HTTP status, bytes, seconds). Exit status: 0 all well, 1 some feeds failed, 2 usage or \
            configuration error, 3 another run holds the store.

            Examples:
              aggregator fetch
              aggregator fetch --opml my.opml --store /var/lib/aggregator --json
              aggregator fetch --all --force --verbose
              aggregator fetch --quiet        # from cron: only failed feeds are named
            """
    )

    @OptionGroup var subscriptions: SubscriptionOptions
    @OptionGroup var store: StoreOptions

    @OptionGroup var claims: ClaimsOptions

    @Flag(help: "Fetch every feed now, ignoring the schedule and back-off (retired feeds stay retired).")
    var all = false

    @Flag(help: "Ignore the stored validators: ask for full bodies (no If-None-Match / If-Modified-Since).")
    var force = false

    @Flag(help: "Print a JSON run summary on stdout.")
    var json = false

    @OptionGroup var output: OutputOptions

    @Flag(help: "Wait for another run to release the store instead of exiting with status 3.")
    var wait = false

    @Option(help: "Transfers at once (default: concurrency: in aggregator.yaml, else 16).")
    var concurrency: Int?

    @Option(
        name: .customLong("per-host"),
        help: "Transfers at once against one host (default: per_host: in aggregator.yaml, else 2).")
    var perHost: Int?

    @Option(help: "A URL or mailto: for site owners, added to the User-Agent (default: $AGGREGATOR_CONTACT).")
    var contact: String?

    @Option(
        name: .customLong("max-body-mib"),
        help: "Largest feed body accepted, in MiB (default: max_body_mib: in aggregator.yaml, else 16).")
    var maxBodyMiB: Int?

    @Option(help: .hidden)
    var now: String?

    var diagnosticsLevel: Logger.Level { output.level() }

    func validate() throws {
        if let now, DateParser.parse(now) == nil { throw ValidationError("--now must be an RFC 3339 date") }
        if let concurrency, concurrency < 1 { throw ValidationError("--concurrency must be at least 1") }
        if let perHost, perHost < 1 { throw ValidationError("--per-host must be at least 1") }
        if let maxBodyMiB, maxBodyMiB < 1 { throw ValidationError("--max-body-mib must be at least 1") }
    }

    func run() throws {
        let document = try subscriptions.loadExisting()
        let writer: StoreWriter
        do throws(StoreError) {
            writer = try StoreWriter.open(at: store.path, command: "fetch", wait: wait)
        } catch {
            if error.isLocked { throw StoreFailure.exit(error) }
            StandardStreams.writeError("aggregator: \(error.description)\n")
            throw ExitCode(2)
        }
        let directory = FeedDirectory(
            subscriptions: document.subscriptions, records: writer.snapshot().feeds)
        let fetchRun = FeedFetchRun(
            directory: directory, writer: writer,
            fetcher: Fetcher(configuration: fetcherConfiguration(), logger: Diagnostics.logger),
            schedule: FeedSchedule(), all: all, tagging: StoreTagging(claims: claims, writer: writer))
        let progress = ProgressLine(enabled: isatty(2) == 1 && Diagnostics.level == .notice)
        let summary: FeedFetchRun.Summary
        do throws(StoreError) {
            summary = try fetchRun.run(now: now.flatMap { DateParser.parse($0) } ?? Date()) { done, total in
                progress.update("fetching \(done)/\(total)")
            }
        } catch {
            progress.clear()
            throw StoreFailure.exit(error)
        }
        progress.clear()
        report(summary)
        if !summary.failures.isEmpty { throw ExitCode(1) }
    }

    private func fetcherConfiguration() -> FetcherConfiguration {
        let file = ActiveConfiguration.current
        var configuration = FetcherConfiguration()
        configuration.maxConcurrentTransfers = concurrency ?? file.concurrency ?? 16
        configuration.maxTransfersPerHost = perHost ?? file.perHost ?? 2
        configuration.maxBodyBytes = Int64(maxBodyMiB ?? file.maxBodyMiB ?? 16) * 1_048_576
        configuration.product = "aggregator/\(AggregatorVersion.string)"
        configuration.contact = contact ?? ProcessInfo.processInfo.environment["AGGREGATOR_CONTACT"] ?? file.contact
        configuration.useValidators = !force
        return configuration
    }
}

// MARK: - Reporting

extension FetchCommand {
    /// Failed feeds are errors; the summary is a notice when something failed (info otherwise); one line per
    /// feed and the parser's warnings are info; the fetcher's per-transfer lines are debug.
    private func report(_ summary: FeedFetchRun.Summary) {
        let logger = Diagnostics.logger
        for feed in summary.reports {
            if let message = feed.message, feed.status == "failed" || feed.status == "gone" {
                logger.error("\(message)")
            } else {
                logger.info("\(feed.url): \(verboseLine(feed))")
            }
            for warning in feed.warnings { logger.info("\(feed.url): warning: \(warning)") }
        }
        let failed = summary.failures.count
        let line =
            "fetch: \(summary.due) of \(summary.subscribed) feeds due; "
            + "\(summary.count("updated")) updated, \(summary.count("unchanged")) unchanged, "
            + "\(summary.count("deferred")) deferred, \(failed) failed"
            + (summary.retired > 0 ? ", \(summary.retired) retired (see `aggregator feeds list`)" : "")
            + String(format: " in %.2f s", summary.seconds)
        logger.log(level: failed > 0 ? .notice : .info, "\(line)")
        if json {
            try? StandardStreams.writeOutput(Array(jsonSummary(summary).utf8))
        }
    }

    private func verboseLine(_ feed: FeedFetchRun.FeedReport) -> String {
        var line: String
        switch feed.status {
        case "updated": line = "\(feed.items) items, \(feed.added) new, \(feed.changed) changed"
        case "unchanged": line = "not modified"
        case "deferred": line = feed.message ?? "deferred"
        default: line = feed.status
        }
        if let moved = feed.movedTo { line += " (moved permanently to \(moved))" }
        return line
    }

    private func jsonSummary(_ summary: FeedFetchRun.Summary) -> String {
        let added = summary.reports.reduce(0) { $0 + $1.added }
        let changed = summary.reports.reduce(0) { $0 + $1.changed }
        let items = summary.reports.reduce(0) { $0 + $1.items }
        var failures: [String] = []
        for feed in summary.failures {
            failures.append(
                "{\"url\":\(JSONText.quote(feed.url)),\"kind\":\(JSONText.quote(feed.kind ?? "unknown")),"
                    + "\"message\":\(JSONText.quote(feed.message ?? ""))}")
        }
        return "{\"subscribed\":\(summary.subscribed),\"due\":\(summary.due),"
            + "\"updated\":\(summary.count("updated")),\"unchanged\":\(summary.count("unchanged")),"
            + "\"deferred\":\(summary.count("deferred")),\"failed\":\(summary.failures.count),"
            + "\"retired\":\(summary.retired),\"items\":\(items),\"itemsAdded\":\(added),"
            + "\"itemsChanged\":\(changed),\"seconds\":\(String(format: "%.3f", summary.seconds)),"
            + "\"failures\":[\(failures.joined(separator: ","))]}\n"
    }
}

/// A single self-overwriting status line on stderr, only when stderr is a terminal.
final class ProgressLine {
    private let enabled: Bool
    private var lastDraw = Date.distantPast
    private var drawn = false

    init(enabled: Bool) {
        self.enabled = enabled
    }

    func update(_ text: String) {
        guard enabled, Date().timeIntervalSince(lastDraw) > 0.1 else { return }
        lastDraw = Date()
        drawn = true
        StandardStreams.writeError("\r\u{1B}[K\(text)")
    }

    func clear() {
        guard enabled, drawn else { return }
        StandardStreams.writeError("\r\u{1B}[K")
    }
}

/// Minimal JSON string quoting for hand-built summaries.
enum JSONText {
    static func quote(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if scalar.value < 0x20 {
                    out += String(format: "\\u%04x", scalar.value)
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }
}
