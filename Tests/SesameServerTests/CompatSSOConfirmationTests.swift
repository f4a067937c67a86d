import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import SesameModel
import SesameServer
import Testing

@Suite("Legacy Matrix SSO login through the whole server")
struct CompatSSOConfirmationTests {
    @Test("a client's SSO redirect is confirmed on the page and returns to the client with a login token")
    func ssoRedirectToLoginToken() async throws {
        try await withTestServer { client, parts in
            _ = try await parts.accounts.register(username: "alice", password: "correct horse battery", email: nil, canRequestAdmin: false)
            var cookies = ""
            func remember(_ response: TestResponse) {
                let pairs = response.headers[values: .setCookie].compactMap { $0.split(separator: ";").first.map(String.init) }
                if !pairs.isEmpty { cookies = pairs.joined(separator: "; ") }
            }
            func send(_ uri: String, _ method: HTTPRequest.Method, form: String? = nil) async throws -> TestResponse {
                var headers: HTTPFields = [:]
                if !cookies.isEmpty { headers[.cookie] = cookies }
                if form != nil { headers[.contentType] = "application/x-www-form-urlencoded" }
                let response = try await client.executeRequest(uri: uri, method: method, headers: headers, body: form.map { ByteBuffer(string: $0) })
                remember(response)
                return response
            }
            func csrf(_ response: TestResponse) throws -> String {
                let body = String(buffer: response.body)
                let start = try #require(body.range(of: #"name="csrf" value=""#))
                return String(body[start.upperBound...].prefix { $0 != "\"" })
            }

            let started = try await send("/_matrix/client/v3/login/sso/redirect?redirectUrl=https%3A%2F%2Fclient.example.org%2Fcb", .get)
            #expect(started.status == .seeOther)
            let page = try #require(started.headers[.location])
            #expect(page.hasPrefix("/complete-compat-sso/"))

            let login = try await send("/login", .get)
            let signedIn = try await send("/login", .post, form: "csrf=\(try csrf(login))&username=alice&password=correct%20horse%20battery")
            #expect(signedIn.status == .seeOther)

            let confirmation = try await send(page, .get)
            #expect(confirmation.status == .ok)
            #expect(String(buffer: confirmation.body).contains("Continue to client.example.org?"))
            let approved = try await send(page, .post, form: "csrf=\(try csrf(confirmation))&action=approve")
            #expect(approved.status == .seeOther)
            let location = try #require(approved.headers[.location].flatMap(URLComponents.init(string:)))
            #expect(location.host == "client.example.org")
            #expect(location.queryItems?.first { $0.name == "loginToken" }?.value?.count == 32)

            let id = try #require(CompatSSOLoginID(page.dropFirst("/complete-compat-sso/".count)))
            let stored = try await parts.storage.read { try await $0.compatSSOLogins.find(id: id) }
            guard case .fulfilled = stored?.status else {
                Issue.record("the SSO login was not fulfilled")
                return
            }
        }
    }
}
