import ArgumentParser
import Logging

/// `--verbose` / `--quiet`, shared by every command that logs.
struct OutputOptions: ParsableArguments {
    @Flag(name: .shortAndLong, help: "Log what happens (to stderr).")
    var verbose = false

    @Flag(name: .shortAndLong, help: "Print nothing but errors.")
    var quiet = false

    /// The log level these flags select: debug, notice (default) or error.
    var logLevel: Logger.Level {
        if verbose { return .debug }
        if quiet { return .error }
        return .notice
    }

    func validate() throws {
        if verbose && quiet { throw ValidationError("--verbose and --quiet cannot be used together.") }
    }

    /// Sends swift-log output to stderr at the selected level. Call once, at the start of `run()`.
    func bootstrapLogging() {
        let level = logLevel
        LoggingSystem.bootstrap { label in
            var handler = StreamLogHandler.standardError(label: label)
            handler.logLevel = level
            return handler
        }
    }
}
