import ArgumentParser
import FeedParser

/// `aggregator feeds import FILE.opml`.
struct FeedsImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Add the feeds of an OPML file (from another reader) to the subscription list.",
        discussion: "Categories are kept. Feeds already subscribed are left as they are."
    )

    @OptionGroup var subscriptions: SubscriptionOptions

    @Argument(help: "The OPML file to import.")
    var file: String

    func run() throws {
        var document: OPMLDocument
        let incoming: OPMLDocument
        do throws(SubscriptionFile.Failure) {
            incoming = try SubscriptionFile.load(file, mustExist: true)
            document = try SubscriptionFile.load(subscriptions.path)
        } catch {
            StandardStreams.writeError("aggregator: \(error.description)\n")
            throw ExitCode(2)
        }
        var added = 0
        var skipped = 0
        for subscription in incoming.subscriptions {
            let lower = subscription.url.lowercased()
            guard lower.hasPrefix("http://") || lower.hasPrefix("https://") else {
                StandardStreams.writeError(
                    "aggregator: \(file): skipped \(subscription.url): not an http(s) URL\n")
                skipped += 1
                continue
            }
            if document.add(
                url: subscription.url, title: subscription.title, htmlURL: subscription.htmlURL,
                categories: subscription.categories)
            {
                added += 1
            } else {
                skipped += 1
            }
        }
        do throws(SubscriptionFile.Failure) {
            try SubscriptionFile.save(document, to: subscriptions.path)
        } catch {
            StandardStreams.writeError("aggregator: \(error.description)\n")
            throw ExitCode(2)
        }
        try? StandardStreams.writeOutput(
            Array("imported \(added) feeds from \(file) (\(skipped) skipped: already subscribed or not http)\n".utf8))
    }
}
