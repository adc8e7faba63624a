import ArgumentParser
import FeedParser
import Store

/// `aggregator feeds remove FEED`.
struct FeedsRemoveCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "remove",
        abstract: "Unsubscribe from a feed (its stored items are kept).",
        discussion: "FEED is the feed's URL (the subscribed, current or an earlier one) or its exact title."
    )

    @OptionGroup var subscriptions: SubscriptionOptions
    @OptionGroup var store: StoreOptions

    @Argument(help: "The feed's URL or exact title.")
    var feed: String

    func run() throws {
        var document = try subscriptions.loadExisting()
        let records = (try? StoreSnapshot.open(at: store.path))?.feeds ?? [:]
        let matches = FeedDirectory(subscriptions: document.subscriptions, records: records).matching(feed)
        guard !matches.isEmpty else {
            StandardStreams.writeError(
                "aggregator: \(feed): no such subscription — see `aggregator feeds list` for the URLs\n")
            throw ExitCode(1)
        }
        for match in matches { document.remove(url: match.subscription.url) }
        do throws(SubscriptionFile.Failure) {
            try SubscriptionFile.save(document, to: subscriptions.path)
        } catch {
            StandardStreams.writeError("aggregator: \(error.description)\n")
            throw ExitCode(2)
        }
        let removed = matches.map { "removed \($0.subscription.url)\n" }.joined()
        try? StandardStreams.writeOutput(Array(removed.utf8))
    }
}
