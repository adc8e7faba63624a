import ArgumentParser
import FeedModel
import FeedParser
import Foundation
import Store

/// `aggregator feeds list [--json]`.
struct FeedsListCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list",
        abstract: "List the subscriptions with their health: last success, last error, error count, next due.",
        discussion: """
            Health: new (never fetched), ok, failing (errors; backing off), waiting (the host asked us to wait), \
            gone (410: retired, kept but not fetched; `aggregator feeds reset` to try again).
            """
    )

    @OptionGroup var subscriptions: SubscriptionOptions
    @OptionGroup var store: StoreOptions

    @Flag(help: "Print a JSON array instead of text.")
    var json = false

    func run() throws {
        let document = try subscriptions.loadExisting()
        let records = (try? StoreSnapshot.open(at: store.path))?.feeds ?? [:]
        let entries = FeedDirectory(subscriptions: document.subscriptions, records: records).entries
        let now = Date()
        let rows = entries.map { FeedHealth(entry: $0, now: now) }
        if json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            encoder.dateEncodingStrategy = .custom { date, encoder in
                var container = encoder.singleValueContainer()
                try container.encode(date.rfc3339)
            }
            try StandardStreams.writeOutput(Array(try encoder.encode(rows)) + [0x0A])
            return
        }
        var text = ""
        for row in rows {
            let title = row.title.map { "  \($0)" } ?? ""
            let category = row.categories.isEmpty ? "" : "  [\(row.categories.joined(separator: "/"))]"
            text += "\(row.health.padding(toLength: 8, withPad: " ", startingAt: 0)) \(row.url)\(title)\(category)\n"
            var details: [String] = []
            if row.currentURL != row.url { details.append("moved to \(row.currentURL)") }
            details.append("last success \(row.lastSuccess?.rfc3339 ?? "never")")
            if row.retired {
                details.append("not fetched any more")
            } else {
                details.append("next due \(row.nextDue.map { $0 <= now ? "now" : $0.rfc3339 } ?? "now")")
            }
            if row.errorCount > 0 {
                details.append("\(row.errorCount) error\(row.errorCount == 1 ? "" : "s") in a row")
            }
            text += "         " + details.joined(separator: " · ") + "\n"
            if let error = row.lastError { text += "         last error: \(error)\n" }
        }
        if rows.isEmpty {
            text = "no subscriptions in \(subscriptions.path) — add one with `aggregator feeds add URL`\n"
        }
        try StandardStreams.writeOutput(Array(text.utf8))
    }
}

/// One row of `feeds list`.
struct FeedHealth: Encodable {
    var url: String
    var currentURL: String
    var aliases: [String]
    var title: String?
    var categories: [String]
    var health: String
    var lastAttempt: Date?
    var lastSuccess: Date?
    var lastError: String?
    var errorCount: Int
    var nextDue: Date?
    var retryAfter: Date?
    var retired: Bool
    var lastStatus: Int?
    var key: String

    init(entry: FeedDirectory.Entry, now: Date) {
        let state = entry.state
        url = entry.subscription.url
        currentURL = state.url
        aliases = state.aliases
        title = entry.subscription.title ?? entry.storedTitle
        categories = entry.subscription.categories
        lastAttempt = state.lastAttempt
        lastSuccess = state.lastSuccess
        lastError = state.lastError
        errorCount = state.errorCount
        nextDue = state.nextDue
        retryAfter = state.retryAfter
        retired = state.retired
        lastStatus = state.lastStatus
        key = entry.key
        if state.retired {
            health = "gone"
        } else if let retryAfter = state.retryAfter, retryAfter > now {
            health = "waiting"
        } else if state.errorCount > 0 {
            health = "failing"
        } else if state.lastSuccess == nil {
            health = "new"
        } else {
            health = "ok"
        }
    }
}
