import Digest
import Foundation
import Mailer
import Store
import TestSupport
import Testing

/// `aggregator digest` run as a real child process over a store snapshot of `DigestFixture`.
@Suite struct DigestCommandTests {
    let store: URL
    let claims: String
    static let now = "2026-11-25T07:00:00Z"

    init() throws {
        store = try CommandRunner.temporaryDirectory("digest-store")
        claims = try DigestFixture.makeStore(at: store)
    }

    func run(_ arguments: [String], environment: [String: String] = [:]) throws -> CommandResult {
        try CommandRunner.aggregator(
            ["digest", "--store", store.path, "--claims", claims, "--now", Self.now] + arguments,
            environment: environment)
    }

    /// The store's "last digest" mark.
    func mark() throws -> String? {
        try StoreSnapshot.open(at: store.path).mark("digest.lastSent")
    }

    @Test func textOutputIsTheGoldenDigest() throws {
        defer { try? FileManager.default.removeItem(at: store) }
        let result = try run(["--since", "24h"])
        #expect(result.status == 0)
        #expect(result.standardError == "")
        try GoldenFile.check(result.standardOutput, against: "digest.txt")
        #expect(try mark() == nil)
    }

    @Test func sinceLastStartsAtTheMarkWhichMovesWithMark() throws {
        defer { try? FileManager.default.removeItem(at: store) }
        // No mark yet: the last 24 hours, and --mark records the period's end.
        let first = try run(["--since", "last", "--mark"])
        #expect(first.status == 0)
        #expect(first.standardOutput.contains("New items: 10 ·"))
        #expect(try mark() == "2026-11-25T07:00:00Z")
        // Since that mark nothing is new.
        let second = try run([])
        #expect(second.standardOutput.contains("New items: 0 · Claims touched: 0 · New sources: 0"))
        #expect(second.standardOutput.contains("No tracked claim moved in this period."))
    }

    @Test func htmlAndMimeFormats() throws {
        defer { try? FileManager.default.removeItem(at: store) }
        let html = try run(["--since", "24h", "--format", "html"])
        try GoldenFile.check(html.standardOutput, against: "digest.html")
        let mime = try run([
            "--since", "24h", "--format", "mime", "--from", "Claims Digest <digest@example.org>", "--to",
            "analyst@example.org", "--to", "Ольга <olga@example.net>",
        ])
        #expect(mime.status == 0)
        try GoldenFile.check(mime.standardOutput, against: "digest.eml")
    }

    @Test func mimeNeedsAddresses() throws {
        defer { try? FileManager.default.removeItem(at: store) }
        let result = try run(["--format", "mime"])
        #expect(result.status == 2)  // a usage error
        #expect(result.standardError.contains("--from and at least one --to (or mail: from/to in aggregator.yaml)"))
    }

    @Test func aFolderThatIsNoStoreIsAnError() throws {
        defer { try? FileManager.default.removeItem(at: store) }
        let empty = store.appendingPathComponent("not-a-store")
        try FileManager.default.createDirectory(at: empty, withIntermediateDirectories: true)
        try Data("notes\n".utf8).write(to: empty.appendingPathComponent("notes.txt"))
        let result = try CommandRunner.aggregator(["digest", "--store", empty.path, "--claims", claims])
        #expect(result.status == 1)
        #expect(result.standardError.contains("\(empty.path): not an aggregator store"))
    }

    @Test func aBadSinceIsRejected() throws {
        defer { try? FileManager.default.removeItem(at: store) }
        let result = try run(["--since", "yesterday"])
        #expect(result.status == 2)  // a usage error
        #expect(result.standardError.contains("cannot read --since \"yesterday\""))
    }

    @Test func sendingBySMTPMovesTheMark() throws {
        defer { try? FileManager.default.removeItem(at: store) }
        let server = try TestSMTPServer()
        defer { server.stop() }
        let result = try run([
            "--send", server.url, "--from", "digest@example.org", "--to", "analyst@example.org",
        ])
        #expect(result.status == 0)
        #expect(result.standardError == "aggregator: digest sent to analyst@example.org via \(server.url)\n")
        let received = try #require(server.messages.first)
        #expect(received.recipients == ["analyst@example.org"])
        let parsed = try ParsedMIME.parse(String(decoding: received.data, as: UTF8.self))
        #expect(parsed.parts.map(\.type) == ["text/plain", "text/html"])
        #expect(try mark() == "2026-11-25T07:00:00Z")
    }

    @Test func aRefusedRecipientFailsAndLeavesTheMark() throws {
        defer { try? FileManager.default.removeItem(at: store) }
        let server = try TestSMTPServer(refusedRecipients: ["nobody@example.org"])
        defer { server.stop() }
        let result = try run([
            "--send", server.url, "--from", "digest@example.org", "--to", "nobody@example.org",
        ])
        #expect(result.status == 1)
        #expect(result.standardError.contains("550 5.1.1 <nobody@example.org>: Recipient address rejected"))
        #expect(result.standardError.contains("The digest mark was not moved."))
        #expect(server.messages.isEmpty)
        #expect(try mark() == nil)
    }

    @Test func sendingThroughSendmail() throws {
        defer { try? FileManager.default.removeItem(at: store) }
        let script = try MailerTests.script(in: store, "#!/bin/sh\ncat > \"$(dirname \"$0\")/sent.eml\"\n")
        let result = try run(
            ["--send", "sendmail", "--from", "digest@example.org", "--to", "analyst@example.org"],
            environment: ["AGGREGATOR_SENDMAIL": script.path])
        #expect(result.status == 0)
        let sent = try String(decoding: Data(contentsOf: store.appendingPathComponent("sent.eml")), as: UTF8.self)
        #expect(sent.hasPrefix("From: digest@example.org\r\nTo: analyst@example.org\r\n"))
        #expect(try mark() != nil)
    }
}

extension DigestCommandTests {
    @Test func smtpCredentialsComeFromTheEnvironment() throws {
        defer { try? FileManager.default.removeItem(at: store) }
        let server = try TestSMTPServer(account: ("digest-user", "s3cret"))
        defer { server.stop() }
        let arguments = ["--send", server.url, "--from", "digest@example.org", "--to", "analyst@example.org"]
        let home = ["HOME": store.path]  // no ~/.netrc to fall back on
        let refused = try run(arguments, environment: home)
        #expect(refused.status == 1)
        #expect(refused.standardError.contains("530 5.7.0 Must issue an AUTH command first"))

        let wrong = try run(
            arguments,
            environment: home.merging(["AGGREGATOR_SMTP_USER": "digest-user", "AGGREGATOR_SMTP_PASSWORD": "wrong"]) {
                $1
            })
        #expect(wrong.status == 1)
        #expect(wrong.standardError.contains("535 5.7.8 Error: authentication failed"))
        #expect(wrong.standardError.contains("Check AGGREGATOR_SMTP_USER / AGGREGATOR_SMTP_PASSWORD or ~/.netrc."))
        #expect(try mark() == nil)

        let right = try run(
            arguments,
            environment: home.merging(["AGGREGATOR_SMTP_USER": "digest-user", "AGGREGATOR_SMTP_PASSWORD": "s3cret"]) {
                $1
            })
        #expect(right.status == 0)
        #expect(server.messages.first?.authenticatedUser == "digest-user")
        #expect(try mark() == "2026-11-25T07:00:00Z")
    }
}

extension DigestCommandTests {
    @Test func smtpCredentialsCanComeFromNetrc() throws {
        defer { try? FileManager.default.removeItem(at: store) }
        let server = try TestSMTPServer(account: ("netrc-user", "from-netrc"))
        defer { server.stop() }
        let netrc = store.appendingPathComponent(".netrc")
        try Data("machine 127.0.0.1 login netrc-user password from-netrc\n".utf8).write(to: netrc)
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: netrc.path)
        let result = try run(
            ["--send", server.url, "--from", "digest@example.org", "--to", "analyst@example.org"],
            environment: ["HOME": store.path])
        #expect(result.status == 0)
        #expect(server.messages.first?.authenticatedUser == "netrc-user")
    }
}
