import ArgumentParser
import FeedParser
import Fetcher
import Store

/// `aggregator feeds reset FEED`.
struct FeedsResetCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "reset",
        abstract: "Clear a feed's errors and back-off (and un-retire it), so the next fetch tries it again."
    )

    @OptionGroup var subscriptions: SubscriptionOptions
    @OptionGroup var store: StoreOptions

    @Argument(help: "The feed's URL or exact title.")
    var feed: String

    @Flag(help: "Wait for a running fetch to release the store instead of exiting with status 3.")
    var wait = false

    func run() throws {
        let document = try subscriptions.loadExisting()
        let writer: StoreWriter
        do throws(StoreError) {
            writer = try StoreWriter.open(at: store.path, command: "feeds reset", wait: wait)
        } catch {
            throw StoreFailure.exit(error)
        }
        let matches = FeedDirectory(subscriptions: document.subscriptions, records: writer.snapshot().feeds)
            .matching(feed)
        guard !matches.isEmpty else {
            StandardStreams.writeError(
                "aggregator: \(feed): no such subscription — see `aggregator feeds list` for the URLs\n")
            throw ExitCode(1)
        }
        do throws(StoreError) {
            for match in matches {
                try writer.setFeedState(FeedSchedule().reset(match.state), forKey: match.key)
            }
            try writer.finish()
        } catch {
            throw StoreFailure.exit(error)
        }
        try? StandardStreams.writeOutput(Array(matches.map { "reset \($0.subscription.url)\n" }.joined().utf8))
    }
}
