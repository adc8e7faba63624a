import ArgumentParser
import FeedParser

/// `--opml FILE`: the subscription list. Shared by `feeds` and `fetch`.
struct SubscriptionOptions: ParsableArguments {
    @Option(
        name: .customLong("opml"),
        help: ArgumentHelp(
            "The subscription list (OPML) (default: opml: in aggregator.yaml, else Feeds/subscriptions.opml).",
            valueName: "file"))
    var explicitPath: String?

    /// The subscription list to use: the flag, else the configuration file, else Feeds/subscriptions.opml.
    var path: String {
        explicitPath ?? ActiveConfiguration.current.opml ?? "Feeds/subscriptions.opml"
    }

    func validate() throws {
        try ActiveConfiguration.check()
    }

    /// The subscription list, which must exist; otherwise one line on stderr and exit status 2.
    func loadExisting() throws -> OPMLDocument {
        do throws(SubscriptionFile.Failure) {
            return try SubscriptionFile.load(path, mustExist: true)
        } catch {
            StandardStreams.writeError("aggregator: \(error.description)\n")
            throw ExitCode(2)
        }
    }
}
