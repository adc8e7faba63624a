import ArgumentParser
import Logging
import Store

/// `aggregator verify [--repair]`: checks every store file; with --repair quarantines bad files and rebuilds.
struct VerifyCommand: ParsableCommand, DiagnosticCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify",
        abstract: "Check the store's files; with --repair, quarantine bad ones and rebuild what can be derived.",
        discussion: """
            Prints one line per problem ("FILE: what is wrong") and exits 1 when the store has errors. \
            Notices (files left by an interrupted run, which the store ignores) do not change the exit status. \
            --repair moves bad files to quarantine/<time>/ (never deletes), salvages the readable records of a \
            damaged segment, rebuilds indexes and, if needed, the manifest; it exits 0 when everything was \
            repaired. Exit status 3: another process is writing the store (--repair only; use --wait).

            Examples:
              aggregator verify
              aggregator verify --repair --store /var/lib/aggregator
            """
    )

    @OptionGroup var store: StoreOptions

    @Flag(help: "Move bad files to quarantine and rebuild what can be derived.")
    var repair = false

    @Flag(help: "With --repair: wait for another writer to finish instead of failing.")
    var wait = false

    @OptionGroup var output: OutputOptions

    var diagnosticsLevel: Logger.Level { output.level() }

    func run() throws {
        let logger = Diagnostics.logger
        logger.info("verify: checking \(store.path)\(repair ? ", repairing what is bad" : "")")
        let report: VerifyReport
        do {
            report = try StoreVerifier.verify(at: store.path, repair: repair, wait: wait)
        } catch {
            throw StoreFailure.exit(error)
        }
        var lines: [String] = []
        for finding in report.findings {
            let label = finding.severity == .error ? "error" : "notice"
            lines.append("\(label): \(finding.description)")
        }
        let errors = report.errorCount
        let state =
            errors == 0 ? "ok" : (report.isHealthy ? "repaired \(errors) error(s)" : "\(errors) error(s)")
        lines.append(
            "\(store.path): \(state): \(report.segmentsChecked) segment(s), \(report.recordsChecked) record(s), "
                + "items=\(report.itemCount)")
        try? StandardStreams.writeOutput(Array((lines.joined(separator: "\n") + "\n").utf8))
        if !report.isHealthy {
            if !repair {
                logger.error("\(store.path): the store has errors — run `aggregator verify --repair`")
            }
            throw ExitCode(1)
        }
    }
}
