/// Why a message was not sent. Each message says where it went, what happened and what to do.
public enum MailerError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The `--send` value is not `sendmail`, `smtp://host:port` or `smtps://host:port`.
    case invalidTransport(String, reason: String)
    /// An envelope address is unusable (empty, or contains characters SMTP cannot carry).
    case invalidEnvelope(String)
    /// libcurl's SMTP transfer failed. `responseCode` is the last SMTP reply code (0 when none arrived),
    /// `serverReply` the server's last error line when there was one.
    case smtp(url: String, curlCode: Int, curlMessage: String, responseCode: Int, serverReply: String?)
    /// `sendmail` could not be started.
    case sendmailNotRunnable(path: String, reason: String)
    /// `sendmail` ran and exited non-zero.
    case sendmailFailed(path: String, status: Int32, standardError: String)

    public var description: String {
        switch self {
        case .invalidTransport(let value, let reason):
            return "cannot send with \"\(value)\": \(reason)."
        case .invalidEnvelope(let reason):
            return "cannot send: \(reason)."
        case .smtp(let url, let code, let message, let response, let reply):
            var text = "sending to \(url) failed: \(message)"
            if let reply, !reply.isEmpty {
                text += "; the server answered \"\(reply)\""
            } else if response > 0 {
                text += "; last SMTP reply code \(response)"
            }
            return text + ". " + Self.hint(curlCode: code, responseCode: response, implicitTLS: url.hasPrefix("smtps:"))
        case .sendmailNotRunnable(let path, let reason):
            return
                "cannot run \(path): \(reason). Install a sendmail-compatible program or use --send smtp://host:port."
        case .sendmailFailed(let path, let status, let standardError):
            let detail = standardError.isEmpty ? "" : ": \(standardError)"
            return "\(path) -t exited with status \(status)\(detail). Check the addresses and the local mail setup."
        }
    }

    /// What the user can do about an SMTP failure.
    private static func hint(curlCode: Int, responseCode: Int, implicitTLS: Bool) -> String {
        switch (curlCode, responseCode) {
        case (_, 550), (_, 551), (_, 553), (_, 501): return "Check the sender and recipient addresses."
        case (67, _), (_, 535), (_, 530):
            return "Check \(SMTPCredentials.userVariable) / \(SMTPCredentials.passwordVariable) or ~/.netrc."
        case (6, _): return "Check the host name in --send."
        case (7, _), (28, _): return "Check that the server is running and the host and port are right."
        case (35, _), (60, _), (64, _):
            return implicitTLS
                ? "Check the server's TLS setup, or use smtp:// with STARTTLS."
                : "The TLS handshake after STARTTLS failed: check the server's TLS setup and certificate."
        default:
            return responseCode >= 400 && responseCode < 500
                ? "The server reported a temporary problem; try again later." : "Nothing was sent; try again."
        }
    }
}
