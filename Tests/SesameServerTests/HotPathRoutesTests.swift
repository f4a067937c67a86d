import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Logging
import SesameModel
import SesameServer
import Testing

/// The routes `make bench` drives, over HTTP: what the issue 7 shortcuts must not change.
@Suite("Hot-path routes")
struct HotPathRoutesTests {
    private static let secret = "hot-path-test-shared-secret"

    /// The whole application over a temporary data folder, with a homeserver shared secret (so
    /// introspection can be called the way Synapse calls it) and no homeserver to reach.
    private func withServer(_ body: @escaping @Sendable (any TestClientProtocol) async throws -> Void) async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("sesame-hot-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        var config = SesameConfig.default
        config.dataDirectory = folder.path
        config.matrix.secret = Self.secret
        let parts = try await SesameServerRunner.openParts(config: config, logger: Logger(label: "sesame.test"), clock: ManualWallClock())
        let app = Application(router: SesameRouter.make(parts))
        do {
            try await app.test(.router) { client in try await body(client) }
            await parts.storage.close()
        } catch {
            await parts.storage.close()
            throw error
        }
    }

    private func introspect(_ client: any TestClientProtocol, authorization: String, token: String) async throws -> (HTTPResponse.Status, String) {
        try await client.execute(
            uri: "/oauth2/introspect", method: .post,
            headers: [.authorization: authorization, .contentType: "application/x-www-form-urlencoded"],
            body: ByteBuffer(string: "token=\(token)&token_type_hint=access_token")
        ) { response in (response.status, String(buffer: response.body)) }
    }

    @Test("every discovery path serves the same document, with the issuer, on every call")
    func discoveryDocument() async throws {
        try await withServer { client in
            var bodies: [String] = []
            for path in ["/.well-known/openid-configuration", "/.well-known/oauth-authorization-server",
                         "/_matrix/client/v1/auth_metadata", "/_matrix/client/unstable/org.matrix.msc2965/auth_metadata",
                         "/.well-known/openid-configuration"] {
                try await client.execute(uri: path, method: .get) { response in
                    #expect(response.status == .ok)
                    #expect(response.headers[.contentType] == "application/json")
                    #expect(response.headers[.cacheControl] == "public, max-age=60")
                    bodies.append(String(buffer: response.body))
                }
            }
            #expect(Set(bodies).count == 1)
            let document = try #require(try JSONSerialization.jsonObject(with: Data(bodies[0].utf8)) as? [String: Any])
            #expect(document["issuer"] as? String == "http://127.0.0.1:8080/")
            #expect(document["introspection_endpoint"] as? String == "http://127.0.0.1:8080/oauth2/introspect")
        }
    }

    @Test("the Bearer scheme is matched without regard to case and the secret without surrounding blanks")
    func bearerSchemeAndBlanks() async throws {
        try await withServer { client in
            for header in ["Bearer \(Self.secret)", "bearer \(Self.secret)", "BEARER  \(Self.secret)  "] {
                let (status, body) = try await introspect(client, authorization: header, token: "mat_garbage")
                #expect(status == .ok, "\(header)")
                #expect(body == #"{"active":false}"#)
            }
        }
    }

    @Test("a wrong shared secret, an empty one or another scheme is refused: 401 invalid_client (RFC 7662 §2.1)")
    func wrongBearer() async throws {
        try await withServer { client in
            for header in ["Bearer not-the-secret", "Bearer ", "Bearer\(Self.secret)", "Basic \(Self.secret)"] {
                let (status, body) = try await introspect(client, authorization: header, token: "mat_garbage")
                #expect(status == .unauthorized, "\(header)")
                #expect(body.contains(#""error":"invalid_client""#), "\(header): \(body)")
            }
        }
    }
}
