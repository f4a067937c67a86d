import Foundation
import SesameModel
import SesameWeb
import Testing

@Suite("CSRF on every form")
struct SecurityCSRFTests {
    /// POST routes that are protocol endpoints rather than forms, and why they need no CSRF field.
    static let notForms: [String: String] = [
        // RFC 6749 §3.1: the authorization endpoint may be called with POST; it only starts a flow
        // whose every decision (login, consent) is a form with its own CSRF field.
        "/authorize": "OAuth authorization endpoint",
    ]

    /// What a forged form might carry: everything a real one would, except a valid CSRF field.
    static let forgedFields: [String: String] = [
        "username": "alice", "password": "correct horse battery", "password_confirm": "correct horse battery",
        "new_password": "a brand new passphrase", "new_password_confirm": "a brand new passphrase",
        "current_password": "correct horse battery", "email": "mallory@example.com", "code": "123456",
        "action": "approve", "user_code": "ABCD-EFGH", "display_name": "Mallory", "name": "forged", "confirm": "alice",
    ]

    @Test("every POST page route refuses a signed-in browser's form without a valid CSRF field (403, never a 500)")
    func everyPostRoute() async throws {
        try await WebHarness.with { web in
            let user = try await web.user()
            let client = try await web.client()
            try await web.signIn()
            // A real grant waiting for consent, so /consent/:id reaches its CSRF check.
            let authorize = try await web.browser.get(authorizeQuery(client: client))
            let consentPath = try #require(authorize.location)
            let routes = web.postRoutes.filter { Self.notForms[$0] == nil }
            #expect(routes.contains("/login") && routes.contains("/logout") && routes.contains("/consent/{id}"))
            for route in routes {
                let path = route == "/consent/{id}" ? consentPath : Self.fill(route)
                for csrf in [nil, "forged-token"] {
                    var fields = Self.forgedFields
                    fields["csrf"] = csrf
                    let response = try await web.browser.post(path, fields)
                    #expect(response.status == .forbidden, "POST \(route) without a valid CSRF field answered \(response.status.code)")
                    #expect(response.body.contains("This form has expired"), "POST \(route) did not show the expired-form page")
                }
            }
            // Nothing happened: still signed in, same password, not deactivated.
            let stored = try #require(try await web.storage.read { try await $0.users.find(id: user.id) })
            #expect(stored.isActive)
            #expect(try await web.accounts.verifyPassword("correct horse battery", for: stored))
            let login = try await web.browser.get("/login")
            #expect(login.body.contains("Signed in as alice"))
        }
    }

    @Test("a POST from a browser without any session cookie is refused too")
    func noCookie() async throws {
        try await WebHarness.with { web in
            try await web.user()
            let response = try await web.browser.post("/login", ["username": "alice", "password": "correct horse battery", "csrf": "guess"])
            #expect(response.status == .forbidden)
            #expect(response.body.contains("This form has expired"))
            #expect(response.location == nil)
        }
    }

    /// `route` with every `{capture}` replaced by a well-formed ID that names nothing.
    static func fill(_ route: String) -> String {
        route.split(separator: "/", omittingEmptySubsequences: false)
            .map { $0.hasPrefix("{") ? BrowserSessionID(date: Date()).description : String($0) }
            .joined(separator: "/")
    }
}
