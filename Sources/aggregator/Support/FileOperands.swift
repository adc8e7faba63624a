import ArgumentParser

/// A command whose arguments end in a list of files (`parse`, `tag`, `import`).
protocol FileOperandCommand: ParsableCommand {
    var files: [String] { get set }
}

/// Keeps long file lists (`aggregator import archive/*.xml`) out of ArgumentParser.
///
/// ArgumentParser copies a repeated argument's whole array for every value it appends, so parsing n file names
/// costs O(n²): 60 ms of a 1000-file `parse` run, a second for 4000 files. The trailing run of plain arguments
/// (none starting with `-`, except `-` itself for standard input) is therefore split: ArgumentParser sees the
/// command line up to and including the run's first two elements, which settles whether the first one is the
/// value of an option before it (`--claims FILE a.xml ...`); the rest of the run can only be more files, and is
/// appended to the parsed command's `files`. None of these commands has an option that takes several values,
/// so the result is the one ArgumentParser would give for the whole line.
enum FileOperands {
    /// Subcommands whose trailing plain arguments are files.
    static let commandNames = Set(
        [ParseCommand.configuration, TagCommand.configuration, ImportCommand.configuration].compactMap(\.commandName))
    /// Runs of fewer extra files than this go to ArgumentParser whole.
    static let threshold = 16

    /// Splits `arguments` (without the program name) into what ArgumentParser parses and the files it need not
    /// see. The tail is empty when the line is short, names another command, or uses the `--` terminator.
    static func split(_ arguments: [String]) -> (parsed: [String], files: [String]) {
        guard let name = arguments.first, commandNames.contains(name), !arguments.contains("--") else {
            return (arguments, [])
        }
        var runStart = arguments.count
        while runStart > 1, isPlain(arguments[runStart - 1]) { runStart -= 1 }
        let kept = runStart + 2
        guard arguments.count - kept >= threshold else { return (arguments, []) }
        return (Array(arguments[..<kept]), Array(arguments[kept...]))
    }

    /// Parses the command line as `Aggregator.parseAsRoot` would, with a long trailing file list kept out of
    /// ArgumentParser and appended to the parsed command (which is then validated again as a whole).
    static func parseCommandLine(_ arguments: [String]) throws -> ParsableCommand {
        let (parsed, files) = split(arguments)
        guard !files.isEmpty else { return try Aggregator.parseAsRoot(arguments) }
        guard var command = try Aggregator.parseAsRoot(parsed) as? any FileOperandCommand else {
            return try Aggregator.parseAsRoot(arguments)
        }
        command.files += files
        try command.validate()
        return command
    }

    private static func isPlain(_ argument: String) -> Bool {
        argument == "-" || !argument.hasPrefix("-")
    }
}
