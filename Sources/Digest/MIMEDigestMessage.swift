import FeedModel
import Foundation

/// A digest as a complete RFC 5322 message, ready for `sendmail -t` or SMTP: one multipart/alternative with a
/// text/plain and a text/html part, both UTF-8 and quoted-printable, CRLF line ends, every line within 78
/// characters (headers, where possible) or 76 (bodies).
public struct MIMEDigestMessage: Sendable {
    public var from: MailAddress
    public var to: [MailAddress]
    public var subject: String
    public var date: Date
    /// Without angle brackets; derived from the content and the sender's domain by default.
    public var messageID: String
    /// The `List-ID` value, e.g. `Claims digest <digest.aggregator.example.org>`.
    public var listID: String
    public var text: String
    public var html: String

    /// Renders `report` and addresses it. `subject` defaults to `DigestTitle.subject(report)`, `date` to the
    /// report's generation time.
    public init(
        report: DigestReport, from: MailAddress, to: [MailAddress], subject: String? = nil, date: Date? = nil
    ) throws(DigestError) {
        let text = TextDigestRenderer().render(report)
        let html = HTMLDigestRenderer().render(report)
        try self.init(
            from: from, to: to, subject: subject ?? DigestTitle.subject(report), date: date ?? report.generatedAt,
            text: text, html: html)
    }

    /// Addresses already-rendered bodies.
    public init(
        from: MailAddress, to: [MailAddress], subject: String, date: Date, text: String, html: String,
        messageID: String? = nil, listID: String? = nil
    ) throws(DigestError) {
        guard !to.isEmpty else {
            throw .invalidAddress("", reason: "a digest needs at least one recipient (--to)")
        }
        guard !subject.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F }) else {
            throw .invalidHeader(name: "subject", reason: "it contains a line break or control character")
        }
        self.from = from
        self.to = to
        self.subject = subject
        self.date = date
        self.text = text
        self.html = html
        var hash = StableHash()
        hash.combine(text)
        hash.combineSeparator()
        hash.combine(html)
        for recipient in to {
            hash.combineSeparator()
            hash.combine(recipient.address)
        }
        let stamp = date.rfc3339.filter { $0.isNumber }
        self.messageID = messageID ?? "digest.\(stamp).\(hash.hex)@\(from.domain)"
        self.listID = listID ?? "Claims digest <digest.aggregator.\(from.domain)>"
        if let listID, listID.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value >= 0x7F }) {
            throw .invalidHeader(name: "List-ID", reason: "it must be one line of ASCII")
        }
    }

    /// The envelope recipients (bare addresses).
    public var recipients: [String] { to.map(\.address) }

    /// The whole message, CRLF line ends.
    public func render() -> String {
        var hash = StableHash()
        hash.combine(messageID)
        // "=_" never occurs in quoted-printable output, so the boundary cannot collide with a body line.
        let boundary = "=_aggregator_\(hash.hex)"
        var lines: [String] = []
        lines.append(HeaderEncoding.fold("From: " + from.headerValue))
        lines.append(HeaderEncoding.fold("To: " + to.map(\.headerValue).joined(separator: ", ")))
        lines.append(HeaderEncoding.field("Subject", unstructured: subject))
        lines.append("Date: " + DigestTime.rfc5322(date))
        lines.append("Message-ID: <\(messageID)>")
        lines.append("MIME-Version: 1.0")
        lines.append("Auto-Submitted: auto-generated")
        lines.append("X-Auto-Response-Suppress: All")
        lines.append(HeaderEncoding.fold("List-ID: " + listID))
        lines.append("Content-Type: multipart/alternative;\r\n boundary=\"\(boundary)\"")
        lines.append("")
        lines.append("This is a multi-part message in MIME format.")
        lines.append("")
        var message = lines.joined(separator: "\r\n") + "\r\n"
        for (type, body) in [("text/plain", text), ("text/html", html)] {
            message += "--\(boundary)\r\n"
            message += "Content-Type: \(type); charset=utf-8\r\n"
            message += "Content-Transfer-Encoding: quoted-printable\r\n\r\n"
            // The CRLF before a boundary belongs to the boundary, so the body's own last line end needs another.
            message += QuotedPrintable.encode(body) + "\r\n"
        }
        message += "--\(boundary)--\r\n"
        return message
    }
}
