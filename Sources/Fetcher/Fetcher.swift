/// The `Fetcher` module. See docs/ARCHITECTURE.md for its job.
public enum FetcherModule {
    /// The module's name, for diagnostics.
    public static let name = "Fetcher"
}
