import ArgumentParser
import FeedModel
import FeedParser
import Foundation

/// `aggregator parse FILE... [--json] [--base URL] [--stats]`: parses feed files and prints what was understood.
struct ParseCommand: AsyncParsableCommand, FileOperandCommand {
    static let configuration = CommandConfiguration(
        commandName: "parse",
        abstract: "Parse RSS, Atom or JSON Feed files and print their items.",
        discussion: """
            Files are parsed in parallel on all cores; output follows argument order. A file that holds no \
            feed is reported on stderr ("aggregator: FILE: reason — hint") and makes the exit status 1; the \
            other files are still parsed.

            Examples:
              aggregator parse feed.xml
              aggregator parse --json --base https://example.com/feed.xml feed.xml
              curl -s https://example.com/feed.xml | aggregator parse --json -
            """
    )

    @Argument(help: "Feed files to parse ('-' reads standard input).")
    var files: [String]

    @Flag(help: "Print one JSON object per file, one per line.")
    var json = false

    @Option(
        name: .long,
        help: ArgumentHelp(
            "Resolve relative links against this URL (the address the document came from).", valueName: "url"))
    var base: String?

    @Flag(help: "Do the full --json work but print only 'files=F items=N bytes=B seconds=S'.")
    var stats = false

    func validate() throws {
        if files.filter({ $0 == "-" }).count > 1 {
            throw ValidationError("'-' (standard input) can be given only once")
        }
    }

    func run() async throws {
        let clock = ContinuousClock()
        let start = clock.now
        let mode: FileParseJob.Mode = stats ? .stats : (json ? .json : .text)
        let jobs = files.map { FileParseJob(path: $0, base: base, mode: mode) }
        var failed = false
        var itemTotal = 0
        var byteTotal = 0
        var first = true
        try await FileParseJob.runInOrder(jobs) { job, outcome in
            byteTotal += outcome.bytes
            switch outcome.result {
            case .success(let output):
                itemTotal += outcome.items
                guard mode != .stats else { return }
                if mode == .text && !first { try StandardStreams.writeOutput([0x0A]) }
                first = false
                try StandardStreams.writeOutput(output)
            case .failure(let error):
                failed = true
                let name = job.path == "-" ? "<stdin>" : job.path
                StandardStreams.writeError("aggregator: \(name): \(error.description)\n")
            }
        }
        if mode == .stats {
            let elapsed = clock.now - start
            let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
            let line =
                "files=\(files.count) items=\(itemTotal) bytes=\(byteTotal) seconds="
                + String(format: "%.3f", seconds) + "\n"
            try StandardStreams.writeOutput(Array(line.utf8))
        }
        if ProcessInfo.processInfo.environment["AGGREGATOR_REPORT_PEAK_RSS"] == "1",
            let peak = Self.peakResidentKilobytes()
        {
            // Diagnostic for tests and benchmarks: the kernel's high-water mark of this process's own memory.
            StandardStreams.writeError("peak_rss_kb=\(peak)\n")
        }
        if failed { throw ExitCode(1) }
    }

    /// VmHWM from /proc/self/status: the peak resident set of this process (not inherited from its parent,
    /// unlike `ru_maxrss` of a child started with vfork/posix_spawn).
    static func peakResidentKilobytes() -> Int? {
        guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return nil }
        for line in status.split(separator: "\n") where line.hasPrefix("VmHWM:") {
            return Int(line.dropFirst(6).trimmingCharacters(in: .whitespaces).split(separator: " ").first ?? "")
        }
        return nil
    }
}
