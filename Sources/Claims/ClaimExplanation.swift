import FeedModel

/// Why an item is (or is not) linked to a claim, and how the stance was decided: what `aggregator explain`
/// prints.
public struct ClaimExplanation: Sendable, Hashable {
    /// The claim.
    public var claim: Claim
    /// The link, when the item matches the claim's query.
    public var link: ClaimLink?
    /// Which query matched (`query`, `queries.ru`), when one did.
    public var matchedQuery: String?
    /// Every query term, with the fields it was found in (empty when absent).
    public var terms: [(term: String, fields: [ItemField])]
    /// Number of top-level AND parts of the matching query, and how many the evidence sentence holds.
    public var parts: (total: Int, inEvidence: Int)
    /// Generic cues found in the evidence sentence (outside the claim's own words).
    public var cues: [String]
    /// The claim-specific cue that decided, if any.
    public var claimCue: String?
    /// The rule that decided the stance, in words.
    public var reason: String

    /// A readable, multi-line account.
    public var lines: [String] {
        var out = ["claim \(claim.id): \(claim.title)", "query: \(claim.query)"]
        for language in claim.localizedQueries.keys.sorted() {
            out.append("queries.\(language): \(claim.localizedQueries[language] ?? "")")
        }
        for (term, fields) in terms {
            let found = fields.isEmpty ? "not found" : "found in " + fields.map(\.rawValue).joined(separator: ", ")
            out.append("  \(term): \(found)")
        }
        guard let link else {
            out.append("not linked: " + (reason.isEmpty ? "no query of the claim matches the item" : reason))
            return out
        }
        out.append("linked by \(matchedQuery ?? "query"); evidence (\(link.field.rawValue)): \(link.snippet)")
        out.append("query parts in the evidence sentence: \(parts.inEvidence) of \(parts.total)")
        out.append("cues in the evidence sentence: \(cues.isEmpty ? "none" : cues.joined(separator: ", "))")
        if let claimCue { out.append("claim cue: \(claimCue)") }
        out.append("stance: \(link.stance.rawValue) (confidence \(Self.format(link.confidence))): \(reason)")
        return out
    }

    private static func format(_ value: Double) -> String {
        let hundredths = Int((value * 100).rounded())
        return "\(hundredths / 100).\(hundredths % 100 < 10 ? "0" : "")\(hundredths % 100)"
    }

    public static func == (lhs: ClaimExplanation, rhs: ClaimExplanation) -> Bool {
        lhs.lines == rhs.lines
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(lines)
    }
}

extension TaggingState {
    /// See `Tagger.explain(_:claimID:)`.
    mutating func explain(_ item: FeedItem, claim: Claim, claimIndex: Int) -> ClaimExplanation {
        let matched = match(title: item.title, summary: item.summary, content: item.content)
        let compiled = program.claims[claimIndex]
        var seen = Set<Int32>()
        var terms: [(term: String, fields: [ItemField])] = []
        for subquery in compiled.subqueries {
            for term in allTerms(subquery.root) where seen.insert(term).inserted {
                let bits = termFields[Int(term)]
                var fields: [ItemField] = []
                if bits & FieldScope.title.rawValue != 0 { fields.append(.title) }
                if bits & FieldScope.summary.rawValue != 0 { fields.append(.summary) }
                if bits & FieldScope.content.rawValue != 0 { fields.append(.content) }
                terms.append((program.terms[Int(term)].display, fields))
            }
        }
        guard let hit = matched.first(where: { Int($0.claim) == claimIndex }) else {
            return ClaimExplanation(
                claim: claim, link: nil, matchedQuery: nil, terms: terms, parts: (0, 0), cues: [], claimCue: nil,
                reason: "")
        }
        let analysis = makeLink(itemID: item.id, claim: hit.claim, subquery: hit.subquery)
        let label = compiled.subqueries[hit.subquery].label
        if program.fold && !analysis.isLocal {
            return ClaimExplanation(
                claim: claim, link: nil, matchedQuery: label, terms: terms,
                parts: (analysis.groupCount, analysis.coveredGroups), cues: [], claimCue: nil,
                reason: "\(label) matches, but its \(analysis.groupCount) parts are not within two "
                    + "neighbouring sentences (or the title and one sentence), which the stemmed mode requires")
        }
        return ClaimExplanation(
            claim: claim, link: analysis.link, matchedQuery: label, terms: terms,
            parts: (analysis.groupCount, analysis.coveredGroups), cues: analysis.cueWords,
            claimCue: analysis.claimCue, reason: analysis.reason)
    }

    private func allTerms(_ index: Int32) -> [Int32] {
        let node = program.nodes[Int(index)]
        switch node.kind {
        case .term: return [node.a]
        case .and, .or: return (0..<Int(node.b)).flatMap { allTerms(program.children[Int(node.a) + $0]) }
        case .not: return allTerms(node.a)
        case .near:
            return (program.positionSets[Int(node.a)] + program.positionSets[Int(node.b)]).map(\.term)
        }
    }
}
