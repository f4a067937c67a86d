import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Logging
import Prometheus
@testable import SesameServer
import SesameWeb
import Synchronization
import Testing

/// The one layer every request passes: client address, metrics, request log and CORS, in the
/// order the separate middlewares had.
@Suite("Edge middleware")
struct EdgeMiddlewareTests {
    private static let forwardedFor = HTTPField.Name("X-Forwarded-For")!

    /// A router with only the edge layer and a route answering the resolved client address.
    private func addressRouter(trusting trusted: [String]) -> Router<SesameRequestContext> {
        let router = Router(context: SesameRequestContext.self)
        router.add(middleware: EdgeMiddleware(trustedProxies: TrustedProxies(trusted), metrics: HTTPRequestMetrics(registry: PrometheusCollectorRegistry())))
        router.get("/ip") { _, context in context.clientIP ?? "none" }
        return router
    }

    @Test("over a real socket the client is the peer, or what a trusted proxy's header says")
    func liveSocket() async throws {
        for (trusted, expected) in [(["127.0.0.1/8"], "198.51.100.1"), ([String](), "127.0.0.1")] {
            let app = Application(router: addressRouter(trusting: trusted), configuration: .init(address: .hostname("127.0.0.1", port: 0)))
            try await app.test(.live) { client in
                let response = try await client.execute(uri: "/ip", method: .get, headers: [Self.forwardedFor: "198.51.100.1"])
                #expect(String(buffer: response.body) == expected, "\(trusted)")
            }
        }
    }

    @Test("X-Forwarded-For sent as two fields is read as one list, from the right")
    func forwardedForInTwoFields() async throws {
        let app = Application(router: addressRouter(trusting: ["127.0.0.1/8"]), configuration: .init(address: .hostname("127.0.0.1", port: 0)))
        // Reading only the first field would answer 192.0.2.1 in the first case; only the last,
        // 127.0.0.2 in the second.
        let cases = [(["192.0.2.1", "198.51.100.7"], "198.51.100.7"), (["192.0.2.1", "127.0.0.2"], "192.0.2.1")]
        try await app.test(.live) { client in
            for (values, expected) in cases {
                let headers = HTTPFields(values.map { HTTPField(name: Self.forwardedFor, value: $0) })
                let response = try await client.execute(uri: "/ip", method: .get, headers: headers)
                #expect(String(buffer: response.body) == expected, "\(values)")
            }
        }
    }

    @Test("a preflight on an open path is answered with the CORS headers, a request id, and counted")
    func preflight() async throws {
        try await withTestServer { client, _ in
            try await client.execute(uri: "/oauth2/token", method: .options) { response in
                #expect(response.status == .noContent)
                #expect(response.headers[.accessControlAllowOrigin] == "*")
                #expect(response.headers[.accessControlAllowMethods] == "GET, POST, OPTIONS")
                #expect(response.headers[.accessControlAllowHeaders] == "Authorization, Content-Type, Accept")
                #expect(response.headers[.accessControlMaxAge] == "86400")
                #expect((response.headers[.requestID]?.count ?? 0) >= 16)
            }
            try await client.execute(uri: "/metrics", method: .get) { response in
                #expect(String(buffer: response.body).contains(#"http_requests_total{method="OPTIONS",route="unmatched",status="204"} 1"#))
            }
        }
    }

    @Test("a request no route answers is counted and logged under its error status")
    func thrownErrorCounted() async throws {
        try await withTestServer { client, _ in
            try await client.execute(uri: "/no-such-path", method: .get) { response in
                #expect(response.status == .notFound)
            }
            try await client.execute(uri: "/metrics", method: .get) { response in
                // Hummingbird names the endpoint of a request no route matched "NotFound".
                #expect(String(buffer: response.body).contains(#"http_requests_total{method="GET",route="NotFound",status="404"} 1"#))
            }
        }
    }

    @Test("answers on open paths may be read by any origin; pages and health are not opened")
    func crossOriginAnswers() async throws {
        try await withTestServer { client, _ in
            try await client.execute(uri: "/.well-known/openid-configuration", method: .get) { response in
                #expect(response.status == .ok)
                #expect(response.headers[.accessControlAllowOrigin] == "*")
                #expect(response.headers[.accessControlExposeHeaders] == "WWW-Authenticate")
            }
            // The key set sets the header itself: it is replaced, not sent twice.
            try await client.execute(uri: "/oauth2/keys.json", method: .get) { response in
                #expect(response.headers[values: .accessControlAllowOrigin] == ["*"])
            }
            for path in ["/health", "/account/"] {
                try await client.execute(uri: path, method: .get) { response in
                    #expect(response.headers[.accessControlAllowOrigin] == nil, "\(path)")
                    #expect(response.headers[.requestID] != nil, "\(path)")
                }
            }
            try await client.execute(uri: "/health", method: .options) { response in
                #expect(response.headers[.accessControlAllowOrigin] == nil)
            }
        }
    }

    /// Collects what a logger writes.
    final class Capture: TextOutputStream, Sendable {
        private let text = Mutex("")
        func write(_ string: String) { text.withLock { $0 += string } }
        var lines: [Substring] { text.withLock { $0 }.split(separator: "\n") }
    }

    @Test("a failed request is logged at info with its path and status, never its query; a success only at debug")
    func requestLog() {
        let capture = Capture()
        var logger = Logger(label: "sesame.test") { StreamLogHandler(label: $0, stream: capture, metadataProvider: nil) }
        logger.logLevel = .info
        let failed = Request(head: HTTPRequest(method: .get, scheme: "http", authority: "sesame.test", path: "/oauth2/authorize?code=secret-code"), body: .init(buffer: .init()))
        RequestLog.record(failed, status: 404, since: .now, logger: logger)
        RequestLog.record(failed, status: 200, since: .now, logger: logger)
        #expect(capture.lines.count == 1)
        let line = try? #require(capture.lines.first)
        #expect(line?.contains("path=/oauth2/authorize") == true)
        #expect(line?.contains("status=404") == true)
        #expect(line?.contains("secret-code") == false)
        logger.logLevel = .debug
        RequestLog.record(failed, status: 200, since: .now, logger: logger)
        #expect(capture.lines.count == 2)
    }
}
