/// Why a query could not be parsed: the 1-based character column and what is wrong there.
public struct QuerySyntaxError: Error, Sendable, Hashable, CustomStringConvertible {
    /// 1-based character column in the query (one past the end when the query ends too early).
    public var column: Int
    /// What is wrong, and what to write instead.
    public var message: String

    /// Creates a syntax error.
    public init(column: Int, message: String) {
        self.column = column
        self.message = message
    }

    /// `column 12: ...`
    public var description: String { "column \(column): \(message)" }
}
