import Logging

/// A command with -v/-q: `Aggregator.main` sets the diagnostics level from it before running it.
protocol DiagnosticCommand {
    /// The level of `Diagnostics.logger` while the command runs.
    var diagnosticsLevel: Logger.Level { get }
}
