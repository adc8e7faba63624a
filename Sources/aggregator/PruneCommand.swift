import ArgumentParser
import Foundation
import Logging
import Store

/// `aggregator prune --older-than 180d [--all]`: drops old items (keeping claim-linked ones unless --all).
struct PruneCommand: ParsableCommand, DiagnosticCommand {
    static let configuration = CommandConfiguration(
        commandName: "prune",
        abstract: "Drop items older than a given age from the store.",
        discussion: """
            An item's age is its publication date (or, without one, when it was first seen). Items linked to a \
            claim are kept unless --all is given. The segments that held dropped items (or superseded versions) \
            are rewritten and the old files deleted after the new ones are committed.

            Examples:
              aggregator prune --older-than 180d
              aggregator prune --older-than 26w --all
            """
    )

    @OptionGroup var store: StoreOptions

    @Option(name: .customLong("older-than"), help: "An age: a number and a unit, d (days), w (weeks) or h (hours).")
    var olderThan: String

    @Flag(help: "Also drop old items that are linked to a claim.")
    var all = false

    @Flag(help: "Wait for another writer to finish instead of failing.")
    var wait = false

    @OptionGroup var output: OutputOptions

    var diagnosticsLevel: Logger.Level { output.level() }

    func validate() throws {
        if Self.seconds(olderThan) == nil {
            throw ValidationError("--older-than: expected a number and a unit (d, w or h), e.g. 180d")
        }
    }

    static func seconds(_ age: String) -> TimeInterval? {
        guard let unit = age.last, let number = Double(age.dropLast()), number >= 0 else { return nil }
        switch unit {
        case "d": return number * 86_400
        case "w": return number * 7 * 86_400
        case "h": return number * 3600
        default: return nil
        }
    }

    func run() throws {
        let cutoff = Date().addingTimeInterval(-(Self.seconds(olderThan) ?? 0))
        let kept = all ? "" : " (keeping those linked to a claim)"
        Diagnostics.logger.info("prune: \(store.path): dropping items published before \(cutoff.rfc3339)\(kept)")
        let result: PruneResult
        do {
            let writer = try StoreWriter.open(at: store.path, command: "prune", wait: wait)
            result = try writer.prune(olderThan: cutoff, keepLinked: !all)
            try writer.finish()
        } catch {
            throw StoreFailure.exit(error)
        }
        let line =
            "dropped=\(result.itemsDropped) kept-linked=\(result.itemsKeptLinked) "
            + "segments-rewritten=\(result.segmentsRewritten) segments-removed=\(result.segmentsRemoved) "
            + "bytes=\(result.bytesBefore)->\(result.bytesAfter) (items published before \(cutoff.rfc3339))\n"
        try? StandardStreams.writeOutput(Array(line.utf8))
    }
}
