/// How the items of one feed are told apart. Chosen per feed from its documents and never weakened again:
/// a feed whose GUIDs are missing or repeated for more than `tolerance` of its items falls back to the link,
/// then to link + published date, then to the title.
public enum IdentityStrategy: String, Sendable, Codable, CaseIterable, Comparable {
    case guid
    case link
    case linkPublished = "link+published"
    case title

    /// The share of problem items (missing or repeated keys) a strategy tolerates in one document.
    public static let tolerance = 0.05

    public static func < (lhs: IdentityStrategy, rhs: IdentityStrategy) -> Bool {
        lhs.rank < rhs.rank
    }

    var rank: UInt8 {
        switch self {
        case .guid: 0
        case .link: 1
        case .linkPublished: 2
        case .title: 3
        }
    }

    init?(rank: UInt8) {
        guard let found = Self.allCases.first(where: { $0.rank == rank }) else { return nil }
        self = found
    }
}
