/// A tracked proposition, e.g. "Trump endorses Ukraine ceding the Donbas", with the query that finds
/// candidate items for it. See `docs/CLAIMS.md` and `../shared/STANCE.md` for what a link means.
public struct Claim: Sendable, Hashable, Codable {
    /// A slug: lowercase letters, digits and `-`.
    public var id: String
    /// The statement itself.
    public var title: String
    /// The query in the claims query language (AND, OR, NOT, parentheses, "phrases", prefix*, NEAR/n, field:).
    public var query: String
    public var description: String?
    /// Extra queries per language code ("ru", "uk", ...): the claim matches an item when `query` or any of
    /// these matches. This is how Russian and Ukrainian wording is tracked next to the English query.
    public var localizedQueries: [String: String]
    /// Claim-specific phrases that signal support / dispute.
    public var supportCues: [String]
    public var disputeCues: [String]

    public init(
        id: String, title: String, query: String, description: String? = nil, localizedQueries: [String: String] = [:],
        supportCues: [String] = [], disputeCues: [String] = []
    ) {
        self.id = id
        self.title = title
        self.query = query
        self.description = description
        self.localizedQueries = localizedQueries
        self.supportCues = supportCues
        self.disputeCues = disputeCues
    }
}

/// What an item says about a claim being true (see `../shared/STANCE.md`).
public enum Stance: String, Sendable, Codable, CaseIterable, Hashable {
    case supports
    case disputes
    case mentions
}

/// Which part of an item the evidence was found in.
public enum ItemField: String, Sendable, Codable, CaseIterable, Hashable {
    case title
    case summary
    case content
}

/// The link between one item and one claim, with its evidence.
public struct ClaimLink: Sendable, Hashable, Codable {
    public var itemID: String
    public var claimID: String
    public var stance: Stance
    /// 0...1.
    public var confidence: Double
    /// The query terms that matched, as they appear in the query.
    public var terms: [String]
    public var field: ItemField
    /// The sentence(s) where the terms matched, at most 300 characters.
    public var snippet: String

    public init(
        itemID: String, claimID: String, stance: Stance, confidence: Double, terms: [String], field: ItemField,
        snippet: String
    ) {
        self.itemID = itemID
        self.claimID = claimID
        self.stance = stance
        self.confidence = confidence
        self.terms = terms
        self.field = field
        self.snippet = snippet
    }
}
