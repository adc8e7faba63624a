/// A user name and password for SMTP AUTH. They come from the environment (or libcurl reads `~/.netrc`),
/// never from the command line, where other users could read them in the process list.
public struct SMTPCredentials: Sendable, Hashable {
    /// The environment variable holding the SMTP user name.
    public static let userVariable = "AGGREGATOR_SMTP_USER"
    /// The environment variable holding the SMTP password.
    public static let passwordVariable = "AGGREGATOR_SMTP_PASSWORD"

    public var user: String
    public var password: String

    public init(user: String, password: String) {
        self.user = user
        self.password = password
    }

    /// Credentials from `AGGREGATOR_SMTP_USER` and `AGGREGATOR_SMTP_PASSWORD`, or nil when the user is unset
    /// or empty (then `~/.netrc` is consulted, if present).
    public static func fromEnvironment(_ environment: [String: String]) -> SMTPCredentials? {
        guard let user = environment[userVariable], !user.isEmpty else { return nil }
        return SMTPCredentials(user: user, password: environment[passwordVariable] ?? "")
    }
}

extension SMTPCredentials: CustomStringConvertible {
    /// Never shows the password.
    public var description: String { "SMTPCredentials(user: \(user), password: <hidden>)" }
}
