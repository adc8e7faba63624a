/// The `Store` module. See docs/ARCHITECTURE.md for its job.
public enum StoreModule {
    /// The module's name, for diagnostics.
    public static let name = "Store"
}
