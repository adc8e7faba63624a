/// The `Mailer` module: sends a finished MIME message through SMTP (libcurl) or `sendmail -t`.
public enum MailerModule {
    /// The module's name, for diagnostics.
    public static let name = "Mailer"
}
