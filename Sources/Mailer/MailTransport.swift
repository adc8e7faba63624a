/// Where a finished message goes: an SMTP server (through libcurl) or the local `sendmail -t`.
public enum MailTransport: Sendable, Hashable, CustomStringConvertible {
    /// `smtp://host[:port]` (STARTTLS when the server offers it) or `smtps://host[:port]` (TLS from the start).
    case smtp(url: String, host: String, implicitTLS: Bool)
    /// Pipe the message to `<path> -t -i`.
    case sendmail(path: String)

    /// The default `sendmail` program.
    public static let defaultSendmailPath = "/usr/sbin/sendmail"

    /// Parses a `--send` value: `sendmail`, `smtp://host:port` or `smtps://host:port`.
    /// `sendmailPath` replaces the default program (tests and unusual installations).
    public init(parsing value: String, sendmailPath: String? = nil) throws(MailerError) {
        if value == "sendmail" {
            self = .sendmail(path: sendmailPath ?? Self.defaultSendmailPath)
            return
        }
        let lower = value.lowercased()
        let implicitTLS: Bool
        let rest: Substring
        if lower.hasPrefix("smtp://") {
            implicitTLS = false
            rest = value.dropFirst(7)
        } else if lower.hasPrefix("smtps://") {
            implicitTLS = true
            rest = value.dropFirst(8)
        } else {
            throw .invalidTransport(value, reason: "expected sendmail, smtp://host:port or smtps://host:port")
        }
        let authority = rest.prefix { $0 != "/" }
        guard !authority.isEmpty, !authority.contains("@") else {
            throw .invalidTransport(
                value, reason: "give only host and port; credentials come from the environment or ~/.netrc")
        }
        guard authority.unicodeScalars.allSatisfy({ $0.isASCII && $0.value > 0x20 && $0 != "?" && $0 != "#" })
        else {
            throw .invalidTransport(value, reason: "the host contains characters not allowed there")
        }
        let host: Substring
        let port: Substring?
        if authority.hasPrefix("["), let close = authority.firstIndex(of: "]") {
            host = authority[authority.index(after: authority.startIndex)..<close]
            let after = authority[authority.index(after: close)...]
            port = after.isEmpty ? nil : after.dropFirst()
            guard after.isEmpty || after.hasPrefix(":") else {
                throw .invalidTransport(value, reason: "expected :port after the bracketed address")
            }
        } else if let colon = authority.lastIndex(of: ":") {
            host = authority[..<colon]
            port = authority[authority.index(after: colon)...]
        } else {
            host = authority
            port = nil
        }
        if let port, !(Int(port).map { (1...65_535).contains($0) } ?? false) {
            throw .invalidTransport(value, reason: "the port must be a number from 1 to 65535")
        }
        guard !host.isEmpty else { throw .invalidTransport(value, reason: "the host is missing") }
        self = .smtp(
            url: (implicitTLS ? "smtps://" : "smtp://") + authority, host: String(host), implicitTLS: implicitTLS)
    }

    public var description: String {
        switch self {
        case .smtp(let url, _, _): return url
        case .sendmail(let path): return "\(path) -t"
        }
    }
}
