/// The `Digest` module. See docs/ARCHITECTURE.md for its job.
public enum DigestModule {
    /// The module's name, for diagnostics.
    public static let name = "Digest"
}
