import ArgumentParser
import Foundation

/// The `aggregator` command: a feed aggregator and claim tracker.
@main
struct Aggregator: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "aggregator",
        abstract: "Fetch feeds, track claims across them, and write a daily digest.",
        version: AggregatorVersion.string,
        subcommands: [
            DemoCommand.self, FetchCommand.self, FeedsCommand.self, StatusCommand.self, ClaimsCommand.self,
            ItemsCommand.self, DigestCommand.self, TagCommand.self, ExplainCommand.self, RetagCommand.self,
            ParseCommand.self, ImportCommand.self, VerifyCommand.self, PruneCommand.self, VersionCommand.self,
            BenchStoreCommand.self,
        ]
    )

    /// Runs the command; usage errors exit with status 2 (what schedulers and the `fetch` contract expect)
    /// instead of ArgumentParser's 64. Everything else keeps ArgumentParser's handling (help, ExitCode, ...).
    static func main() async {
        do {
            var command = try FileOperands.parseCommandLine(Array(CommandLine.arguments.dropFirst()))
            if let diagnostic = command as? DiagnosticCommand { Diagnostics.level = diagnostic.diagnosticsLevel }
            if var asyncCommand = command as? AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch {
            if exitCode(for: error) == .validationFailure {
                FileHandle.standardError.write(Data((fullMessage(for: error) + "\n").utf8))
                Foundation.exit(2)
            }
            exit(withError: error)
        }
    }
}
