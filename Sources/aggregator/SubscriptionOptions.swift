import ArgumentParser

/// `--opml FILE`: the subscription list. Shared by `feeds` and `fetch`.
struct SubscriptionOptions: ParsableArguments {
    @Option(
        name: .customLong("opml"),
        help: ArgumentHelp("The subscription list (OPML).", valueName: "file"))
    var path = "Feeds/subscriptions.opml"
}
