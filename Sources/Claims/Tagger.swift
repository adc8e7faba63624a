import FeedModel

/// All claims of a claims file compiled into one matcher.
///
/// One pass over each field of an item lowers its text, splits it into words and walks every word through a
/// trie of all query words, prefixes, stems and stance cues; only the claims that use a word that was found are
/// evaluated. Build it once, then tag from any number of threads with one `TaggingSession` per thread.
public final class Tagger: Sendable {
    /// The claims, in file order (a link's `claimID` is one of their ids).
    public let claims: [Claim]
    /// How words match.
    public let matching: MatchingMode
    let program: MatcherProgram
    /// The claims' ids, in file order (shared by every session).
    let claimIDs: [String]

    /// Compiles `file`; throws when any claim has an error (see `ClaimsChecker`).
    public convenience init(file: ClaimsFile) throws(ClaimsError) {
        let errors = ClaimsChecker.problems(in: file).filter { $0.severity == .error }
        guard errors.isEmpty else {
            throw ClaimsError(
                source: file.source, message: "\(errors.count) problem(s): run `aggregator claims check`",
                problems: errors)
        }
        try self.init(claims: file.claims, matching: file.matching, source: file.source)
    }

    /// Compiles claims directly; throws when a query does not parse.
    public init(claims: [Claim], matching: MatchingMode, source: String = "claims") throws(ClaimsError) {
        self.claims = claims
        self.matching = matching
        self.claimIDs = claims.map(\.id)
        do {
            var program = try MatcherProgram(claims: claims, mode: matching)
            program.alwaysClaims = Self.alwaysMatching(program)
            self.program = program
        } catch {
            throw ClaimsError(
                source: source, message: "a query does not parse (\(error)): run `aggregator claims check`")
        }
    }

    /// A session for one thread.
    public func makeSession() -> TaggingSession {
        TaggingSession(tagger: self)
    }

    /// Tags one item (convenience; for many items reuse a session).
    public func tag(_ item: FeedItem) -> [ClaimLink] {
        makeSession().tag(item)
    }

    /// Why `item` is or is not linked to the claim `claimID`, and how its stance was decided; nil when there
    /// is no such claim.
    public func explain(_ item: FeedItem, claimID: String) -> ClaimExplanation? {
        makeSession().explain(item, claimID: claimID)
    }

    /// Number of distinct query and cue terms, and trie nodes (for `--stats` style diagnostics).
    public var size: (terms: Int, trieNodes: Int) {
        (program.terms.count, program.trie.nodeCount)
    }

    private static func alwaysMatching(_ program: MatcherProgram) -> [Int32] {
        var always: [Int32] = []
        for (index, claim) in program.claims.enumerated()
        where claim.subqueries.contains(where: { evaluateEmpty(program, $0.root) }) {
            always.append(Int32(index))
        }
        return always
    }

    /// Evaluates a query with no term found (NEAR is false).
    private static func evaluateEmpty(_ program: MatcherProgram, _ index: Int32) -> Bool {
        let node = program.nodes[Int(index)]
        switch node.kind {
        case .term, .near: return false
        case .and:
            return (0..<Int(node.b)).allSatisfy { evaluateEmpty(program, program.children[Int(node.a) + $0]) }
        case .or:
            return (0..<Int(node.b)).contains { evaluateEmpty(program, program.children[Int(node.a) + $0]) }
        case .not:
            return !evaluateEmpty(program, node.a)
        }
    }
}
