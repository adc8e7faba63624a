import ArgumentParser
import Logging

/// `--verbose` / `--quiet`, shared by every command that reports diagnostics on stderr (see `Diagnostics`).
struct OutputOptions: ParsableArguments {
    @Flag(name: .shortAndLong, help: "Say more on stderr: one line per feed or file, timings, skipped steps.")
    var verbose = false

    @Flag(name: .shortAndLong, help: "Say only what failed on stderr (no summaries, notices or warnings).")
    var quiet = false

    func validate() throws {
        if verbose && quiet { throw ValidationError("--verbose and --quiet cannot be used together.") }
    }

    /// The diagnostics level these flags ask for: debug with -v, error with -q, else `standard`.
    func level(standard: Logger.Level = .notice) -> Logger.Level {
        if verbose { return .debug }
        if quiet { return .error }
        return standard
    }
}
