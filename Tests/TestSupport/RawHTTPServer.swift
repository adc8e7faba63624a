import FlyingFox
import FlyingSocks
import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// A hostile server on 127.0.0.1 built on FlyingSocks' raw sockets: the test writes the response bytes itself,
/// so it can stall mid-body, stream forever, send a broken gzip stream or reset the connection.
public final class RawHTTPServer: Sendable {
    /// Handles one connection: the parsed request head, and the connection to write to.
    public typealias Handler = @Sendable (TestRequest, RawConnection) async throws -> Void

    /// The port the server listens on.
    public let port: UInt16
    /// Every request received, in arrival order.
    public let log: RequestLog
    private let listener: Socket
    private let task: Task<Void, Never>

    private init(port: UInt16, log: RequestLog, listener: Socket, task: Task<Void, Never>) {
        self.port = port
        self.log = log
        self.listener = listener
        self.task = task
    }

    /// Starts listening; each accepted connection's request goes to `handler` in its own task.
    public static func start(_ handler: @escaping Handler) async throws -> RawHTTPServer {
        let socket = try Socket(domain: AF_INET, type: .stream)
        try socket.setValue(true, for: .localAddressReuse)
        try socket.bind(to: sockaddr_in.inet(ip4: "127.0.0.1", port: 0))
        try socket.listen()
        guard case .ip4(_, let port) = try socket.sockname() else { throw TestServerError.notListening }
        let pool = try await SharedSocketPool.shared.value
        let listener = try AsyncSocket(socket: socket, pool: pool)
        let log = RequestLog()
        let task = Task {
            do {
                for try await connection in listener.sockets {
                    Task { await serve(connection, log: log, handler: handler) }
                }
            } catch {}
        }
        return RawHTTPServer(port: port, log: log, listener: socket, task: task)
    }

    /// `http://127.0.0.1:<port><path>`.
    public func url(_ path: String) -> String {
        "http://127.0.0.1:\(port)\(path)"
    }

    /// Stops accepting connections. The accept loop is cancelled (and so leaves the shared socket pool) before
    /// the listening socket is closed: closing a descriptor still parked in the pool could let a new socket
    /// that reuses the number be confused with it.
    public func stop() async {
        task.cancel()
        await task.value
        try? listener.close()
    }

    private static func serve(_ socket: AsyncSocket, log: RequestLog, handler: Handler) async {
        let connection = RawConnection(socket: socket)
        do {
            var head: [UInt8] = []
            while !head.ends(with: [13, 10, 13, 10]) {
                head.append(contentsOf: try await socket.read(atMost: 1))
                if head.count > 65_536 { throw TestServerError.notListening }
            }
            let lines = String(decoding: head, as: UTF8.self).components(separatedBy: "\r\n")
            let requestLine = lines.first?.split(separator: " ") ?? []
            var headers: [String: String] = [:]
            for line in lines.dropFirst() {
                guard let colon = line.firstIndex(of: ":") else { continue }
                headers[line[..<colon].lowercased()] = line[line.index(after: colon)...]
                    .trimmingCharacters(in: .whitespaces)
            }
            let method = requestLine.first.map(String.init) ?? ""
            let target = requestLine.count > 1 ? String(requestLine[1]) : "/"
            let path = String(target.split(separator: "?", maxSplits: 1).first ?? "/")
            let request = log.record(method: method, path: path, headers: headers)
            try await handler(request, connection)
        } catch {}
        connection.close()
    }
}

/// One socket pool for every raw server of the test process, started once and never stopped (stopping a pool
/// while other servers' sockets are parked on it would strand them).
private enum SharedSocketPool {
    static let shared = Task<any AsyncSocketPool, any Error> {
        let pool = HTTPServer.defaultPool()
        try await pool.prepare()
        Task.detached { try? await pool.run() }
        return pool
    }
}

/// One accepted connection of a `RawHTTPServer`.
public final class RawConnection: @unchecked Sendable {
    let socket: AsyncSocket
    private let lock = NSLock()
    private var closed = false

    init(socket: AsyncSocket) {
        self.socket = socket
    }

    /// Writes raw bytes.
    public func write(_ bytes: [UInt8]) async throws {
        try await socket.write(Data(bytes))
    }

    /// Writes text as UTF-8 (use "\r\n" line ends for the head).
    public func write(_ text: String) async throws {
        try await socket.write(Data(text.utf8))
    }

    /// Writes a status line and headers (and the blank line), with `Connection: close`.
    public func writeHead(status: String = "200 OK", headers: [(String, String)]) async throws {
        var text = "HTTP/1.1 \(status)\r\n"
        for (name, value) in headers { text += "\(name): \(value)\r\n" }
        text += "Connection: close\r\n\r\n"
        try await write(text)
    }

    /// Closes with a TCP reset (SO_LINGER 0) instead of an orderly FIN.
    public func reset() {
        var linger = Glibc.linger(l_onoff: 1, l_linger: 0)
        _ = setsockopt(
            socket.socket.file.rawValue, SOL_SOCKET, SO_LINGER, &linger, socklen_t(MemoryLayout<Glibc.linger>.size))
        close()
    }

    /// Closes the connection (idempotent).
    public func close() {
        lock.lock()
        defer { lock.unlock() }
        guard !closed else { return }
        closed = true
        try? socket.close()
    }
}

extension Array where Element == UInt8 {
    fileprivate func ends(with suffix: [UInt8]) -> Bool {
        count >= suffix.count && Array(self[(count - suffix.count)...]) == suffix
    }
}
