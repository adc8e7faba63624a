import ArgumentParser
import FeedModel
import Foundation
import Store

/// `aggregator items --claim ID [--since 7d] [--stance S] [--feed F] [--json] [--limit N]`: the items linked to
/// one claim, newest first, with their evidence.
struct ItemsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "items",
        abstract: "List the stored items linked to a claim, newest first, with stance and evidence.",
        discussion: """
            Each item shows its time (published, else first seen; UTC), its source (the feed's title), the \
            stance (supports / disputes / mentions) with the tagger's confidence, its title, the evidence \
            snippet and its link. --feed matches a feed's title, URL or key (case-insensitive, part of the \
            title is enough). --json prints one JSON array of {"item","claim","time","source","feed","stance",\
            "confidence","field","terms","title","snippet","link"}.

            Examples:
              aggregator items --claim trump-endorses-ceding-donbas
              aggregator items --claim russia-demands-demilitarization --since 7d --stance disputes
              aggregator items --claim us-offers-article5-guarantees --feed "Kyiv Dispatch" --json --limit 5
            """
    )

    @OptionGroup var store: StoreOptions

    @OptionGroup var claims: ClaimsOptions

    @Option(help: "The claim id (see `aggregator claims list`).")
    var claim: String

    @Option(help: "Only items newer than this: a duration (7d, 24h, 90m) or a date (2025-08-15).")
    var since: String?

    @Option(help: "Only links with this stance: supports, disputes or mentions.")
    var stance: String?

    @Option(help: "Only items of feeds whose title, URL or key matches.")
    var feed: String?

    @Option(help: "Print at most this many items.")
    var limit: Int?

    @Flag(help: "Print JSON instead of text.")
    var json = false

    func validate() throws {
        if let stance, Stance(rawValue: stance) == nil {
            throw ValidationError("--stance must be supports, disputes or mentions, not '\(stance)'")
        }
        if let limit, limit < 1 { throw ValidationError("--limit must be at least 1") }
    }

    func run() throws {
        do throws(ClaimCommandFailure) {
            let reader = try ClaimStoreReader.open(store: store.path, claims: claims.path)
            let tracked = try reader.claim(claim)
            var evidence = try reader.evidence(forClaims: [tracked.id])
            if let since {
                let start = try ClaimDates.since(since, now: Date())
                evidence = evidence.filter { $0.time >= start }
            }
            if let wanted = stance.flatMap(Stance.init(rawValue:)) {
                evidence = evidence.filter { $0.link.stance == wanted }
            }
            if let feed {
                let keys = try matchingFeeds(feed, reader: reader)
                evidence = evidence.filter { keys.contains($0.item.feedKey) }
            }
            let total = evidence.count
            if let limit { evidence = Array(evidence.prefix(limit)) }
            let output = json ? try Self.json(evidence) : Self.text(evidence, claim: tracked, total: total)
            try? StandardStreams.writeOutput(Array(output.utf8))
        } catch {
            throw error.exit()
        }
    }

    private func matchingFeeds(_ text: String, reader: ClaimStoreReader) throws(ClaimCommandFailure) -> Set<String> {
        let needle = text.lowercased()
        var keys = Set<String>()
        for (key, record) in reader.snapshot.feeds {
            let title = reader.sourceName(feedKey: key).lowercased()
            let url = record.info?.url.lowercased() ?? ""
            if key == needle || url == needle || title.contains(needle) { keys.insert(key) }
        }
        guard !keys.isEmpty else {
            throw ClaimCommandFailure(
                "--feed \(text): no stored feed has this title, URL or key — `aggregator feeds list` shows them")
        }
        return keys
    }

    static func text(_ evidence: [ClaimStoreReader.Evidence], claim: Claim, total: Int) -> String {
        var text = "\(claim.id): \(TerminalText.line(claim.title)) — "
        if total > evidence.count { text += "\(evidence.count) of " }
        text += total == 1 ? "1 item\n" : "\(total) items\n"
        for entry in evidence {
            let link = entry.link
            text += "\n\(TerminalText.minute(entry.time))  \(entry.source)  \(link.stance.rawValue) "
            text += String(format: "%.2f", link.confidence) + "\n"
            text += "  \(TerminalText.line(entry.item.item.title ?? "(untitled)", limit: 160))\n"
            text += "  “\(TerminalText.line(link.snippet, limit: 300))” [\(link.field.rawValue)]\n"
            if let url = TerminalText.link(entry.item.item.link) { text += "  \(url)\n" }
        }
        return text
    }

    static func json(_ evidence: [ClaimStoreReader.Evidence]) throws(ClaimCommandFailure) -> String {
        let rows = evidence.map { entry in
            ItemRow(
                item: entry.item.id, claim: entry.link.claimID, time: entry.time.rfc3339, source: entry.source,
                feed: entry.item.feedKey, stance: entry.link.stance.rawValue, confidence: entry.link.confidence,
                field: entry.link.field.rawValue, terms: entry.link.terms, title: entry.item.item.title,
                snippet: entry.link.snippet, link: entry.item.item.link)
        }
        return try ClaimJSON.encode(rows)
    }

    /// One item of `--json`.
    struct ItemRow: Encodable {
        var item: String
        var claim: String
        var time: String
        var source: String
        var feed: String
        var stance: String
        var confidence: Double
        var field: String
        var terms: [String]
        var title: String?
        var snippet: String
        var link: String?
    }
}
