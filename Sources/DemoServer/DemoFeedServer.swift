import FeedModel
import Fetcher
import FlyingFox
import Foundation

/// A static HTTP server on 127.0.0.1 that serves the files of one folder (the demo feeds), with strong ETags and
/// Last-Modified so that a second fetch gets 304s, exactly as a well-behaved news site would answer.
///
/// Only plain file names directly inside the folder are served; anything else (sub-paths, `..`, hidden files) is 404.
public actor DemoFeedServer {
    private let folder: URL
    private let server: HTTPServer
    private var task: Task<Void, any Error>?

    /// Prepares a server for `folder` on loopback `port` (0: any free port); call `start()` to listen.
    public init(folder: URL, port: UInt16 = 0) {
        self.folder = folder
        // IPv4 explicitly: `.loopback` alone resolves to the IPv6 loopback, and the demo URLs say 127.0.0.1.
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = port.bigEndian
        address.sin_addr.s_addr = UInt32(0x7F00_0001).bigEndian
        self.server = HTTPServer(address: address, timeout: 15, logger: .disabled)
    }

    /// Starts listening and returns the port.
    public func start() async throws -> UInt16 {
        let server = self.server
        let folder = self.folder
        await server.appendRoute("GET /*") { request in
            Self.respond(to: request, from: folder)
        }
        task = Task { try await server.run() }
        try await server.waitUntilListening()
        guard case .ip4(_, let port) = await server.listeningAddress else {
            throw DemoServerError(reason: "the demo server did not report a loopback port")
        }
        return port
    }

    /// Stops the server.
    public func stop() async {
        await server.stop()
        task?.cancel()
    }

    private static func respond(to request: HTTPRequest, from folder: URL) -> HTTPResponse {
        let name = String(request.path.drop(while: { $0 == "/" }))
        guard !name.isEmpty, !name.hasPrefix("."), !name.contains("/"), !name.contains("\\") else {
            return HTTPResponse(statusCode: .notFound)
        }
        let file = folder.appendingPathComponent(name)
        guard let body = FileManager.default.contents(atPath: file.path) else {
            return HTTPResponse(statusCode: .notFound)
        }
        var hash = StableHash()
        hash.combine(body)
        let etag = "\"\(hash.hex)\""
        let modified = (try? FileManager.default.attributesOfItem(atPath: file.path)[.modificationDate] as? Date)
            .flatMap { $0 }
        var headers: HTTPHeaders = [.contentType: contentType(for: name), .eTag: etag]
        if let modified { headers[.lastModified] = HTTPDate.format(modified) }

        if let candidate = request.headers[.ifNoneMatch], candidate == etag {
            return HTTPResponse(statusCode: .notModified, headers: headers)
        }
        if request.headers[.ifNoneMatch] == nil, let since = request.headers[.ifModifiedSince],
            let modified, since == HTTPDate.format(modified)
        {
            return HTTPResponse(statusCode: .notModified, headers: headers)
        }
        return HTTPResponse(statusCode: .ok, headers: headers, body: body)
    }

    private static func contentType(for name: String) -> String {
        if name.hasSuffix(".json") { return "application/feed+json" }
        if name.hasSuffix(".opml") { return "text/x-opml" }
        if name.hasSuffix(".atom") || name.contains(".atom.") { return "application/atom+xml" }
        if name.hasSuffix(".rdf") || name.contains(".rdf.") { return "application/rdf+xml" }
        return "application/rss+xml"
    }
}

/// The demo server could not start.
public struct DemoServerError: Error, Sendable, CustomStringConvertible {
    public let reason: String
    public var description: String { "\(reason) — is the loopback interface up? Try again." }
}
