import ArgumentParser

/// `aggregator claims ...`: work with the claims file.
struct ClaimsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "claims",
        abstract: "Check the claims file, measure the tagger, and see what the store holds per claim.",
        subcommands: [
            ClaimsCheckCommand.self, ClaimsEvalCommand.self, ClaimsListCommand.self, ClaimsShowCommand.self,
        ]
    )
}
