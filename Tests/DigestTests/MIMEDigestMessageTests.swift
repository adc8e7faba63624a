import Digest
import FeedModel
import Foundation
import Testing

@Suite struct MIMEDigestMessageTests {
    static func message(subject: String? = nil) throws -> MIMEDigestMessage {
        try MIMEDigestMessage(
            report: DigestFixture.report, from: MailAddress(parsing: "Claims Digest <digest@example.org>"),
            to: [MailAddress(parsing: "analyst@example.org"), MailAddress(parsing: "Ольга <olga@example.net>")],
            subject: subject)
    }

    @Test func mimeMatchesGoldenFile() throws {
        try GoldenFile.check(Self.message().render(), against: "digest.eml")
    }

    @Test func aRealMIMEParserReadsTheStructure() throws {
        let message = try Self.message()
        let parsed = try ParsedMIME.parse(message.render())
        #expect(parsed.defects.isEmpty)
        #expect(parsed.type == "multipart/alternative")
        #expect(parsed.from == "Claims Digest <digest@example.org>")
        #expect(parsed.to == "analyst@example.org, Ольга <olga@example.net>")
        #expect(parsed.subject == "Claims digest 2026-11-25: 4 claims moved, 10 new items")
        #expect(parsed.header("Date") == ["Wed, 25 Nov 2026 07:00:00 +0000"])
        #expect(parsed.header("MIME-Version") == ["1.0"])
        #expect(parsed.header("Auto-Submitted") == ["auto-generated"])
        #expect(parsed.header("List-ID") == ["Claims digest <digest.aggregator.example.org>"])
        let messageID = try #require(parsed.header("Message-ID").first)
        #expect(messageID.hasPrefix("<digest.20261125070000.") && messageID.hasSuffix("@example.org>"))
        #expect(parsed.parts.map(\.type) == ["text/plain", "text/html"])
        for part in parsed.parts {
            #expect(part.charset == "utf-8")
            #expect(part.encoding == "quoted-printable")
            #expect(part.defects.isEmpty)
        }
        // The decoded parts are exactly what the renderers wrote (in MIME's canonical CRLF line ends).
        #expect(parsed.parts.first?.content == message.text.replacingOccurrences(of: "\n", with: "\r\n"))
        #expect(parsed.parts.last?.content == message.html.replacingOccurrences(of: "\n", with: "\r\n"))
    }

    @Test func linesStayWithinLimitsAndEndInCRLF() throws {
        let parsed = try ParsedMIME.parse(Self.message().render())
        #expect(parsed.longestHeaderLine <= 78)
        #expect(parsed.longestBodyLine <= 76)
        #expect(parsed.bareLineFeeds == 0)
        #expect(parsed.bareCarriageReturns == 0)
    }

    @Test func nonASCIISubjectsAreEncodedAndFolded() throws {
        let subject = "Сводка: Россия объявляет мобилизацию резервистов, Трамп и Донбасс — ٹرمپ کا مطالبہ"
        let rendered = try Self.message(subject: subject).render()
        let header = rendered.components(separatedBy: "\r\nDate:").first ?? ""
        #expect(header.contains("Subject: =?UTF-8?B?"))
        #expect(!header.contains("Сводка"))
        let parsed = try ParsedMIME.parse(rendered)
        #expect(parsed.subject == subject)
        #expect(parsed.defects.isEmpty)
        #expect(parsed.longestHeaderLine <= 78)
    }

    @Test func hostileTextSurvivesTheRoundTrip() throws {
        let parsed = try ParsedMIME.parse(Self.message().render())
        let text = try #require(parsed.parts.first?.content)
        let html = try #require(parsed.parts.last?.content)
        #expect(text.contains(DigestFixture.hostileTitle))
        #expect(!html.contains("<script"))
        #expect(html.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;"))
    }

    @Test func headerInjectionIsRefused() {
        #expect(throws: DigestError.self) { try MailAddress(parsing: "a@example.org\r\nBcc: victim@example.org") }
        #expect(throws: DigestError.self) { try MailAddress(parsing: "no-at-sign") }
        #expect(throws: DigestError.self) { try MailAddress(parsing: "Name <a@b@c>") }
        #expect(throws: DigestError.self) { try Self.message(subject: "Hi\r\nBcc: victim@example.org") }
    }

    @Test func addressesParse() throws {
        let plain = try MailAddress(parsing: "  analyst@example.org ")
        #expect(plain.address == "analyst@example.org" && plain.displayName == nil)
        let named = try MailAddress(parsing: "\"Doe, Jane\" <jane@example.org>")
        #expect(named.address == "jane@example.org")
        #expect(named.headerValue == "\"Doe, Jane\" <jane@example.org>")
        let cyrillic = try MailAddress(parsing: "Ольга <olga@example.net>")
        #expect(cyrillic.headerValue == "=?UTF-8?B?0J7Qu9GM0LPQsA==?= <olga@example.net>")
    }

    @Test(arguments: [
        (".\nmiddle\n.", "=2E\r\nmiddle\r\n=2E\r\n"),
        ("From here\nFrom: x", "=46rom here\r\nFrom: x\r\n"),
        ("trailing space \nx=y", "trailing space=20\r\nx=3Dy\r\n"),
        ("Донбас", "=D0=94=D0=BE=D0=BD=D0=B1=D0=B0=D1=81\r\n"),
    ])
    func quotedPrintable(input: String, expected: String) throws {
        let message = try MIMEDigestMessage(
            from: MailAddress(parsing: "a@example.org"), to: [MailAddress(parsing: "b@example.org")], subject: "s",
            date: DigestFixture.periodEnd, text: input, html: "")
        let rendered = message.render()
        #expect(rendered.contains("quoted-printable\r\n\r\n" + expected + "\r\n--"))
    }

    @Test func longLinesAreSoftBrokenAndDotsAfterBreaksEncoded() throws {
        let line = String(repeating: "a", count: 75) + "." + String(repeating: "б", count: 40)
        let message = try MIMEDigestMessage(
            from: MailAddress(parsing: "a@example.org"), to: [MailAddress(parsing: "b@example.org")], subject: "s",
            date: DigestFixture.periodEnd, text: line, html: "<p>" + line + "</p>")
        let parsed = try ParsedMIME.parse(message.render())
        #expect(parsed.longestBodyLine <= 76)
        #expect(parsed.parts.first?.content == line + "\r\n")  // a body always ends with a line end
        #expect(!message.render().contains("\r\n.\r\n"))
    }
}
