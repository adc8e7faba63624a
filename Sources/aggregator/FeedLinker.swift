import Claims
import FeedModel

/// Computes the claim links of a parsed feed's items away from the store writer's thread: `import` calls it in
/// its parallel parse jobs and `fetch` on its download thread, so that the writer only stores links.
///
/// Each call borrows a tagging session from a shared pool (a session serves one thread at a time). The links
/// carry an empty `itemID`: the store id is known only once the writer has upserted the feed, and
/// `StoreTagging` fills it in.
struct FeedLinker: Sendable {
    private let pool: TaggingSessionPool

    init(tagger: Tagger) {
        pool = TaggingSessionPool(tagger: tagger)
    }

    /// The links of every item of `feed`, in item order.
    func links(for feed: ParsedFeed) -> PrecomputedLinks {
        let session = pool.take()
        defer { pool.giveBack(session) }
        let perItem = feed.items.map { item in
            session.tag(id: "", title: item.title, summary: item.summary, content: item.content)
        }
        return PrecomputedLinks(perItem: perItem)
    }
}

/// The links of a feed's items computed before the feed was stored (see `FeedLinker`), in item order, with
/// empty item ids.
struct PrecomputedLinks: Sendable {
    var perItem: [[ClaimLink]]
}
