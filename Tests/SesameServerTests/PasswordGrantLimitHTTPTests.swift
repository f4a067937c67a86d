import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Logging
import SesameModel
import SesameServer
import Testing

/// Over HTTP: the password grant shares the login rate limit, and a refusal is 429 with Retry-After.
@Suite("Password grant rate limit over HTTP")
struct PasswordGrantLimitHTTPTests {
    static let clientID = "01J7R4Z1Q2X3Y4Z5A6B7C8D9EF"
    static let yaml = """
        clients:
          - client_id: \(clientID)
            client_auth_method: client_secret_post
            client_secret: bot-secret-for-tests
            grant_types: [password]
        rate_limiting:
          login:
            per_ip:
              burst: 100
              per_second: 1
            per_account:
              burst: 2
              per_second: 0.001
        """

    /// One password-grant request for the (nonexistent, so never successful) user `bot`.
    private static func attempt(_ client: any TestClientProtocol, _ password: String) async throws -> (HTTPResponse.Status, String?, String) {
        try await client.execute(
            uri: "/oauth2/token", method: .post, headers: [.contentType: "application/x-www-form-urlencoded"],
            body: ByteBuffer(string: "grant_type=password&username=bot&password=\(password)&client_id=\(clientID)&client_secret=bot-secret-for-tests")
        ) { response in (response.status, response.headers[.retryAfter], String(buffer: response.body)) }
    }

    @Test("after the account's bucket is empty the token endpoint answers 429 invalid_grant with Retry-After")
    func limited() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("sesame-pwlimit-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        var config = try ConfigLoader.load(yaml: Self.yaml, source: "test.yaml").config
        config.dataDirectory = folder.path
        let parts = try await SesameServerRunner.openParts(config: config, logger: Logger(label: "sesame.test"), clock: ManualWallClock())
        let app = Application(router: SesameRouter.make(parts))
        do {
            try await app.test(.router) { client in
                for _ in 0..<2 {
                    let (status, retry, body) = try await Self.attempt(client, "wrong")
                    #expect(status == .badRequest)
                    #expect(retry == nil)
                    #expect(body.contains("invalid_grant"))
                }
                let (status, retry, body) = try await Self.attempt(client, "wrong")
                #expect(status == .tooManyRequests)
                #expect(Int(retry ?? "") ?? 0 > 0)
                #expect(body.contains("invalid_grant") && body.contains("too many failed sign-in attempts"))
            }
            await parts.storage.close()
        } catch {
            await parts.storage.close()
            throw error
        }
    }
}
