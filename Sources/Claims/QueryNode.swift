/// A parsed claims query (see docs/CLAIMS.md for the language).
public enum QueryNode: Sendable, Hashable {
    /// A word, `prefix*` or "phrase".
    case term(QueryTerm)
    /// All children must match.
    indirect case and([QueryNode])
    /// At least one child must match.
    indirect case or([QueryNode])
    /// The child must not match anywhere in the item.
    indirect case not(QueryNode)
    /// Both sides match in the same field with at most `distance` words between them.
    indirect case near(QueryNode, QueryNode, distance: Int)
    /// The child must match inside the given fields (`title:`, `summary:`, `content:`, `body:`).
    indirect case scoped(FieldScope, QueryNode)

    /// Every term under this node, left to right.
    public var terms: [QueryTerm] {
        var out: [QueryTerm] = []
        collectTerms(into: &out)
        return out
    }

    private func collectTerms(into out: inout [QueryTerm]) {
        switch self {
        case .term(let term): out.append(term)
        case .and(let kids), .or(let kids): for kid in kids { kid.collectTerms(into: &out) }
        case .not(let kid), .scoped(_, let kid): kid.collectTerms(into: &out)
        case .near(let left, let right, _):
            left.collectTerms(into: &out)
            right.collectTerms(into: &out)
        }
    }
}

/// One term of a query as written.
public struct QueryTerm: Sendable, Hashable {
    /// The term's words, without quotes or the trailing `*`, whitespace collapsed (case as written).
    public var text: String
    /// `negotiat*`: the last word is a prefix.
    public var isPrefix: Bool
    /// Written in double quotes.
    public var isPhrase: Bool
    /// 1-based character column of the term in the query.
    public var column: Int

    /// Creates a term.
    public init(text: String, isPrefix: Bool, isPhrase: Bool, column: Int) {
        self.text = text
        self.isPrefix = isPrefix
        self.isPhrase = isPhrase
        self.column = column
    }

    /// The term as it appears in the query: `"give up"`, `surrender*`, `trump`.
    public var display: String {
        if isPhrase { return "\"\(text)\"" }
        return isPrefix ? text + "*" : text
    }
}

/// The item fields a `field:` scope selects.
public struct FieldScope: OptionSet, Sendable, Hashable {
    public let rawValue: UInt8
    /// Creates a scope from its bits.
    public init(rawValue: UInt8) { self.rawValue = rawValue }

    /// The item's title.
    public static let title = FieldScope(rawValue: 1)
    /// The item's summary (RSS description, Atom summary).
    public static let summary = FieldScope(rawValue: 2)
    /// The item's full content.
    public static let content = FieldScope(rawValue: 4)
    /// Summary or content.
    public static let body: FieldScope = [.summary, .content]
    /// Anywhere in the item.
    public static let all: FieldScope = [.title, .summary, .content]

    /// The scope names accepted before `:` in a query.
    static let byName: [String: FieldScope] = [
        "title": .title, "summary": .summary, "content": .content, "body": .body, "text": .body,
    ]
}
