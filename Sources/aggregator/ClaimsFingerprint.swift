import Claims
import FeedModel

/// One hash per claim over what decides its links (query, per-language queries, cues, matching mode), kept in
/// the store mark `claims.tagged` so that `aggregator retag` knows which claims changed since the store was
/// tagged. Titles and descriptions are left out: editing them changes no link.
///
/// The mark's text is one `id hash` line per claim, sorted by id. An empty mark means "not known": some items
/// were stored untagged (or the store was tagged before marks existed), so `retag` re-tags every claim.
struct ClaimsFingerprint: Sendable, Hashable {
    /// The store mark that records which claim definitions tagged the store.
    static let markName = "claims.tagged"

    /// Claim id → 16 hex digits.
    var hashes: [String: String]

    init(hashes: [String: String]) {
        self.hashes = hashes
    }

    /// The fingerprint of the claims a tagger was built from.
    init(claims: [Claim], matching: MatchingMode) {
        var hashes: [String: String] = [:]
        for claim in claims { hashes[claim.id] = Self.hash(claim, matching: matching) }
        self.hashes = hashes
    }

    /// Reads a mark's text; nil when it is empty or malformed (the state is unknown).
    init?(mark: String?) {
        guard let mark, !mark.isEmpty else { return nil }
        var hashes: [String: String] = [:]
        for line in mark.split(separator: "\n") {
            let parts = line.split(separator: " ")
            guard parts.count == 2 else { return nil }
            hashes[String(parts[0])] = String(parts[1])
        }
        self.hashes = hashes
    }

    /// The mark's text.
    var mark: String {
        hashes.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: "\n")
    }

    /// How `newer` differs from this fingerprint, claim by claim.
    func changes(to newer: ClaimsFingerprint) -> (added: Set<String>, modified: Set<String>, removed: Set<String>) {
        var added = Set<String>()
        var modified = Set<String>()
        for (id, hash) in newer.hashes {
            if let old = hashes[id] {
                if old != hash { modified.insert(id) }
            } else {
                added.insert(id)
            }
        }
        let removed = Set(hashes.keys).subtracting(newer.hashes.keys)
        return (added, modified, removed)
    }

    private static func hash(_ claim: Claim, matching: MatchingMode) -> String {
        var hash = StableHash()
        hash.combine(matching.rawValue)
        hash.combineSeparator()
        hash.combine(claim.query)
        for (language, query) in claim.localizedQueries.sorted(by: { $0.key < $1.key }) {
            hash.combineSeparator()
            hash.combine(language)
            hash.combineSeparator()
            hash.combine(query)
        }
        for (tag, cues) in [("+", claim.supportCues), ("-", claim.disputeCues)] {
            for cue in cues {
                hash.combineSeparator()
                hash.combine(tag + cue)
            }
        }
        return hash.hex
    }
}
