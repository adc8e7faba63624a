/// How query words are compared with an item's words.
public enum MatchingMode: String, Sendable, Hashable, Codable, CaseIterable {
    /// The bench's `claimq.py` semantics: case-insensitive whole words, nothing else. The default for JSON
    /// claims files, so the bench's `claims_N.json` behave exactly as the bench's reference engines.
    case exact
    /// Case-insensitive, Latin diacritics and `ё` folded, and words (not `prefix*` ones) compared by a light
    /// English / Russian / Ukrainian stem, so Донбасс, Донбасса and Донбасу are one word. The default for YAML.
    case stemmed
}
