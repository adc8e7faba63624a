/// The `Claims` module. See docs/ARCHITECTURE.md for its job.
public enum ClaimsModule {
    /// The module's name, for diagnostics.
    public static let name = "Claims"
}
