import ArgumentParser
import Claims
import Foundation

/// `aggregator claims check [--claims FILE]`: validates every claim and query.
struct ClaimsCheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Validate the claims file: ids, titles, queries, per-language queries and cues.",
        discussion: """
            Prints one line per problem, naming the claim, the place in its query and what is wrong, then a summary. Exits 1 when there is an error (warnings alone exit 0), 2 when the file cannot be read.

            Example:
              aggregator claims check --claims Feeds/claims.yaml
            """
    )

    @OptionGroup var claims: ClaimsOptions

    func run() throws {
        let file: ClaimsFile
        do {
            file = try ClaimsFile.load(contentsOf: URL(fileURLWithPath: claims.path))
        } catch {
            StandardStreams.writeError("aggregator: \(error.description)\n")
            throw ExitCode(2)
        }
        let problems = ClaimsChecker.problems(in: file)
        var output = ""
        for problem in problems { output += "\(claims.path): \(problem)\n" }
        let errors = problems.filter { $0.severity == .error }.count
        let warnings = problems.count - errors
        let languages = Set(file.claims.flatMap { $0.localizedQueries.keys }).sorted()
        output += "\(claims.path): \(file.claims.count) claims, matching \(file.matching.rawValue)"
        if !languages.isEmpty { output += ", queries in \(languages.joined(separator: ", "))" }
        output += ": \(errors) error\(errors == 1 ? "" : "s"), \(warnings) warning\(warnings == 1 ? "" : "s")\n"
        try StandardStreams.writeOutput(Array(output.utf8))
        if errors > 0 { throw ExitCode(1) }
    }
}
