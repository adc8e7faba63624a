import FeedModel
import FeedParser
import Fetcher
import Foundation
import Store

/// One `aggregator fetch` run: picks the due feeds, fetches them (bodies streamed into the parser), stores new
/// and changed items and every feed's new state, and reports what happened to each feed.
///
/// Two threads: the calling one runs libcurl's multi loop and the parser (inside the write callback), and tags
/// the items of feeds fetched for the first time; a store thread stores each parsed document (and tags the new
/// and changed items of the others) while the next ones download, so memory holds a few parsed documents at a
/// time, not the batch.
final class FeedFetchRun {
    /// What happened to one feed.
    struct FeedReport: Sendable {
        var url: String
        /// `updated`, `unchanged`, `failed`, `deferred`, `gone`.
        var status: String
        var items = 0
        var added = 0
        var changed = 0
        var kind: String?
        var message: String?
        var warnings: [String] = []
        var movedTo: String?
    }

    /// Totals for the summary line and `--json`.
    struct Summary: Sendable {
        var subscribed = 0
        var due = 0
        var retired = 0
        var reports: [FeedReport] = []
        var seconds = 0.0

        func count(_ status: String) -> Int { reports.count { $0.status == status } }
        var failures: [FeedReport] { reports.filter { $0.status == "failed" || $0.status == "gone" } }
    }

    private let directory: FeedDirectory
    private let writer: StoreWriter
    private let fetcher: Fetcher
    private let schedule: FeedSchedule
    private let ignoreSchedule: Bool
    private let commitEvery = 100
    private let tagging: StoreTagging?

    init(
        directory: FeedDirectory, writer: StoreWriter, fetcher: Fetcher, schedule: FeedSchedule, all: Bool,
        tagging: StoreTagging? = nil
    ) {
        self.tagging = tagging
        self.directory = directory
        self.writer = writer
        self.fetcher = fetcher
        self.schedule = schedule
        self.ignoreSchedule = all
    }

    /// Runs the batch. `progress` is called after each feed with (done, due). Store failures stop the run.
    func run(now: Date = Date(), progress: (Int, Int) -> Void) throws(StoreError) -> Summary {
        let started = Date()
        var summary = Summary(subscribed: directory.entries.count)
        // A Retry-After pauses the whole host: feeds of that host that were not in the run that got it wait too.
        var pausedHosts: [String: Date] = [:]
        for entry in directory.entries {
            guard let until = entry.state.retryAfter, until > now, let host = Self.host(of: entry.state.url) else {
                continue
            }
            pausedHosts[host] = max(until, pausedHosts[host] ?? until)
        }
        let due = directory.entries.filter { entry in
            guard schedule.isDue(entry.state, now: now, ignoringSchedule: ignoreSchedule) else { return false }
            guard !ignoreSchedule, let host = Self.host(of: entry.state.url) else { return true }
            return pausedHosts[host] == nil
        }
        summary.retired = directory.entries.count { $0.state.retired }
        summary.due = due.count
        let requests = due.map { entry in
            FetchRequest(
                url: entry.state.url, feedURL: entry.subscription.url, etag: entry.state.etag,
                lastModified: entry.state.lastModified)
        }
        let maxBytes = Int(clamping: fetcher.configuration.maxBodyBytes)
        var done = 0
        let makeSink = { (_: Int, head: ResponseHead) in ParsingSink(head: head, maxBytes: maxBytes) }
        // Two threads: this one runs libcurl and the parser (inside the write callback); the store thread
        // writes each parsed document while the next ones download and parse.
        let storeThread = StoreThread(capacity: 16)
        let collector = StoreCollector()
        let linker = tagging?.linker
        fetcher.fetchEach(requests, makeSink: makeSink) { index, outcome in
            done += 1
            progress(done, due.count)
            let entry = due[index]
            // A feed never fetched before: its items are all new, so tag them here, next to the parser, and
            // leave the store thread only the storing. Later fetches mostly repeat stored items: the store
            // thread tags just the new and changed ones.
            let precomputed: PrecomputedLinks?
            if let linker, entry.state.lastSuccess == nil, case .fetched = outcome.status,
                case .feed(let feed)? = outcome.product
            {
                precomputed = linker.links(for: feed)
            } else {
                precomputed = nil
            }
            storeThread.submit { [self] in
                guard collector.failure == nil else { return }
                do throws(StoreError) {
                    let report = try record(outcome, for: entry, now: now, precomputed: precomputed)
                    collector.reports.append(report)
                    // Commit by the number of documents stored (what fills memory), not by feeds: a run of
                    // 304s commits once at the end, since every commit rewrites the manifest.
                    if report.status == "updated" { collector.storedSinceCommit += 1 }
                    if collector.storedSinceCommit >= commitEvery {
                        try writer.commit()
                        collector.storedSinceCommit = 0
                    }
                } catch {
                    collector.failure = error
                }
            }
        }
        storeThread.finish()
        summary.reports = collector.reports
        let storeFailure = collector.failure
        if let storeFailure { throw storeFailure }
        try writer.finish()
        summary.seconds = Date().timeIntervalSince(started)
        return summary
    }

    /// `host:port` of a URL, lower-cased, the unit a Retry-After applies to.
    private static func host(of url: String) -> String? {
        guard let components = URLComponents(string: url), let host = components.host?.lowercased() else {
            return nil
        }
        return "\(host):\(components.port ?? (components.scheme?.lowercased() == "https" ? 443 : 80))"
    }

    /// Stores one outcome: the items of a parsed 200, then the feed's new state and its run-log line.
    private func record(
        _ fetched: FetchOutcome<ParsingSink.Product>, for entry: FeedDirectory.Entry, now: Date,
        precomputed: PrecomputedLinks?
    ) throws(StoreError) -> FeedReport {
        var outcome = fetched
        var report = FeedReport(url: entry.subscription.url, status: "failed")
        var body: BodySummary?
        switch (outcome.status, outcome.product) {
        case (.fetched, .feed(let feed)):
            let result = try writer.upsert(feed, feedURL: entry.keyURL, at: now)
            try tagging?.tag(feed, result: result, writer: writer, precomputed: precomputed)
            report.status = "updated"
            report.items = feed.items.count
            report.added = result.added
            report.changed = result.changed
            report.warnings = feed.warnings
            body = BodySummary(
                ttlMinutes: feed.timeToLiveMinutes, itemDates: feed.items.compactMap { $0.published ?? $0.updated })
        case (.fetched, .notAFeed(let error)), (.failed, .notAFeed(let error)):
            let message = "\(entry.subscription.url): \(error.description)"
            outcome.status = .failed(
                FetchError(.rejectedBody, feedURL: entry.subscription.url, reason: error.reason, hint: error.hint))
            body = BodySummary(failure: message)
        case (.fetched, _):
            body = BodySummary(failure: "\(entry.subscription.url): the body could not be read — retried later")
        case (.notModified, _):
            report.status = "unchanged"
        case (.gone, _):
            report.status = "gone"
        case (.deferred, _):
            report.status = "deferred"
        case (.failed, _):
            break
        }
        let state = schedule.update(entry.state, with: outcome, body: body, now: now)
        if state.url != entry.state.url { report.movedTo = state.url }
        if report.status == "failed" || report.status == "gone" {
            report.message = state.lastError
            report.kind = outcome.error?.kind.rawValue ?? (report.status == "gone" ? "gone" : "parse")
        }
        if case .deferred(let until) = outcome.status {
            report.message = "\(entry.subscription.url): the host asked us to wait until \(until.rfc3339); not fetched"
        }
        try writer.setFeedState(state, forKey: entry.key)
        writer.recordFeedResult(
            FeedRunResult(
                feedKey: entry.key, url: entry.subscription.url, status: report.status, added: report.added,
                changed: report.changed, message: report.message))
        return report
    }
}

/// What the store thread accumulates; read by the calling thread only after `StoreThread.finish()`.
private final class StoreCollector {
    var reports: [FeedFetchRun.FeedReport] = []
    var failure: StoreError?
    var storedSinceCommit = 0
}

/// A thread that runs submitted jobs in order, fed through a bounded queue (the submitter blocks when it is
/// full, so parsed documents never pile up in memory).
///
/// Confinement: the jobs touch the store writer and the collector only on this thread; the submitting thread
/// touches them again only after `finish()` has joined it (the condition's lock orders the two).
final class StoreThread: @unchecked Sendable {
    private let condition = NSCondition()
    private var jobs: [() -> Void] = []
    private var closed = false
    private var running = true
    private let capacity: Int

    init(capacity: Int) {
        self.capacity = capacity
        let thread = Thread { [self] in work() }
        thread.name = "aggregator.store"
        thread.start()
    }

    /// Queues a job, waiting while the queue is full.
    func submit(_ job: @escaping () -> Void) {
        condition.lock()
        while jobs.count >= capacity { condition.wait() }
        jobs.append(job)
        condition.broadcast()
        condition.unlock()
    }

    /// Runs what is queued, then stops the thread and returns.
    func finish() {
        condition.lock()
        closed = true
        condition.broadcast()
        while running { condition.wait() }
        condition.unlock()
    }

    private func work() {
        while true {
            condition.lock()
            while jobs.isEmpty && !closed { condition.wait() }
            if jobs.isEmpty && closed {
                running = false
                condition.broadcast()
                condition.unlock()
                return
            }
            let job = jobs.removeFirst()
            condition.broadcast()
            condition.unlock()
            job()
        }
    }
}
