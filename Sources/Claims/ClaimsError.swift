/// Why a claims file could not be used. Every message names the file (and the claim, when one is at fault),
/// says what is wrong and what to do.
public struct ClaimsError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The claims file (or another label for where the claims came from).
    public var source: String
    /// What went wrong, for a person.
    public var message: String
    /// The problems found when the file could be read but did not validate; empty otherwise.
    public var problems: [ClaimProblem]

    /// Creates an error about `source`.
    public init(source: String, message: String, problems: [ClaimProblem] = []) {
        self.source = source
        self.message = message
        self.problems = problems
    }

    /// `<file>: <message>` followed by one line per problem.
    public var description: String {
        var text = "\(source): \(message)"
        for problem in problems {
            text += "\n  \(problem)"
        }
        return text
    }
}
