import ArgumentParser
import FeedModel
import Foundation
import Store

/// `aggregator claims list [--json]`: every claim with its stance counts, independent sources, first and last
/// item, and momentum.
struct ClaimsListCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list",
        abstract: "List the claims with their stance counts, independent sources, first/last seen and momentum.",
        discussion: """
            Per claim: the links per stance (SUP supports, DIS disputes, MEN mentions); SRC, the independent \
            sources: the stories its items tell, a story carried by several feeds (same article URL, same \
            opening text, near-identical titles) counted once; the first item (its date and source) and the \
            last; and the momentum: items in the last 7 days against the weekly average of the 28 days \
            before (↑ at least ×1.25, ↓ at most ×0.8, → between, "↑ new" when nothing came before, · when \
            quiet). Times are publication times (first-seen times for undated items), in UTC. --until moves \
            "now" back, e.g. to look at an archive.

            Examples:
              aggregator claims list
              aggregator claims list --json --until 2025-08-20
            """
    )

    @OptionGroup var store: StoreOptions

    @OptionGroup var claims: ClaimsOptions

    @Option(help: "Compute momentum as of this date (default: now), e.g. 2025-08-20.")
    var until: String?

    @Flag(help: "Print JSON instead of a table.")
    var json = false

    func run() throws {
        do throws(ClaimCommandFailure) {
            let reader = try ClaimStoreReader.open(store: store.path, claims: claims.path)
            let end = try ClaimDates.until(until, now: Date())
            let all = try reader.evidence(forClaims: Set(reader.claims.map(\.id)))
            let byClaim = Dictionary(grouping: all, by: \.link.claimID)
            let activities = reader.claims.map { claim in
                let evidence = byClaim[claim.id] ?? []
                return ClaimActivity(
                    claim: claim, evidence: evidence, independentSources: reader.clusters(of: evidence).count,
                    until: end)
            }
            let output = json ? try ClaimJSON.encode(activities.map(Row.init)) : Self.table(activities)
            try? StandardStreams.writeOutput(Array(output.utf8))
        } catch {
            throw error.exit()
        }
    }

    static func table(_ activities: [ClaimActivity]) -> String {
        let idWidth = min(40, max(5, activities.map(\.claim.id.count).max() ?? 5))
        let sourceWidth = 20
        var text = TerminalText.padded("CLAIM", idWidth) + "  SUP  DIS  MEN  SRC  "
        text += TerminalText.padded("FIRST SEEN", 11 + sourceWidth) + "  LAST SEEN   MOMENTUM (7d vs 28d)\n"
        for activity in activities {
            text += TerminalText.padded(activity.claim.id, idWidth)
            for number in [
                activity.count(.supports), activity.count(.disputes), activity.count(.mentions),
                activity.independentSources,
            ] {
                text += TerminalText.right(String(number), 5)
            }
            text += "  "
            if let first = activity.first, let last = activity.last {
                text += TerminalText.day(first.time) + " " + TerminalText.padded(first.source, sourceWidth)
                text += "  " + TerminalText.day(last.time)
            } else {
                text += TerminalText.padded("-", 11 + sourceWidth) + "  " + TerminalText.padded("-", 10)
            }
            text += "  \(activity.momentumText) (\(activity.lastWeek) vs \(activity.previousFourWeeks))\n"
        }
        return text
    }

    /// One claim of `--json`.
    struct Row: Encodable {
        struct Seen: Encodable {
            var time: String
            var source: String
            var item: String
            var title: String?
        }

        struct Momentum: Encodable {
            var lastWeek: Int
            var previousFourWeeks: Int
            /// Nil when the 28 days before had no item.
            var ratio: Double?
            var trend: ClaimActivity.Trend
        }

        var id: String
        var title: String
        var supports: Int
        var disputes: Int
        var mentions: Int
        var independentSources: Int
        var firstSeen: Seen?
        var lastSeen: Seen?
        var momentum: Momentum

        init(_ activity: ClaimActivity) {
            id = activity.claim.id
            title = activity.claim.title
            supports = activity.count(.supports)
            disputes = activity.count(.disputes)
            mentions = activity.count(.mentions)
            independentSources = activity.independentSources
            func seen(_ entry: ClaimStoreReader.Evidence?) -> Seen? {
                entry.map {
                    Seen(time: $0.time.rfc3339, source: $0.source, item: $0.item.id, title: $0.item.item.title)
                }
            }
            firstSeen = seen(activity.first)
            lastSeen = seen(activity.last)
            momentum = Momentum(
                lastWeek: activity.lastWeek, previousFourWeeks: activity.previousFourWeeks,
                ratio: activity.momentum.map { ($0 * 100).rounded() / 100 }, trend: activity.trend)
        }
    }
}
