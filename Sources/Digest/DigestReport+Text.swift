import FeedModel

extension DigestReport.Evidence {
    /// What the digest shows as an item's title: its title, else its link, else its feed id.
    public static func title(of item: FeedItem) -> String {
        item.title ?? item.link ?? item.id
    }
}

extension DigestReport {
    /// Every item the report shows: claim evidence (with the claim's id) and notable items (claim nil), in
    /// report order. A caller that built the report from item and link headers reads these bodies only.
    public var shownItems: [(claimID: String?, itemID: String)] {
        var shown: [(claimID: String?, itemID: String)] = []
        for claim in claims {
            for evidence in [claim.firstSeen, claim.bestEvidence].compactMap({ $0 }) {
                shown.append((claim.id, evidence.itemID))
            }
        }
        for group in notableGroups {
            for item in group.items { shown.append((nil, item.itemID)) }
        }
        return shown
    }

    /// Sets the title, link and snippet of every shown item from the full item and link: for a report built
    /// from headers (`DigestInput` items without text, links without snippets), whose counts, order and
    /// times are already those of the full input. Items `item` does not know keep what they show.
    public mutating func fillText(
        item: (_ itemID: String) -> FeedItem?, snippet: (_ claimID: String, _ itemID: String) -> String?
    ) {
        func fill(_ evidence: inout Evidence, claimID: String?) {
            guard let body = item(evidence.itemID) else { return }
            evidence.title = Evidence.title(of: body)
            evidence.link = body.link
            if let claimID, let text = snippet(claimID, evidence.itemID) { evidence.snippet = text }
        }
        for index in claims.indices {
            let claimID = claims[index].id
            if var evidence = claims[index].firstSeen {
                fill(&evidence, claimID: claimID)
                claims[index].firstSeen = evidence
            }
            if var evidence = claims[index].bestEvidence {
                fill(&evidence, claimID: claimID)
                claims[index].bestEvidence = evidence
            }
        }
        for group in notableGroups.indices {
            for position in notableGroups[group].items.indices {
                fill(&notableGroups[group].items[position], claimID: nil)
            }
        }
    }
}
