import FeedModel

/// Tags items with one `Tagger`'s claims, reusing its buffers from item to item. Not thread-safe: make one
/// session per thread with `Tagger.makeSession()`.
public final class TaggingSession {
    private let tagger: Tagger
    private var state: TaggingState?

    init(tagger: Tagger) {
        self.tagger = tagger
        self.state = TaggingState(program: tagger.program, claimIDs: tagger.claimIDs)
    }

    /// The links of one item, in claim order.
    public func tag(_ item: FeedItem) -> [ClaimLink] {
        tag(id: item.id, title: item.title, summary: item.summary, content: item.content)
    }

    /// The links of one item given as its fields (any may be nil).
    public func tag(id: String, title: String?, summary: String?, content: String?) -> [ClaimLink] {
        withState { state in
            let matched = state.match(title: title, summary: summary, content: content)
            var links: [ClaimLink] = []
            links.reserveCapacity(matched.count)
            let requireProximity = tagger.matching == .stemmed
            for (claim, subquery) in matched {
                let analysis = state.makeLink(itemID: id, claim: claim, subquery: subquery)
                if requireProximity && !analysis.isLocal { continue }
                links.append(analysis.link)
            }
            return links
        }
    }

    /// The indices (into `Tagger.claims`) of the claims the item matches, without evidence or stance.
    public func matchingClaimIndices(title: String?, summary: String?, content: String?) -> [Int] {
        withState { state in
            state.match(title: title, summary: summary, content: content).map { Int($0.claim) }
        }
    }

    /// See `Tagger.explain(_:claimID:)`.
    public func explain(_ item: FeedItem, claimID: String) -> ClaimExplanation? {
        guard let index = tagger.claims.firstIndex(where: { $0.id == claimID }) else { return nil }
        let claim = tagger.claims[index]
        return withState { state in state.explain(item, claim: claim, claimIndex: index) }
    }

    /// Runs `body` on the state moved into a local variable (no runtime exclusivity checks in the loops).
    private func withState<Result>(_ body: (inout TaggingState) -> Result) -> Result {
        var local = state.take() ?? TaggingState(program: tagger.program, claimIDs: tagger.claimIDs)
        defer { state = local }
        return body(&local)
    }
}
