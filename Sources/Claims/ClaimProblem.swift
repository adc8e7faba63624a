/// One thing wrong (or suspicious) in a claims file, as reported by `aggregator claims check`.
public struct ClaimProblem: Sendable, Hashable, CustomStringConvertible {
    /// How bad the problem is.
    public enum Severity: String, Sendable, Hashable {
        /// The claim cannot be used; the file does not validate.
        case error
        /// The claim works, but probably not as intended.
        case warning
    }

    /// `error` or `warning`.
    public var severity: Severity
    /// The claim's id (or its position, `claims[3]`, when it has no id).
    public var claimID: String
    /// Which part of the claim: `id`, `title`, `query`, `queries.ru`, `support_cues`, ...
    public var field: String
    /// 1-based character column in the query text, when the problem is inside a query.
    public var column: Int?
    /// What is wrong and what to do about it.
    public var message: String

    /// Creates a problem report.
    public init(severity: Severity, claimID: String, field: String, column: Int? = nil, message: String) {
        self.severity = severity
        self.claimID = claimID
        self.field = field
        self.column = column
        self.message = message
    }

    /// `error: claim trump-cedes, query column 14: ...`
    public var description: String {
        var place = "\(severity.rawValue): claim \(claimID), \(field)"
        if let column { place += " column \(column)" }
        return "\(place): \(message)"
    }
}
