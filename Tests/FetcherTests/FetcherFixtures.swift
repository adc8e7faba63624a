import FeedModel
import Fetcher
import FlyingFox
import Foundation
import TestSupport

/// Small documents and helpers shared by the fetcher tests.
enum FetcherFixtures {
    static let rss = """
        <?xml version="1.0" encoding="utf-8"?>
        <rss version="2.0"><channel><title>Front line</title><link>https://example.org/</link>
        <item><title>Talks resume in Istanbul</title><guid>a1</guid></item>
        </channel></rss>
        """

    static var rssBytes: [UInt8] { Array(rss.utf8) }

    /// A configuration with short limits, so hostile servers fail fast.
    static var quick: FetcherConfiguration {
        var configuration = FetcherConfiguration()
        configuration.connectTimeout = 5
        configuration.totalTimeout = 20
        configuration.lowSpeedLimit = 1000
        configuration.lowSpeedTime = 5
        configuration.contact = "mailto:ops@example.org"
        return configuration
    }

    static func ok(_ body: [UInt8], _ headers: HTTPHeaders = [:]) -> HTTPResponse {
        var headers = headers
        if headers[HTTPHeader("Content-Type")] == nil {
            headers[HTTPHeader("Content-Type")] = "application/rss+xml; charset=utf-8"
        }
        return HTTPResponse(statusCode: .ok, headers: headers, body: Data(body))
    }

    static func redirect(_ code: Int, to location: String) -> HTTPResponse {
        HTTPResponse(
            statusCode: HTTPStatusCode(code, phrase: "Redirect"), headers: [HTTPHeader("Location"): location])
    }

    static func status(_ code: Int, _ headers: HTTPHeaders = [:]) -> HTTPResponse {
        HTTPResponse(
            statusCode: HTTPStatusCode(code, phrase: "Status"), headers: headers, body: Data("status \(code)".utf8))
    }
}

/// A well-behaved feed on its own server, added to every hostile batch to show it is unaffected.
struct Bystander {
    let server: TestHTTPServer

    static func start() async throws -> Bystander {
        Bystander(
            server: try await TestHTTPServer.start(routes: [
                "/calm.xml": { _ in FetcherFixtures.ok(FetcherFixtures.rssBytes) }
            ]))
    }

    var request: FetchRequest { FetchRequest(url: server.url("/calm.xml")) }

    /// True when the bystander's outcome is a complete 200 with the right body.
    func isUnaffected(_ outcome: FetchOutcome<CollectedBody>) -> Bool {
        guard case .fetched = outcome.status, let body = outcome.product else { return false }
        return body.error == nil && body.bytes == FetcherFixtures.rssBytes
    }

    func stop() async { await server.stop() }
}
