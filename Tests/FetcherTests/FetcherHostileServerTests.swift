import FeedModel
import Fetcher
import Foundation
import TestSupport
import Testing

/// The fetcher against servers that misbehave at the socket level (FlyingSocks raw sockets on 127.0.0.1).
@Suite("Fetcher against hostile servers")
struct FetcherHostileServerTests {
    let fetcher = Fetcher(configuration: FetcherFixtures.quick)

    @Test("a server that stalls mid-body is aborted by the low-speed limit")
    func stallMidBody() async throws {
        let server = try await RawHTTPServer.start { _, connection in
            try await connection.writeHead(headers: [
                ("Content-Type", "application/rss+xml"), ("Content-Length", "100000"),
            ])
            try await connection.write(Array(FetcherFixtures.rssBytes.prefix(100)))
            try await Task.sleep(for: .seconds(30))
        }
        let bystander = try await Bystander.start()
        let outcomes = await fetcher.fetchCollecting([FetchRequest(url: server.url("/stall.xml")), bystander.request])
        let error = try #require(outcomes[0].error)
        #expect(error.kind == .tooSlow)
        // The sink saw the start of the body and was told it is incomplete.
        #expect(outcomes[0].product?.error?.kind == .tooSlow)
        #expect(bystander.isUnaffected(outcomes[1]))
        await server.stop()
        await bystander.stop()
    }

    @Test("the whole-transfer timeout ends a trickling body")
    func totalTimeout() async throws {
        let server = try await RawHTTPServer.start { _, connection in
            try await connection.writeHead(headers: [("Content-Type", "application/rss+xml")])
            for _ in 0..<200 {
                try await connection.write(Array(repeating: UInt8(ascii: " "), count: 4096))
                try await Task.sleep(for: .milliseconds(100))
            }
        }
        var configuration = FetcherFixtures.quick
        configuration.totalTimeout = 1.5
        let outcomes = await Fetcher(configuration: configuration).fetchCollecting([
            FetchRequest(url: server.url("/trickle.xml"))
        ])
        #expect(outcomes[0].error?.kind == .timedOut)
        await server.stop()
    }

    @Test("an endless body is cut at the cap while streaming")
    func endlessBody() async throws {
        let server = try await RawHTTPServer.start { _, connection in
            try await connection.writeHead(headers: [("Content-Type", "application/rss+xml")])
            let chunk = Array(repeating: UInt8(ascii: "x"), count: 65_536)
            while true { try await connection.write(chunk) }
        }
        let bystander = try await Bystander.start()
        var configuration = FetcherFixtures.quick
        configuration.maxBodyBytes = 1_048_576
        let outcomes = await Fetcher(configuration: configuration).fetchCollecting([
            FetchRequest(url: server.url("/endless.xml")), bystander.request,
        ])
        let error = try #require(outcomes[0].error)
        #expect(error.kind == .tooLarge)
        #expect(error.description.contains("/endless.xml"))
        #expect(outcomes[0].bodyBytes <= 1_048_576 + 65_536 * 4)
        #expect((outcomes[0].product?.bytes.count ?? 0) <= 1_048_576)
        #expect(bystander.isUnaffected(outcomes[1]))
        await server.stop()
        await bystander.stop()
    }

    @Test("a declared Content-Length above the cap is refused before the body is read")
    func declaredLengthOverCap() async throws {
        let server = try await RawHTTPServer.start { _, connection in
            try await connection.writeHead(headers: [
                ("Content-Type", "application/rss+xml"), ("Content-Length", "50000000"),
            ])
            try await connection.write(FetcherFixtures.rssBytes)
        }
        var configuration = FetcherFixtures.quick
        configuration.maxBodyBytes = 1_048_576
        let outcomes = await Fetcher(configuration: configuration).fetchCollecting([
            FetchRequest(url: server.url("/huge.xml"))
        ])
        #expect(outcomes[0].error?.kind == .tooLarge)
        await server.stop()
    }

    @Test("a gzip body cut short of its Content-Length is a lost connection")
    func truncatedGzipShortOfLength() async throws {
        let gzip = Gzip.wrap(Array(String(repeating: FetcherFixtures.rss, count: 50).utf8))
        let server = try await RawHTTPServer.start { _, connection in
            try await connection.writeHead(headers: [
                ("Content-Type", "application/rss+xml"), ("Content-Encoding", "gzip"),
                ("Content-Length", String(gzip.count)),
            ])
            try await connection.write(Array(gzip.prefix(gzip.count / 2)))
        }
        let bystander = try await Bystander.start()
        let outcomes = await fetcher.fetchCollecting([FetchRequest(url: server.url("/cut.xml.gz")), bystander.request])
        #expect(outcomes[0].error?.kind == .connectionLost)
        #expect(outcomes[0].product?.error?.kind == .connectionLost)
        #expect(bystander.isUnaffected(outcomes[1]))
        await server.stop()
        await bystander.stop()
    }

    /// libcurl 7.88 does not notice a gzip stream that ends early when the Content-Length matches the bytes sent:
    /// the decoded prefix arrives as a complete body. The parser's well-formedness check is what rejects it (see
    /// the `fetch` command tests); here we pin down what reaches the sink.
    @Test("a gzip stream truncated at a matching Content-Length delivers only a prefix")
    func truncatedGzipAtLength() async throws {
        let big = Array(String(repeating: FetcherFixtures.rss, count: 50).utf8)
        let gzip = Gzip.wrap(big)
        let truncated = Array(gzip.prefix(gzip.count / 2))
        let server = try await RawHTTPServer.start { _, connection in
            try await connection.writeHead(headers: [
                ("Content-Type", "application/rss+xml"), ("Content-Encoding", "gzip"),
                ("Content-Length", String(truncated.count)),
            ])
            try await connection.write(truncated)
        }
        let outcomes = await fetcher.fetchCollecting([FetchRequest(url: server.url("/short.xml.gz"))])
        let body = try #require(outcomes[0].product)
        #expect(body.bytes.count < big.count)
        #expect(body.bytes == Array(big.prefix(body.bytes.count)))
        await server.stop()
    }

    @Test("a corrupt gzip body is a content-coding error")
    func corruptGzip() async throws {
        var gzip = Gzip.wrap(Array(FetcherFixtures.rssBytes))
        gzip[10] = 0x07  // an invalid deflate block type
        let server = try await RawHTTPServer.start { [gzip] _, connection in
            try await connection.writeHead(headers: [
                ("Content-Type", "application/rss+xml"), ("Content-Encoding", "gzip"),
                ("Content-Length", String(gzip.count)),
            ])
            try await connection.write(gzip)
        }
        let outcomes = await fetcher.fetchCollecting([FetchRequest(url: server.url("/bad.xml.gz"))])
        #expect(outcomes[0].error?.kind == .badContentEncoding, "\(String(describing: outcomes[0].error))")
        await server.stop()
    }

    @Test("a connection reset mid-body is a lost connection")
    func connectionReset() async throws {
        let server = try await RawHTTPServer.start { _, connection in
            try await connection.writeHead(headers: [
                ("Content-Type", "application/rss+xml"), ("Content-Length", "5000"),
            ])
            try await connection.write(Array(FetcherFixtures.rssBytes.prefix(80)))
            try await Task.sleep(for: .milliseconds(100))
            connection.reset()
        }
        let bystander = try await Bystander.start()
        let outcomes = await fetcher.fetchCollecting([FetchRequest(url: server.url("/reset.xml")), bystander.request])
        let error = try #require(outcomes[0].error)
        #expect(error.kind == .connectionLost)
        #expect(bystander.isUnaffected(outcomes[1]))
        await server.stop()
        await bystander.stop()
    }

    @Test("a connection closed before any response, and a refused connection")
    func nothingAndRefused() async throws {
        let server = try await RawHTTPServer.start { _, connection in connection.close() }
        let refused = try await RawHTTPServer.start { _, _ in }
        let refusedURL = refused.url("/none.xml")
        await refused.stop()
        let outcomes = await fetcher.fetchCollecting([
            FetchRequest(url: server.url("/empty.xml")), FetchRequest(url: refusedURL),
        ])
        #expect(outcomes[0].error?.kind == .connectionLost)
        #expect(outcomes[1].error?.kind == .connectionFailed)
        await server.stop()
    }
}
