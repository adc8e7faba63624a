import ArgumentParser
import Claims
import FeedModel
import Foundation
import Logging
import Store

/// `aggregator retag [--claims FILE] [--store DIR]`: brings the store's claim links up to date with the claims
/// file, re-tagging only the claims whose definition changed.
struct RetagCommand: ParsableCommand, DiagnosticCommand {
    static let configuration = CommandConfiguration(
        commandName: "retag",
        abstract: "Re-tag the store after the claims file changed, touching only the claims that changed.",
        discussion: """
            The store remembers which definition of each claim (query, per-language queries, cues, matching \
            mode) tagged it. retag compares that with --claims: added and modified claims are re-tagged over \
            every stored item, the links of removed claims are dropped, and unchanged claims are not touched. \
            Editing a title or description changes nothing. When the store does not know how it was tagged \
            (items stored while the claims file was broken, or a store from before tagging), every claim is \
            re-tagged; so does --all. Prints the counts. Exit status: 0 done, 1 store error, 2 the claims \
            file has errors (fix it with `aggregator claims check`), 3 another process holds the store.

            Examples:
              aggregator retag
              aggregator retag --claims Feeds/claims.yaml --store /var/lib/aggregator
            """
    )

    @OptionGroup var store: StoreOptions

    @OptionGroup var claims: ClaimsOptions

    @Flag(help: "Re-tag every claim, changed or not.")
    var all = false

    @Flag(help: "Wait for another writer to finish instead of failing.")
    var wait = false

    @OptionGroup var output: OutputOptions

    var diagnosticsLevel: Logger.Level { output.level() }

    /// Items tagged between two commits.
    private static let commitEvery = 5000

    func run() throws {
        let start = Date()
        let tagger: Tagger
        switch TaggerLoad.load(claimsAt: URL(fileURLWithPath: claims.path)) {
        case .ready(let ready, _): tagger = ready
        case .skipped(let reason): throw ClaimCommandFailure("retag: \(reason)", status: 2).exit()
        }
        let logger = Diagnostics.logger
        logger.info("retag: \(tagger.claims.count) claims from \(claims.path), store \(store.path)")
        let writer: StoreWriter
        do {
            writer = try StoreWriter.open(at: store.path, command: "retag", wait: wait)
        } catch {
            throw StoreFailure.exit(error)
        }
        let newer = ClaimsFingerprint(claims: tagger.claims, matching: tagger.matching)
        let snapshot = writer.snapshot()
        let plan = RetagPlan(
            recorded: all ? nil : ClaimsFingerprint(mark: snapshot.mark(ClaimsFingerprint.markName)), newer: newer)
        if plan.isEmpty {
            let line = "retag: \(newer.hashes.count) claims unchanged since the store was tagged: nothing to do\n"
            try StandardStreams.writeOutput(Array(line.utf8))
            return
        }
        var counts = RetagCounts()
        do throws(StoreError) {
            logger.info("retag: claims \(plan.summary)")
            try retag(plan, tagger: tagger, writer: writer, snapshot: snapshot, counts: &counts, logger: logger)
            try writer.setMark(ClaimsFingerprint.markName, to: newer.mark)
            try writer.finish()
        } catch {
            throw StoreFailure.exit(error)
        }
        let seconds = String(format: "%.3f", Date().timeIntervalSince(start))
        let summary =
            "retag: claims \(plan.summary); items scanned \(counts.items); links \(counts.added) new, "
            + "\(counts.dropped) dropped, \(counts.changed) changed, \(counts.kept) kept; seconds=\(seconds)\n"
        try StandardStreams.writeOutput(Array(summary.utf8))
    }

    private func retag(
        _ plan: RetagPlan, tagger: Tagger, writer: StoreWriter, snapshot: StoreSnapshot, counts: inout RetagCounts,
        logger: Logger
    ) throws(StoreError) {
        let old = try snapshot.links(forClaims: plan.scope)
        var oldByItem: [String: [String: ClaimLink]] = [:]
        for link in old { oldByItem[link.itemID, default: [:]][link.claimID] = link }
        let scope = plan.full ? nil : plan.scope.sorted()
        func apply(_ links: [ClaimLink], to itemID: String) throws(StoreError) {
            try writer.setLinks(links, forItem: itemID, claims: scope)
            counts.count(old: oldByItem.removeValue(forKey: itemID) ?? [:], new: links)
        }
        let toTag = tagger.claims.filter { plan.tag.contains($0.id) }
        if toTag.isEmpty {
            // Only removed claims: touch just the items linked to them.
            for itemID in oldByItem.keys.sorted() { try apply([], to: itemID) }
            return
        }
        let session: TaggingSession
        do {
            session = try Tagger(claims: toTag, matching: tagger.matching).makeSession()
        } catch {
            throw StoreError.invalidArgument("\(claims.path): \(error.description)")
        }
        var sinceCommit = 0
        for feedKey in snapshot.feeds.keys.sorted() {
            for stored in try snapshot.items(inFeed: feedKey) {
                let item = stored.item
                let links = session.tag(id: stored.id, title: item.title, summary: item.summary, content: item.content)
                try apply(links, to: stored.id)
                counts.items += 1
                sinceCommit += 1
            }
            if sinceCommit >= Self.commitEvery {
                logger.debug("retag: committed after \(counts.items) items")
                try writer.commit()
                sinceCommit = 0
            }
        }
        // Links of items the loop did not see (none, unless the store changed under us) are dropped too.
        for itemID in oldByItem.keys.sorted() { try apply([], to: itemID) }
    }
}

/// Which claims `retag` re-tags and which it drops.
struct RetagPlan {
    /// Claims to tag every item with (added and modified).
    var tag: Set<String>
    /// Every claim whose links may change (`tag` plus the removed ones).
    var scope: Set<String>
    /// The store's tagging state was unknown: every claim is re-tagged and links to claims not in the file go.
    var full: Bool
    var summary: String

    init(recorded: ClaimsFingerprint?, newer: ClaimsFingerprint) {
        let all = Set(newer.hashes.keys)
        guard let recorded else {
            tag = all
            scope = all
            full = true
            summary = "all \(all.count) re-tagged"
            return
        }
        let changes = recorded.changes(to: newer)
        tag = changes.added.union(changes.modified)
        scope = tag.union(changes.removed)
        full = false
        let unchanged = all.count - changes.added.count - changes.modified.count
        summary =
            "\(changes.added.count) added, \(changes.modified.count) modified, \(changes.removed.count) removed, "
            + "\(unchanged) unchanged"
    }

    var isEmpty: Bool { scope.isEmpty && !full }
}

/// What `retag` changed, link by link.
struct RetagCounts {
    var items = 0
    var added = 0
    var dropped = 0
    var changed = 0
    var kept = 0

    mutating func count(old: [String: ClaimLink], new: [ClaimLink]) {
        var remaining = old
        for link in new {
            if let before = remaining.removeValue(forKey: link.claimID) {
                if before == link { kept += 1 } else { changed += 1 }
            } else {
                added += 1
            }
        }
        dropped += remaining.count
    }
}
