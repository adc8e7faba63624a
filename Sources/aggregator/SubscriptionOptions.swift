import ArgumentParser

/// `--opml FILE`: the subscription list. Shared by `feeds` and `fetch`.
struct SubscriptionOptions: ParsableArguments {
    @Option(
        name: .customLong("opml"),
        help: ArgumentHelp("The subscription list (default: Feeds/subscriptions.opml).", valueName: "file"))
    var path = "Feeds/subscriptions.opml"
}
