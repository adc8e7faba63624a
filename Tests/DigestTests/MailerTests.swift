import Digest
import Foundation
import Mailer
import TestSupport
import Testing

@Suite struct MailerTests {
    static func digestMessage() throws -> MIMEDigestMessage {
        try MIMEDigestMessage(
            report: DigestFixture.report, from: MailAddress(parsing: "Claims Digest <digest@example.org>"),
            to: [MailAddress(parsing: "analyst@example.org"), MailAddress(parsing: "second@example.org")])
    }

    @Test func smtpDeliversTheWholeMessage() throws {
        let server = try TestSMTPServer()
        defer { server.stop() }
        let message = try Self.digestMessage()
        let rendered = message.render()
        let mailer = Mailer(transport: try MailTransport(parsing: server.url), timeoutSeconds: 20)
        try mailer.send(rendered, from: message.from.address, to: message.recipients)

        let received = try #require(server.messages.first)
        #expect(server.messages.count == 1)
        #expect(received.sender == "digest@example.org")
        #expect(received.recipients == ["analyst@example.org", "second@example.org"])
        #expect(received.data == Data(rendered.utf8))
        #expect(server.commandLog.contains { $0.hasPrefix("EHLO ") })
        #expect(!received.greeting.isEmpty)
        #expect(server.commandLog.last == "QUIT")
    }

    @Test func dotLinesAreStuffedOnTheWireAndArriveIntact() throws {
        let server = try TestSMTPServer()
        defer { server.stop() }
        let message = "From: a@example.org\r\nTo: b@example.org\r\nSubject: dots\r\n\r\n.\r\n..\r\n.leading\r\nend\r\n"
        try Mailer(transport: MailTransport(parsing: server.url)).send(
            message, from: "a@example.org", to: ["b@example.org"])
        #expect(server.messages.first?.data == Data(message.utf8))
    }

    @Test func aRefusedRecipientFailsWithTheServersAnswer() throws {
        let server = try TestSMTPServer(refusedRecipients: ["nobody@example.org"])
        defer { server.stop() }
        let mailer = Mailer(transport: try MailTransport(parsing: server.url))
        let error = try #require(throws: MailerError.self) {
            try mailer.send(
                Self.digestMessage().render(), from: "digest@example.org",
                to: ["analyst@example.org", "nobody@example.org"])
        }
        guard case .smtp(_, _, _, let responseCode, let reply) = error else {
            Issue.record("expected an SMTP error, got \(error)")
            return
        }
        #expect(responseCode == 550)
        #expect(reply == "550 5.1.1 <nobody@example.org>: Recipient address rejected: User unknown")
        #expect(error.description.contains("Recipient address rejected"))
        #expect(error.description.contains("Check the sender and recipient addresses"))
        #expect(server.messages.isEmpty)
    }

    @Test func nobodyListeningIsAConnectionError() throws {
        // Take a free port, then close the server so nothing listens there.
        let server = try TestSMTPServer()
        let url = server.url
        server.stop()
        let mailer = Mailer(transport: try MailTransport(parsing: url), connectTimeoutSeconds: 5, timeoutSeconds: 10)
        let error = try #require(throws: MailerError.self) {
            try mailer.send("Subject: x\r\n\r\nx\r\n", from: "a@example.org", to: ["b@example.org"])
        }
        #expect(error.description.contains(url))
        #expect(error.description.contains("Check that the server is running"))
    }

    @Test func sendmailGetsTheMessageOnStandardInput() throws {
        let directory = try CommandRunner.temporaryDirectory("sendmail")
        defer { try? FileManager.default.removeItem(at: directory) }
        let script = try Self.script(
            in: directory, "#!/bin/sh\necho \"$@\" > \"$(dirname \"$0\")/args\"\ncat > \"$(dirname \"$0\")/stdin\"\n")
        let rendered = try Self.digestMessage().render()
        try Mailer(transport: MailTransport(parsing: "sendmail", sendmailPath: script.path)).send(
            rendered, from: "digest@example.org", to: ["analyst@example.org"])
        let stdin = try Data(contentsOf: directory.appendingPathComponent("stdin"))
        let arguments = try String(decoding: Data(contentsOf: directory.appendingPathComponent("args")), as: UTF8.self)
        #expect(stdin == Data(rendered.utf8))
        #expect(arguments == "-t -i\n")
    }

    @Test func aFailingSendmailReportsItsStatusAndError() throws {
        let directory = try CommandRunner.temporaryDirectory("sendmail")
        defer { try? FileManager.default.removeItem(at: directory) }
        let script = try Self.script(
            in: directory, "#!/bin/sh\ncat > /dev/null\necho 'sendmail: fatal: no recipients' >&2\nexit 75\n")
        let error = try #require(throws: MailerError.self) {
            try Mailer(transport: MailTransport(parsing: "sendmail", sendmailPath: script.path)).send(
                "Subject: x\r\n\r\nx\r\n", from: "a@example.org", to: ["b@example.org"])
        }
        #expect(
            error == .sendmailFailed(path: script.path, status: 75, standardError: "sendmail: fatal: no recipients"))
    }

    @Test func aMissingSendmailIsReported() throws {
        let error = try #require(throws: MailerError.self) {
            try Mailer(transport: MailTransport(parsing: "sendmail", sendmailPath: "/nonexistent/sendmail")).send(
                "x\r\n", from: "a@example.org", to: ["b@example.org"])
        }
        #expect(error.description.hasPrefix("cannot run /nonexistent/sendmail: no executable file there"))
    }

    @Test(arguments: [
        ("smtp://mail.example.org:587", true), ("smtps://mail.example.org", true), ("smtp://[::1]:25", true),
        ("sendmail", true), ("http://mail.example.org", false), ("smtp://user:pw@mail.example.org", false),
        ("smtp://mail.example.org:99999", false), ("smtp://", false), ("smtp://host:port", false),
    ])
    func transportParsing(value: String, valid: Bool) {
        #expect((try? MailTransport(parsing: value)) != nil ? valid : !valid)
    }

    @Test func credentialsComeFromTheEnvironment() {
        let credentials = SMTPCredentials.fromEnvironment([
            "AGGREGATOR_SMTP_USER": "digest", "AGGREGATOR_SMTP_PASSWORD": "secret",
        ])
        #expect(credentials == SMTPCredentials(user: "digest", password: "secret"))
        #expect(credentials?.description.contains("secret") == false)
        #expect(SMTPCredentials.fromEnvironment([:]) == nil)
    }

    @Test func envelopeAddressesAreChecked() throws {
        let mailer = Mailer(transport: try MailTransport(parsing: "smtp://127.0.0.1:1"))
        #expect(throws: MailerError.self) { try mailer.send("x", from: "a@b\r\nRCPT TO:<c@d>", to: ["e@f"]) }
        #expect(throws: MailerError.self) { try mailer.send("x", from: "a@b", to: []) }
    }

    static func script(in directory: URL, _ text: String) throws -> URL {
        let url = directory.appendingPathComponent("sendmail")
        try Data(text.utf8).write(to: url)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: url.path)
        return url
    }
}
