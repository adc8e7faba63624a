import Claims
import FeedModel
import Foundation
import Logging
import Store

/// Tags items as `import` and `fetch` store them, and keeps the store's `claims.tagged` mark honest.
///
/// A broken or missing claims file never stops items from being stored: tagging is skipped and the reason is
/// said once on stderr: as a warning when the file was named (--claims, `AGGREGATOR_CLAIMS`, `claims:`) or is
/// broken, since someone has something to fix; as an info line (shown with -v only) when the default
/// `Feeds/claims.yaml` simply does not exist, so that cron runs without claims stay silent.
///
/// The mark (see `ClaimsFingerprint`) records which claim definitions the whole store is tagged with; it is only
/// ever set here when that is true for every item (a new store), and emptied when items are stored untagged, so
/// that `aggregator retag` re-tags what it must.
final class StoreTagging {
    /// Links written so far.
    private(set) var linksWritten = 0
    /// Items tagged so far.
    private(set) var itemsTagged = 0
    /// Why tagging is skipped, or nil when it runs.
    let skipReason: String?

    /// Computes links off the writer's thread (nil when tagging is skipped).
    let linker: FeedLinker?
    /// Tags on the writer's thread the items whose links were not computed beforehand.
    private let session: TaggingSession?
    /// A mark value to write with the first stored item (nil: leave the mark alone).
    private var pendingMark: String?

    /// Loads the claims file of `claims` and decides what the mark becomes, from `writer`'s committed state.
    init(claims: ClaimsOptions, writer: StoreWriter, logger: Logger = Diagnostics.logger) {
        let snapshot = writer.snapshot()
        let current = snapshot.mark(ClaimsFingerprint.markName)
        switch TaggerLoad.load(claimsAt: URL(fileURLWithPath: claims.path)) {
        case .ready(let tagger, let warnings):
            logger.info("tagging with \(tagger.claims.count) claims from \(claims.path)")
            for warning in warnings { logger.info("\(claims.path): \(warning)") }
            session = tagger.makeSession()
            linker = FeedLinker(tagger: tagger)
            skipReason = nil
            if current == nil, snapshot.segmentCount == 0 || snapshot.itemCount == 0 {
                pendingMark = ClaimsFingerprint(claims: tagger.claims, matching: tagger.matching).mark
            }
        case .skipped(let reason):
            session = nil
            linker = nil
            skipReason = reason
            if let current, !current.isEmpty { pendingMark = "" }
            if claims.source == .builtInDefault && !FileManager.default.fileExists(atPath: claims.path) {
                let message =
                    "not tagging: no claims file at \(claims.path), so items are stored untagged (create it, or "
                    + "name one with --claims, AGGREGATOR_CLAIMS or claims: in aggregator.yaml, then run "
                    + "`aggregator retag`)"
                logger.info("\(message)")
            } else {
                logger.warning("not tagging: \(reason)")
            }
        }
    }

    /// Tags the new and changed items of `feed`, just upserted with `result`, and replaces their links. Links in
    /// `precomputed` (from `linker`, for the same feed) are stored as they are, with the store's item id; items
    /// without them are tagged here. Unchanged and duplicate items keep their links either way.
    func tag(
        _ feed: ParsedFeed, result: UpsertResult, writer: StoreWriter, precomputed: PrecomputedLinks? = nil
    ) throws(StoreError) {
        guard result.entries.contains(where: { $0.status == .added || $0.status == .changed }) else { return }
        if let mark = pendingMark {
            try writer.setMark(ClaimsFingerprint.markName, to: mark)
            pendingMark = nil
        }
        guard let session else { return }
        let ready = precomputed.flatMap { $0.perItem.count == feed.items.count ? $0.perItem : nil }
        for (position, (item, entry)) in zip(feed.items, result.entries).enumerated()
        where entry.status == .added || entry.status == .changed {
            var links: [ClaimLink]
            if let ready {
                links = ready[position]
                for index in links.indices { links[index].itemID = entry.id }
            } else {
                links = session.tag(id: entry.id, title: item.title, summary: item.summary, content: item.content)
            }
            try writer.setLinks(links, forItem: entry.id)
            itemsTagged += 1
            linksWritten += links.count
        }
    }
}
