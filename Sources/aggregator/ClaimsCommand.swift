import ArgumentParser

/// `aggregator claims ...`: work with the claims file.
struct ClaimsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "claims",
        abstract: "Check the claims file and measure the tagger.",
        subcommands: [ClaimsCheckCommand.self, ClaimsEvalCommand.self]
    )
}
