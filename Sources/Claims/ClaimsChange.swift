import FeedModel

/// What changed between two versions of a claims file, for `aggregator retag`: only the claims whose
/// matching or stance inputs changed need re-tagging, and removed claims need their links deleted.
public struct ClaimsChange: Sendable, Hashable {
    /// Claims that are new.
    public var added: [String]
    /// Claims that are gone (their stored links should be removed).
    public var removed: [String]
    /// Claims whose query, per-language queries or cues changed, or all claims when the matching mode changed.
    public var changed: [String]

    /// Compares the claims of `old` and `new` by id. Title and description changes alone need no re-tagging.
    public init(from old: ClaimsFile, to new: ClaimsFile) {
        let before = Dictionary(old.claims.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        let after = Dictionary(new.claims.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        added = new.claims.map(\.id).filter { before[$0] == nil }
        removed = old.claims.map(\.id).filter { after[$0] == nil }
        changed = new.claims.compactMap { claim in
            guard let previous = before[claim.id] else { return nil }
            let same =
                old.matching == new.matching && previous.query == claim.query
                && previous.localizedQueries == claim.localizedQueries && previous.supportCues == claim.supportCues
                && previous.disputeCues == claim.disputeCues
            return same ? nil : claim.id
        }
    }

    /// The claims to re-tag: added and changed.
    public var toRetag: [String] { added + changed }

    /// Whether nothing needs re-tagging or removing.
    public var isEmpty: Bool { added.isEmpty && removed.isEmpty && changed.isEmpty }
}
