import ArgumentParser
import Claims
import FeedModel
import FeedParser
import Fetcher
import Foundation
import Store

/// `aggregator status`: what the store holds, how the last run went, which feeds are due or failing, and a short
/// claims summary. Read-only: it never takes the writer lock, so it is safe while `fetch` runs.
struct StatusCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status",
        abstract: "Show the store, the last run, due and failing feeds, and a claims summary.",
        discussion: """
            Reads the store without locking it, so it can run while a fetch is under way.

            Examples:
              aggregator status
              aggregator status --store /var/lib/aggregator --json
            """
    )

    @OptionGroup var subscriptions: SubscriptionOptions
    @OptionGroup var store: StoreOptions

    @OptionGroup var claims: ClaimsOptions

    @Flag(help: "Print the status as one JSON object.")
    var json = false

    func run() throws {
        let snapshot: StoreSnapshot
        do {
            snapshot = try StoreSnapshot.open(at: store.path)
        } catch {
            StandardStreams.writeError(
                "aggregator: status: \(error.description)\n")
            throw ExitCode(2)
        }
        let report = try StatusReport.gather(
            snapshot: snapshot, storePath: store.path, opmlPath: subscriptions.path, claimsPath: claims.path,
            now: Date())
        print(json ? report.json() : report.text(), terminator: "")
    }
}

/// Everything `status` shows, gathered once and rendered as text or JSON.
struct StatusReport {
    struct FeedProblem {
        var title: String
        var url: String
        var error: String
        var failures: Int
        var nextTry: Date?
    }

    struct ClaimLine {
        var id: String
        var title: String
        var supports = 0
        var disputes = 0
        var mentions = 0
        var total: Int { supports + disputes + mentions }
    }

    var storePath: String
    var storeBytes: Int64
    var itemCount: Int
    var feedCount: Int
    var lastRun: RunRecord?
    var subscribed: Int
    var due: Int
    var failing: [FeedProblem]
    var retired: [FeedProblem]
    var subscriptionProblem: String?
    var claims: [ClaimLine]
    var claimsProblem: String?

    static func gather(
        snapshot: StoreSnapshot, storePath: String, opmlPath: String, claimsPath: String, now: Date
    ) throws -> StatusReport {
        var subscriptionProblem: String?
        var subscriptions: [OPMLDocument.Subscription] = []
        do {
            subscriptions = try SubscriptionFile.load(opmlPath).subscriptions
        } catch {
            subscriptionProblem = error.description
        }
        let directory = FeedDirectory(subscriptions: subscriptions, records: snapshot.feeds)
        let schedule = FeedSchedule()
        let due = directory.entries.count { !$0.state.retired && schedule.isDue($0.state, now: now) }
        func problem(_ entry: FeedDirectory.Entry) -> FeedProblem {
            FeedProblem(
                title: entry.subscription.title ?? entry.storedTitle ?? entry.subscription.url,
                url: entry.state.url, error: entry.state.lastError ?? "no error recorded",
                failures: entry.state.errorCount, nextTry: entry.state.nextDue)
        }
        let failing = directory.entries.filter { !$0.state.retired && $0.state.errorCount > 0 }.map(problem)
        let retired = directory.entries.filter { $0.state.retired }.map(problem)

        var claimLines: [ClaimLine] = []
        var claimsProblem: String?
        do {
            let file = try ClaimsFile.load(contentsOf: URL(fileURLWithPath: claimsPath))
            for claim in file.claims {
                var line = ClaimLine(id: claim.id, title: claim.title)
                for link in try snapshot.links(forClaim: claim.id) {
                    switch link.stance {
                    case .supports: line.supports += 1
                    case .disputes: line.disputes += 1
                    case .mentions: line.mentions += 1
                    }
                }
                claimLines.append(line)
            }
        } catch let error as ClaimsError {
            claimsProblem = error.description
        }
        claimLines.sort { ($0.total, $1.id) > ($1.total, $0.id) }

        return StatusReport(
            storePath: storePath, storeBytes: folderSize(storePath), itemCount: snapshot.itemCount,
            feedCount: snapshot.feeds.count, lastRun: snapshot.runs.last, subscribed: directory.entries.count,
            due: due, failing: failing, retired: retired, subscriptionProblem: subscriptionProblem,
            claims: claimLines, claimsProblem: claimsProblem)
    }

    /// Bytes of every regular file below `path`.
    private static func folderSize(_ path: String) -> Int64 {
        guard let walker = FileManager.default.enumerator(atPath: path) else { return 0 }
        var total: Int64 = 0
        while let name = walker.nextObject() as? String {
            let attributes = walker.fileAttributes
            if attributes?[.type] as? FileAttributeType == .typeRegular {
                total += (attributes?[.size] as? NSNumber)?.int64Value ?? 0
            }
            _ = name
        }
        return total
    }

    // MARK: - Text

    func text() -> String {
        var lines: [String] = []
        lines.append(
            "Store: \(storePath) — \(itemCount) items from \(feedCount) feeds, \(Self.size(storeBytes)) on disk")
        if let run = lastRun {
            let ended = run.ended.map { Self.time($0) } ?? "did not finish"
            let counts = Dictionary(grouping: run.feeds, by: \.status).mapValues(\.count)
            let perStatus = counts.keys.sorted().map { "\(counts[$0] ?? 0) \($0)" }.joined(separator: ", ")
            lines.append(
                "Last run: \(run.command) at \(Self.time(run.started)), ended \(ended): +\(run.itemsAdded) new, "
                    + "\(run.itemsChanged) changed" + (perStatus.isEmpty ? "" : "; feeds: \(perStatus)"))
        } else {
            lines.append("Last run: none yet")
        }
        if let subscriptionProblem {
            lines.append("Feeds: \(subscriptionProblem)")
        } else {
            lines.append(
                "Feeds: \(subscribed) subscribed, \(due) due now, \(failing.count) failing, \(retired.count) retired")
        }
        for feed in failing {
            let next = feed.nextTry.map { ", next try \(Self.time($0))" } ?? ""
            lines.append("  failing: \(feed.title) <\(feed.url)> — \(feed.error) (\(feed.failures) in a row\(next))")
        }
        for feed in retired {
            lines.append("  retired: \(feed.title) <\(feed.url)> — \(feed.error)")
        }
        if let claimsProblem {
            lines.append("Claims: \(claimsProblem)")
        } else {
            let linked = claims.count { $0.total > 0 }
            lines.append("Claims: \(claims.count) tracked, \(linked) with linked items")
            for claim in claims.prefix(10) where claim.total > 0 {
                lines.append(
                    "  \(claim.id): \(claim.total) items (\(claim.supports) supports, \(claim.disputes) disputes, "
                        + "\(claim.mentions) mentions)")
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    private static func time(_ date: Date) -> String {
        let stamp = date.rfc3339
        return String(stamp.prefix(16)).replacingOccurrences(of: "T", with: " ") + " UTC"
    }

    private static func size(_ bytes: Int64) -> String {
        if bytes >= 1 << 20 { return String(format: "%.1f MB", Double(bytes) / 1_048_576) }
        if bytes >= 1 << 10 { return String(format: "%.1f KB", Double(bytes) / 1024) }
        return "\(bytes) bytes"
    }

    // MARK: - JSON

    func json() -> String {
        func feedObject(_ feed: FeedProblem) -> [String: Any] {
            var object: [String: Any] = [
                "title": feed.title, "url": feed.url, "error": feed.error, "failures": feed.failures,
            ]
            object["next_try"] = feed.nextTry?.rfc3339 ?? NSNull()
            return object
        }
        var root: [String: Any] = [
            "store": ["path": storePath, "bytes": storeBytes, "items": itemCount, "feeds": feedCount],
            "feeds": [
                "subscribed": subscribed, "due": due, "failing": failing.map(feedObject),
                "retired": retired.map(feedObject),
            ] as [String: Any],
            "claims": claims.map { claim -> [String: Any] in
                [
                    "id": claim.id, "title": claim.title, "supports": claim.supports, "disputes": claim.disputes,
                    "mentions": claim.mentions,
                ]
            },
        ]
        if let run = lastRun {
            root["last_run"] =
                [
                    "command": run.command, "started": run.started.rfc3339, "ended": run.ended?.rfc3339 ?? NSNull(),
                    "items_added": run.itemsAdded, "items_changed": run.itemsChanged,
                    "feeds": Dictionary(grouping: run.feeds, by: \.status).mapValues(\.count),
                ] as [String: Any]
        } else {
            root["last_run"] = NSNull()
        }
        if let subscriptionProblem { root["subscriptions_problem"] = subscriptionProblem }
        if let claimsProblem { root["claims_problem"] = claimsProblem }
        guard
            let data = try? JSONSerialization.data(
                withJSONObject: root, options: [.sortedKeys, .withoutEscapingSlashes])
        else { return "{}\n" }
        return String(decoding: data, as: UTF8.self) + "\n"
    }
}
