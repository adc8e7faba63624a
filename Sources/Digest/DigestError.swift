/// What can go wrong while composing a digest message.
public enum DigestError: Error, Sendable, Hashable, CustomStringConvertible {
    /// An e-mail address given on the command line is not a usable `name <local@domain>` or `local@domain`.
    case invalidAddress(String, reason: String)
    /// A header value (subject, list id) contains a line break or control character.
    case invalidHeader(name: String, reason: String)

    public var description: String {
        switch self {
        case .invalidAddress(let address, let reason):
            return "invalid e-mail address \"\(address)\": \(reason). Use local@domain or \"Name <local@domain>\"."
        case .invalidHeader(let name, let reason):
            return "invalid \(name): \(reason). Give a single line of text."
        }
    }
}
