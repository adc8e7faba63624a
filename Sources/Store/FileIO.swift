import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Thin, typed-throwing wrappers around the POSIX calls the store needs (write, fsync, rename, pread).
enum FileIO {
    /// Creates `path` (which must not exist), writes `bytes`, and fsyncs it when `sync` is true.
    static func writeNewFile(_ path: String, _ bytes: [UInt8], sync: Bool) throws(StoreError) {
        let fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        if fd < 0 { throw StoreError.from(errno: errno, path: path, operation: "create") }
        do throws(StoreError) {
            try writeAll(fd, bytes, path: path)
            if sync, fsync(fd) != 0 { throw StoreError.from(errno: errno, path: path, operation: "fsync") }
            if close(fd) != 0 { throw StoreError.from(errno: errno, path: path, operation: "close") }
        } catch {
            _ = close(fd)
            _ = unlink(path)
            throw error
        }
    }

    /// Replaces `path` atomically: temp file, fsync, rename, fsync of the folder.
    static func atomicReplace(_ path: String, _ bytes: [UInt8]) throws(StoreError) {
        let temporary = path + ".tmp-\(getpid())"
        _ = unlink(temporary)
        try writeNewFile(temporary, bytes, sync: true)
        if rename(temporary, path) != 0 {
            let code = errno
            _ = unlink(temporary)
            throw StoreError.from(errno: code, path: path, operation: "rename")
        }
        try syncDirectory(parent(of: path))
    }

    static func syncDirectory(_ path: String) throws(StoreError) {
        let fd = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        if fd < 0 { throw StoreError.from(errno: errno, path: path, operation: "open folder") }
        defer { _ = close(fd) }
        if fsync(fd) != 0 { throw StoreError.from(errno: errno, path: path, operation: "fsync folder") }
    }

    /// Creates a folder if missing (and fsyncs its parent so the new entry is durable).
    static func makeDirectory(_ path: String) throws(StoreError) {
        if mkdir(path, 0o755) == 0 {
            try syncDirectory(parent(of: path))
            return
        }
        let code = errno
        if code == EEXIST { return }
        throw StoreError.from(errno: code, path: path, operation: "mkdir")
    }

    static func exists(_ path: String) -> Bool {
        access(path, F_OK) == 0
    }

    static func isDirectory(_ path: String) -> Bool {
        var info = stat()
        return stat(path, &info) == 0 && (info.st_mode & S_IFMT) == S_IFDIR
    }

    static func size(_ path: String) -> Int? {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        return Int(info.st_size)
    }

    /// The whole file.
    static func read(_ path: String) throws(StoreError) -> [UInt8] {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        if fd < 0 { throw StoreError.from(errno: errno, path: path, operation: "open") }
        defer { _ = close(fd) }
        var info = stat()
        if fstat(fd, &info) != 0 { throw StoreError.from(errno: errno, path: path, operation: "stat") }
        return try readRange(fd, offset: 0, length: Int(info.st_size), path: path)
    }

    /// `length` bytes at `offset` (fewer only at end of file).
    static func readRange(_ fd: Int32, offset: Int, length: Int, path: String) throws(StoreError) -> [UInt8] {
        var buffer = [UInt8](repeating: 0, count: length)
        var done = 0
        while done < length {
            let count = buffer.withUnsafeMutableBytes { raw in
                pread(fd, raw.baseAddress.map { $0 + done }, length - done, off_t(offset + done))
            }
            if count < 0 {
                if errno == EINTR { continue }
                throw StoreError.from(errno: errno, path: path, operation: "read")
            }
            if count == 0 { break }
            done += count
        }
        if done < length { buffer.removeLast(length - done) }
        return buffer
    }

    /// Names in a folder (without "." and ".."); empty when the folder does not exist.
    static func list(_ path: String) -> [String] {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: path) else { return [] }
        return names.sorted()
    }

    static func remove(_ path: String) {
        _ = unlink(path)
    }

    static func move(_ from: String, to destination: String) throws(StoreError) {
        if rename(from, destination) != 0 {
            throw StoreError.from(errno: errno, path: from, operation: "move to \(destination)")
        }
    }

    static func parent(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        if slash == path.startIndex { return "/" }
        return String(path[..<slash])
    }

    private static func writeAll(_ fd: Int32, _ bytes: [UInt8], path: String) throws(StoreError) {
        var done = 0
        while done < bytes.count {
            let count = bytes.withUnsafeBytes { raw in
                write(fd, raw.baseAddress.map { $0 + done }, bytes.count - done)
            }
            if count < 0 {
                if errno == EINTR { continue }
                throw StoreError.from(errno: errno, path: path, operation: "write")
            }
            done += count
        }
    }
}
