import ArgumentParser
import FeedParser
import Store

/// `aggregator feeds export`.
struct FeedsExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Print the subscription list as OPML 2.0, with feeds that moved (301/308) at their new URL."
    )

    @OptionGroup var subscriptions: SubscriptionOptions
    @OptionGroup var store: StoreOptions

    func run() throws {
        var document = try subscriptions.loadExisting()
        let records = (try? StoreSnapshot.open(at: store.path))?.feeds ?? [:]
        for entry in FeedDirectory(subscriptions: document.subscriptions, records: records).entries
        where entry.state.url != entry.subscription.url {
            document.replace(url: entry.subscription.url, with: entry.state.url)
        }
        try StandardStreams.writeOutput(Array(document.xml().utf8))
    }
}
