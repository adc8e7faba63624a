import FlyingFox
import FlyingSocks
import Foundation

/// A real HTTP/1.1 server (FlyingFox) on 127.0.0.1 and an ephemeral port, for well-behaved test routes.
///
/// Each test starts its own: `let server = try await TestHTTPServer.start { request in ... }`, builds URLs with
/// `server.url("/feed.xml")`, and calls `await server.stop()` at the end. Every request is recorded, so tests can
/// assert what a client sent (validators, User-Agent, Accept-Encoding).
public final class TestHTTPServer: Sendable {
    /// A route: the handler receives the request and how many requests for the same path came before it.
    public typealias Handler = @Sendable (TestRequest) async throws -> HTTPResponse

    /// The port the server listens on.
    public let port: UInt16
    /// Every request received, in arrival order.
    public let log: RequestLog
    private let server: HTTPServer
    private let task: Task<Void, any Error>

    private init(port: UInt16, log: RequestLog, server: HTTPServer, task: Task<Void, any Error>) {
        self.port = port
        self.log = log
        self.server = server
        self.task = task
    }

    /// Starts a server whose every request goes to `handler`, and waits until it listens.
    public static func start(_ handler: @escaping Handler) async throws -> TestHTTPServer {
        let log = RequestLog()
        let address = try sockaddr_in.inet(ip4: "127.0.0.1", port: 0)
        let server = HTTPServer(
            address: address, timeout: 30, logger: .disabled, handler: RecordingHandler(log: log, handler: handler))
        let task = Task { try await server.run() }
        try await server.waitUntilListening()
        guard case .ip4(_, let port) = await server.listeningAddress else {
            task.cancel()
            throw TestServerError.notListening
        }
        return TestHTTPServer(port: port, log: log, server: server, task: task)
    }

    /// Starts a server with fixed routes: path → handler; unknown paths get 404.
    public static func start(routes: [String: Handler]) async throws -> TestHTTPServer {
        try await start { request in
            guard let handler = routes[request.path] else {
                return HTTPResponse(statusCode: .notFound, body: Data("no route \(request.path)".utf8))
            }
            return try await handler(request)
        }
    }

    /// `http://127.0.0.1:<port><path>`.
    public func url(_ path: String) -> String {
        "http://127.0.0.1:\(port)\(path)"
    }

    /// Stops listening and closes connections.
    public func stop() async {
        await server.stop(timeout: 1)
        task.cancel()
    }
}

/// What a test route sees of a request.
public struct TestRequest: Sendable {
    /// The method, e.g. "GET".
    public var method: String
    /// The path without query.
    public var path: String
    /// Header names lower-cased → value.
    public var headers: [String: String]
    /// 0 for the first request to this path, 1 for the second, ...
    public var sequence: Int
}

/// Thread-safe record of requests, shared by a server and the test.
public final class RequestLog: @unchecked Sendable {
    private let lock = NSLock()
    private var entries: [TestRequest] = []

    /// An empty log.
    public init() {}

    /// Appends a request and returns its per-path sequence number.
    public func record(method: String, path: String, headers: [String: String]) -> TestRequest {
        lock.lock()
        defer { lock.unlock() }
        let sequence = entries.filter { $0.path == path }.count
        let request = TestRequest(method: method, path: path, headers: headers, sequence: sequence)
        entries.append(request)
        return request
    }

    /// All requests so far.
    public var requests: [TestRequest] {
        lock.lock()
        defer { lock.unlock() }
        return entries
    }

    /// The requests for one path.
    public func requests(for path: String) -> [TestRequest] {
        requests.filter { $0.path == path }
    }
}

/// Why a test server could not start.
public enum TestServerError: Error {
    case notListening
}

private struct RecordingHandler: HTTPHandler {
    let log: RequestLog
    let handler: TestHTTPServer.Handler

    func handleRequest(_ request: HTTPRequest) async throws -> HTTPResponse {
        var headers: [String: String] = [:]
        for (name, value) in request.headers {
            headers[name.rawValue.lowercased()] = value
        }
        let recorded = log.record(method: request.method.rawValue, path: request.path, headers: headers)
        return try await handler(recorded)
    }
}

/// A response described without FlyingFox types, for test targets that do not import FlyingFox.
public struct TestReply: Sendable {
    /// The status code.
    public var status: Int
    /// Header name → value.
    public var headers: [String: String]
    /// The body bytes.
    public var body: [UInt8]

    /// A reply; the body defaults to empty.
    public init(status: Int = 200, headers: [String: String] = [:], body: [UInt8] = []) {
        self.status = status
        self.headers = headers
        self.body = body
    }

    /// A 200 with a feed body.
    public static func feed(_ text: String, headers: [String: String] = [:]) -> TestReply {
        var all = ["Content-Type": "application/rss+xml; charset=utf-8"]
        for (name, value) in headers { all[name] = value }
        return TestReply(status: 200, headers: all, body: Array(text.utf8))
    }

    var response: HTTPResponse {
        var fields = HTTPHeaders()
        for (name, value) in headers { fields[HTTPHeader(name)] = value }
        return HTTPResponse(
            statusCode: HTTPStatusCode(status, phrase: "Test"), headers: fields, body: Data(body))
    }
}

extension TestHTTPServer {
    /// Starts a server with fixed routes described by `TestReply` (unknown paths get 404).
    public static func start(replies: [String: @Sendable (TestRequest) -> TestReply]) async throws -> TestHTTPServer {
        try await start { request in
            guard let reply = replies[request.path] else {
                return HTTPResponse(statusCode: .notFound, body: Data("no route \(request.path)".utf8))
            }
            return reply(request).response
        }
    }
}
