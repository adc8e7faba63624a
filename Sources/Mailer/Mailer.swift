/// Sends a finished RFC 5322 message through a `MailTransport`.
///
/// SMTP goes through libcurl: STARTTLS when the server offers it (required when credentials are sent to a
/// host other than loopback), `smtps://` for TLS from the start, credentials from `SMTPCredentials` or else
/// `~/.netrc`. `sendmail` gets the message on stdin with `-t -i`. Sending is synchronous: call it from a thread
/// that may block (the CLI's main task is fine).
public struct Mailer: Sendable {
    public var transport: MailTransport
    public var credentials: SMTPCredentials?
    /// Seconds allowed to connect to the SMTP server.
    public var connectTimeoutSeconds: Int
    /// Seconds allowed for the whole SMTP session.
    public var timeoutSeconds: Int

    public init(
        transport: MailTransport, credentials: SMTPCredentials? = nil, connectTimeoutSeconds: Int = 30,
        timeoutSeconds: Int = 120
    ) {
        self.transport = transport
        self.credentials = credentials
        self.connectTimeoutSeconds = connectTimeoutSeconds
        self.timeoutSeconds = timeoutSeconds
    }

    /// Sends `message` (CRLF line ends) from the envelope sender `sender` to every address in `recipients`
    /// (bare `local@domain`; sendmail reads the recipients from the headers instead). Throws when any recipient
    /// is refused: then nothing counts as sent.
    public func send(_ message: String, from sender: String, to recipients: [String]) throws(MailerError) {
        for address in [sender] + recipients {
            guard !address.isEmpty, address.unicodeScalars.allSatisfy({ $0.isASCII && $0.value > 0x20 }),
                !address.contains("<"), !address.contains(">")
            else {
                throw .invalidEnvelope("the envelope address \"\(address)\" is empty or has spaces or controls")
            }
        }
        guard !recipients.isEmpty else { throw .invalidEnvelope("no recipients") }
        let bytes = Array(message.utf8)
        switch transport {
        case .sendmail(let path):
            try SendmailSender(path: path).send(bytes)
        case .smtp(let url, let host, let implicitTLS):
            try SMTPSender(
                url: url, host: host, implicitTLS: implicitTLS, credentials: credentials,
                connectTimeoutSeconds: connectTimeoutSeconds, timeoutSeconds: timeoutSeconds
            ).send(bytes, from: sender, to: recipients)
        }
    }
}
