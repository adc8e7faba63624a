import ArgumentParser

/// `aggregator feeds`: manage the subscription list.
struct FeedsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "feeds",
        abstract: "Manage the subscription list (an OPML file) and see each feed's health.",
        discussion: """
            The list is Feeds/subscriptions.opml unless --opml names another file. Categories nest with '/'.

            Examples:
              aggregator feeds add https://kyivindependent.com/ --category Ukraine/News
              aggregator feeds list
              aggregator feeds import ~/Downloads/newsboat.opml
              aggregator feeds export > backup.opml
              aggregator feeds reset https://meduza.io/rss/all
            """,
        subcommands: [
            FeedsAddCommand.self, FeedsRemoveCommand.self, FeedsListCommand.self, FeedsImportCommand.self,
            FeedsExportCommand.self, FeedsResetCommand.self,
        ]
    )
}
