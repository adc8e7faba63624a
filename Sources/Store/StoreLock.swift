import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// The single-writer lock: `flock` on `<store>/lock`. The kernel releases it when the process exits or dies,
/// so a killed run never leaves a stale lock. The file's text names the holder, for the second writer's message.
final class StoreLock {
    private let descriptor: Int32

    /// Takes the lock, failing at once with `StoreError.locked` (or waiting when `wait` is true).
    init(_ layout: StoreLayout, command: String, wait: Bool) throws(StoreError) {
        let path = layout.lock
        let fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        if fd < 0 { throw StoreError.from(errno: errno, path: path, operation: "open lock file") }
        while flock(fd, LOCK_EX | (wait ? 0 : LOCK_NB)) != 0 {
            let code = errno
            if code == EINTR { continue }
            let holder = (try? FileIO.read(path)).map { String(decoding: $0, as: UTF8.self) } ?? ""
            _ = close(fd)
            if code == EWOULDBLOCK {
                throw StoreError.locked(
                    store: layout.root, holder: holder.trimmingCharacters(in: .whitespacesAndNewlines))
            }
            throw StoreError.from(errno: code, path: path, operation: "lock")
        }
        descriptor = fd
        let text = Array("pid \(getpid()) (aggregator \(command)) since \(Date().rfc3339)\n".utf8)
        _ = ftruncate(fd, 0)
        _ = text.withUnsafeBytes { pwrite(fd, $0.baseAddress, $0.count, 0) }
    }

    deinit {
        _ = flock(descriptor, LOCK_UN)
        _ = close(descriptor)
    }
}
