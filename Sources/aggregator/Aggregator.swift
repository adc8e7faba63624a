import ArgumentParser

/// The `aggregator` command: a feed aggregator and claim tracker.
@main
struct Aggregator: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "aggregator",
        abstract: "Fetch feeds, track claims across them, and write a daily digest.",
        version: AggregatorVersion.string,
        subcommands: [
            VersionCommand.self, ParseCommand.self, ImportCommand.self, VerifyCommand.self, PruneCommand.self,
            BenchStoreCommand.self, FeedsCommand.self, FetchCommand.self, TagCommand.self, ClaimsCommand.self,
            DigestCommand.self, ExplainCommand.self, RetagCommand.self, ItemsCommand.self,
        ]
    )
}
