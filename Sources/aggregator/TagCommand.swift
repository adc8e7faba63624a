import ArgumentParser
import Claims
import Foundation

/// `aggregator tag --claims FILE FEEDFILE... [--stats]`: stateless tagging of feed documents.
struct TagCommand: AsyncParsableCommand, FileOperandCommand {
    static let configuration = CommandConfiguration(
        commandName: "tag",
        abstract: "Tag feed files with the claims of a claims file and print one JSON line per link.",
        discussion: """
            Each line: {"item","feed","claim","stance","confidence","terms","field","snippet"}. Nothing is stored; use it to try out a claims file or to benchmark the tagger. Files are parsed and tagged in parallel on all cores; output follows argument order. A .jsonl file is read as the bench's items (one {"id","feed","title","text"} object per line) instead of a feed.

            Examples:
              aggregator tag --claims Feeds/claims.yaml Feeds/demo/*.xml
              aggregator tag --stats --claims claims_100.json corpus/small/*.xml
            """
    )

    @OptionGroup var claims: ClaimsOptions

    @Option(help: "Override the file's matching mode: exact (the bench's claimq.py semantics) or stemmed.")
    var matching: String?

    @Flag(help: "Do all the work but print only 'files=F items=N links=L seconds=S'.")
    var stats = false

    @Argument(help: "Feed files (RSS, Atom, RDF, JSON Feed), or .jsonl item files.")
    var files: [String]

    func run() async throws {
        let clock = ContinuousClock()
        let start = clock.now
        var file: ClaimsFile
        do {
            file = try ClaimsFile.load(contentsOf: URL(fileURLWithPath: claims.path))
        } catch {
            StandardStreams.writeError("aggregator: \(error.description)\n")
            throw ExitCode(2)
        }
        if let matching {
            guard let mode = MatchingMode(rawValue: matching) else {
                throw ValidationError("--matching must be exact or stemmed, not '\(matching)'")
            }
            file.matching = mode
        }
        let tagger: Tagger
        do {
            tagger = try Tagger(file: file)
        } catch {
            StandardStreams.writeError("aggregator: \(error.description)\n")
            throw ExitCode(2)
        }
        let jobs: [TagJob]
        do {
            jobs = try TagJob.jobs(for: files, tagger: tagger, renderLinks: !stats)
        } catch {
            StandardStreams.writeError("aggregator: \(error)\n")
            throw ExitCode(1)
        }
        var items = 0
        var links = 0
        var failed = false
        try await TagJob.runInOrder(jobs) { job, outcome in
            items += outcome.items
            links += outcome.links
            if !outcome.output.isEmpty { try StandardStreams.writeOutput(outcome.output) }
            if let failure = outcome.failure {
                failed = true
                StandardStreams.writeError("aggregator: \(job.path): \(failure)\n")
            }
        }
        if stats {
            let elapsed = clock.now - start
            let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
            let line = "files=\(files.count) items=\(items) links=\(links) seconds=" + String(format: "%.3f", seconds)
            try StandardStreams.writeOutput(Array((line + "\n").utf8))
        }
        if failed { throw ExitCode(1) }
    }
}
