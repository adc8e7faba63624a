import ArgumentParser
import FeedModel
import Foundation
import Store

/// `aggregator claims show ID [--days 28]`: one claim's timeline by day as a terminal bar chart split by stance,
/// the days its stance balance changed, and its best evidence.
struct ClaimsShowCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show",
        abstract: "Show a claim's timeline by day as a bar chart split by stance, balance changes and evidence.",
        discussion: """
            One line per day of the last --days days (UTC, by publication time, else first-seen time): \
            █ supports, ▓ disputes, ░ mentions, scaled to fit. A day marked ◆ changed the balance: counting \
            every link up to the end of that day, the side ahead (supports or disputes) changed, e.g. \
            disputes overtook supports, or the supports share crossed 50%. The best evidence follows: the \
            links with the highest confidence, taking a side first.

            Examples:
              aggregator claims show trump-endorses-ceding-donbas
              aggregator claims show us-offers-article5-guarantees --days 14 --until 2025-08-20
            """
    )

    @OptionGroup var store: StoreOptions

    @OptionGroup var claims: ClaimsOptions

    @Argument(help: "The claim id (see `aggregator claims list`).")
    var id: String

    @Option(help: "How many days the timeline covers.")
    var days = 28

    @Option(help: "The timeline's last day (default: today), e.g. 2025-08-20.")
    var until: String?

    @Option(help: "How many pieces of evidence to show.")
    var evidence = 3

    func validate() throws {
        if !(1...366).contains(days) { throw ValidationError("--days must be between 1 and 366") }
        if evidence < 0 { throw ValidationError("--evidence must be 0 or more") }
    }

    func run() throws {
        do throws(ClaimCommandFailure) {
            let reader = try ClaimStoreReader.open(store: store.path, claims: claims.path)
            let claim = try reader.claim(id)
            let end = try ClaimDates.until(until, now: Date())
            let links = try reader.evidence(forClaims: [claim.id])
            let activity = ClaimActivity(
                claim: claim, evidence: links, independentSources: reader.clusters(of: links).count, until: end)
            let timeline = ClaimTimeline(evidence: links, lastDay: ClaimDates.dayStart(end), days: days)
            var text = "\(claim.id): \(TerminalText.line(claim.title))\n"
            text += "\(links.count) links (\(activity.count(.supports)) supports, \(activity.count(.disputes)) "
            text += "disputes, \(activity.count(.mentions)) mentions), \(activity.independentSources) independent "
            text += "sources; momentum \(activity.momentumText)\n\n"
            text += timeline.render()
            if timeline.total == 0, let last = activity.last {
                text += "\nNo links in these \(days) days; the last was on \(TerminalText.day(last.time)) — "
                text += "try --until \(TerminalText.day(last.time))\n"
            }
            let changes = timeline.balanceChanges
            if !changes.isEmpty {
                text += "\nBalance changes:\n"
                for change in changes { text += "  \(change)\n" }
            }
            let best = activity.bestEvidence(evidence)
            if !best.isEmpty {
                text += "\nBest evidence:\n"
                for entry in best {
                    text += "  \(TerminalText.minute(entry.time))  \(entry.source)  \(entry.link.stance.rawValue) "
                    text += String(format: "%.2f", entry.link.confidence) + "\n"
                    text += "    \(TerminalText.line(entry.item.item.title ?? "(untitled)", limit: 160))\n"
                    text += "    “\(TerminalText.line(entry.link.snippet, limit: 300))”\n"
                    if let url = TerminalText.link(entry.item.item.link) { text += "    \(url)\n" }
                }
            }
            try? StandardStreams.writeOutput(Array(text.utf8))
        } catch {
            throw error.exit()
        }
    }
}
