import ArgumentParser

/// `--verbose` / `--quiet`, shared by commands that report progress on stderr.
struct OutputOptions: ParsableArguments {
    @Flag(name: .shortAndLong, help: "Print one line per feed on stderr, successes and warnings included.")
    var verbose = false

    @Flag(name: .shortAndLong, help: "Print only the failed feeds, without the summary line.")
    var quiet = false

    func validate() throws {
        if verbose && quiet { throw ValidationError("--verbose and --quiet cannot be used together.") }
    }
}
