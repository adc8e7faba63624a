#if canImport(Glibc)
    import Glibc
#endif

/// Every way a store operation can fail. The message names the file, says what went wrong and what to do.
public enum StoreError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Another process holds the writer lock (`holder` is what it wrote into the lock file).
    case locked(store: String, holder: String)
    /// The file system is full (ENOSPC / EDQUOT) while writing `path`.
    case diskFull(path: String)
    /// A system call on `path` failed.
    case io(path: String, operation: String, code: Int32)
    /// A store file does not have the expected content.
    case corrupt(path: String, problem: String)
    /// The store was written by a newer (or unknown) layout version.
    case unsupportedVersion(path: String, found: Int)
    /// The folder exists but is not an aggregator store.
    case notAStore(path: String)
    /// A caller passed an argument the store cannot use.
    case invalidArgument(String)

    public var description: String {
        switch self {
        case .locked(let store, let holder):
            let who = holder.isEmpty ? "another process" : holder
            return "\(store): the store is locked by \(who) — wait for it to finish, or run with --wait"
        case .diskFull(let path):
            return "\(path): no space left on the device — free some space (or run `aggregator prune`) and run "
                + "again; the store was left unchanged"
        case .io(let path, let operation, let code):
            let reason = String(cString: strerror(code))
            return "\(path): \(operation) failed: \(reason) — check the path and its permissions"
        case .corrupt(let path, let problem):
            return "\(path): \(problem) — run `aggregator verify --repair`"
        case .unsupportedVersion(let path, let found):
            return "\(path): store layout version \(found) is not supported by this aggregator (it reads version "
                + "\(StoreLayout.version)) — use a newer aggregator"
        case .notAStore(let path):
            return "\(path): not an aggregator store (no store.json) — choose another --store folder"
        case .invalidArgument(let message):
            return message
        }
    }

    /// True for the error a second concurrent writer gets (the CLI maps it to exit code 3).
    public var isLocked: Bool {
        if case .locked = self { return true }
        return false
    }

    static func from(errno code: Int32, path: String, operation: String) -> StoreError {
        if code == ENOSPC || code == EDQUOT { return .diskFull(path: path) }
        return .io(path: path, operation: operation, code: code)
    }
}
