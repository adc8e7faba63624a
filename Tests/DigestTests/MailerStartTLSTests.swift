import Foundation
import Mailer
import TestSupport
import Testing

/// STARTTLS on `smtp://` (issue 7): the loopback test server has no TLS, so these check what the client asks
/// for and what it does when the server cannot go through with it; a completed handshake is not tested.
@Suite struct MailerStartTLSTests {
    @Test func theClientAsksForSTARTTLSWhenTheServerOffersIt() throws {
        let server = try TestSMTPServer(startTLS: .refused)
        defer { server.stop() }
        let message = "From: a@example.org\r\nTo: b@example.org\r\nSubject: tls\r\n\r\nbody\r\n"
        try Mailer(transport: MailTransport(parsing: server.url)).send(
            message, from: "a@example.org", to: ["b@example.org"])
        let log = server.commandLog
        let ehlo = try #require(log.firstIndex { $0.hasPrefix("EHLO ") })
        // STARTTLS right after EHLO, before any envelope command.
        #expect(log.indices.contains(ehlo + 1) && log[ehlo + 1] == "STARTTLS")
        // Refused without credentials on loopback: the message still goes, in the clear (CURLUSESSL_TRY).
        #expect(server.messages.first?.data == Data(message.utf8))
    }

    @Test func noSTARTTLSWhenTheServerDoesNotOfferIt() throws {
        let server = try TestSMTPServer()
        defer { server.stop() }
        try Mailer(transport: MailTransport(parsing: server.url)).send(
            "Subject: plain\r\n\r\nbody\r\n", from: "a@example.org", to: ["b@example.org"])
        #expect(!server.commandLog.contains("STARTTLS"))
        #expect(server.messages.count == 1)
    }

    @Test func aTLSHandshakeThatFailsAfterSTARTTLSIsAClearErrorAndNothingIsSentInTheClear() throws {
        let server = try TestSMTPServer(startTLS: .acceptedWithoutTLS)
        defer { server.stop() }
        let mailer = Mailer(transport: try MailTransport(parsing: server.url), timeoutSeconds: 20)
        let error = try #require(throws: MailerError.self) {
            try mailer.send("Subject: x\r\n\r\nbody\r\n", from: "a@example.org", to: ["b@example.org"])
        }
        guard case .smtp(let url, let curlCode, _, _, _) = error else {
            Issue.record("expected an SMTP error, got \(error)")
            return
        }
        #expect(url == server.url)
        #expect(curlCode == 35)
        #expect(error.description.hasPrefix("sending to \(server.url) failed: "))
        #expect(error.description.contains("TLS handshake after STARTTLS failed"))
        #expect(server.commandLog.last == "STARTTLS")
        #expect(!server.commandLog.contains { $0.uppercased().hasPrefix("MAIL FROM") })
        #expect(server.messages.isEmpty)
    }
}
