import ArgumentParser
import Claims
import Digest
import Foundation
import Logging
import Mailer
import Store

/// `aggregator digest`: what moved on the tracked claims since the last digest, as text, HTML or a mail.
struct DigestCommand: ParsableCommand, DiagnosticCommand {
    static let configuration = CommandConfiguration(
        commandName: "digest",
        abstract: "Write the digest of claim activity and new items, or mail it.",
        discussion: """
            The digest covers items first seen since --since: "last" (the default) means since the last digest \
            that was sent or marked; that mark moves only after a successful send (or with --mark), so a failed \
            send repeats nothing and loses nothing.

            SMTP credentials come from the environment (AGGREGATOR_SMTP_USER, AGGREGATOR_SMTP_PASSWORD) or \
            ~/.netrc, never from the command line. STARTTLS is used when the server offers it (and required when \
            credentials go to a host other than localhost). AGGREGATOR_SENDMAIL overrides /usr/sbin/sendmail.

            Examples:
              aggregator digest
              aggregator digest --since 24h --format html > digest.html
              aggregator digest --format mime --from d@example.org --to me@example.org
              aggregator digest --send smtp://mail.example.org:587 \\
                --from "Claims digest <d@example.org>" --to me@example.org
            """
    )

    @Option(help: "Start of the period: last, a duration (24h, 7d) or a date (2026-11-24, 2026-11-24T07:00:00Z).")
    var since: String = "last"

    @Option(help: "Output format: text, html or mime (a complete message for sendmail -t).")
    var format: OutputFormat = .text

    @Option(help: "Recipient address; repeat for several. Required for mime and --send.")
    var to: [String] = []

    @Option(help: "Sender address, e.g. \"Claims digest <digest@example.org>\". Required for mime and --send.")
    var from: String?

    @Option(help: "Mail subject (default: date and counts).")
    var subject: String?

    @Option(help: "Mail the digest: sendmail, smtp://host:port or smtps://host:port.")
    var send: String?

    @Flag(help: "Move the \"last digest\" mark to now without sending.")
    var mark = false

    @OptionGroup var store: StoreOptions

    @OptionGroup var claims: ClaimsOptions

    @Option(help: ArgumentHelp("Write the digest to this file instead of stdout.", valueName: "file"))
    var output: String?

    @Flag(help: "Send the digest with the mail settings of aggregator.yaml (mail: send, from, to, subject).")
    var mail = false

    @OptionGroup var verbosity: OutputOptions

    var diagnosticsLevel: Logger.Level { verbosity.level() }

    @Option(help: .hidden)
    var now: String?

    /// Flags win; aggregator.yaml's `mail:` section fills in what they leave out.
    private var configuredMail: AggregatorConfiguration.Mail { ActiveConfiguration.current.mail }
    private var sender: String? { from ?? configuredMail.from }
    private var recipients: [String] { to.isEmpty ? configuredMail.to : to }
    private var mailSubject: String? { subject ?? configuredMail.subject }
    private var transport: String? { send ?? (mail ? configuredMail.send : nil) }

    enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
        case text
        case html
        case mime
    }

    func validate() throws {
        try ActiveConfiguration.check()
        if mail && transport == nil {
            throw ValidationError("--mail needs `send:` under `mail:` in aggregator.yaml (or use --send).")
        }
        do {
            _ = try DigestSince(parsing: since)
        } catch {
            throw ValidationError(error.description)
        }
        if transport != nil || format == .mime {
            guard sender != nil, !recipients.isEmpty else {
                throw ValidationError(
                    "--from and at least one --to (or mail: from/to in aggregator.yaml) are needed for "
                        + "--format mime and --send.")
            }
        }
        if let transport {
            do {
                _ = try MailTransport(parsing: transport)
            } catch {
                throw ValidationError(error.description)
            }
        }
    }

    func run() throws {
        let source = DigestStoreSource(root: store.path)
        do {
            let generatedAt = try resolvedNow()
            let snapshot = try source.open()
            let period = try DigestSince(parsing: since).period(
                now: generatedAt, lastMark: source.lastMark(in: snapshot))
            let claimsFile = try ClaimsFile.load(contentsOf: URL(fileURLWithPath: claims.path))
            Diagnostics.logger.info(
                "digest: \(period.start.rfc3339) to \(period.end.rfc3339), \(claimsFile.claims.count) claims from \(claims.path)"
            )
            let report = try source.report(
                from: snapshot, claims: claimsFile.claims, period: period, generatedAt: generatedAt)
            if let transport {
                try deliver(report, via: transport)
                try source.setMark(period.end)
                return
            }
            let rendered: String
            switch format {
            case .text: rendered = TextDigestRenderer().render(report)
            case .html: rendered = HTMLDigestRenderer().render(report)
            case .mime: rendered = try message(for: report).render()
            }
            if let output {
                do {
                    try Data(rendered.utf8).write(to: URL(fileURLWithPath: output), options: .atomic)
                } catch {
                    throw DigestCommandError("cannot write \(output): \(error.localizedDescription)")
                }
                Diagnostics.logger.info("digest: wrote \(output)")
            } else {
                print(rendered, terminator: "")
            }
            if mark { try source.setMark(period.end) }
        } catch let error as DigestCommandError {
            throw fail(error.description)
        } catch let error as MailerError {
            throw fail(error.description + " The digest mark was not moved.")
        } catch let error as DigestError {
            throw fail(error.description)
        } catch let error as DigestSinceError {
            throw fail(error.description)
        } catch let error as StoreError {
            throw fail(error.description)
        } catch let error as ClaimsError {
            throw fail(error.description)
        }
    }

    private func deliver(_ report: DigestReport, via value: String) throws {
        let environment = ProcessInfo.processInfo.environment
        let transport = try MailTransport(parsing: value, sendmailPath: environment["AGGREGATOR_SENDMAIL"])
        let message = try message(for: report)
        let mailer = Mailer(transport: transport, credentials: SMTPCredentials.fromEnvironment(environment))
        try mailer.send(message.render(), from: message.from.address, to: message.recipients)
        let recipients = message.recipients.joined(separator: ", ")
        Diagnostics.logger.notice("digest sent to \(recipients) via \(transport)")
    }

    private func message(for report: DigestReport) throws -> MIMEDigestMessage {
        try MIMEDigestMessage(
            report: report, from: MailAddress(parsing: sender ?? ""),
            to: recipients.map { try MailAddress(parsing: $0) }, subject: mailSubject)
    }

    private func resolvedNow() throws -> Date {
        guard let now else { return Date() }
        guard case .date(let date) = try DigestSince(parsing: now) else {
            throw DigestCommandError("--now needs a date such as 2026-11-25T07:00:00Z")
        }
        return date
    }

    /// Writes the message to stderr and returns the exit code to throw.
    private func fail(_ message: String) -> ExitCode {
        FileHandle.standardError.write(Data("aggregator: digest: \(message)\n".utf8))
        return ExitCode.failure
    }
}
