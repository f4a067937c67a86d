import Foundation
import SesameModel
import Testing

@Suite("Security headers on every page")
struct SecurityHeaderRouteTests {
    @Test("every GET page route, signed in or not, forbids framing and sniffing and carries a strict CSP")
    func everyGetRoute() async throws {
        try await WebHarness.with { web in
            try await web.user()
            #expect(web.getRoutes.contains("/login") && web.getRoutes.contains("/account/sessions"))
            for signedIn in [false, true] {
                if signedIn { try await web.signIn() }
                for route in web.getRoutes where route != "/assets/sesame.css" {
                    let path = SecurityCSRFTests.fill(route)
                    let response = try await web.browser.get(path)
                    #expect(response.status.code < 500, "GET \(path) answered \(response.status.code)")
                    #expect(response.header("X-Frame-Options") == "DENY", "GET \(path) lacks X-Frame-Options")
                    #expect(response.header("X-Content-Type-Options") == "nosniff", "GET \(path) lacks nosniff")
                    #expect(response.header("Referrer-Policy") == "no-referrer", "GET \(path) lacks Referrer-Policy")
                    let csp = response.header("Content-Security-Policy") ?? ""
                    #expect(csp.contains("default-src 'none'") && csp.contains("frame-ancestors 'none'"), "GET \(path) CSP: \(csp)")
                    #expect(!csp.contains("unsafe-inline") && !csp.contains("unsafe-eval"), "GET \(path) CSP allows inline code: \(csp)")
                    if response.header("Content-Type")?.hasPrefix("text/html") == true {
                        // No inline script without the response's nonce (only form_post has one).
                        #expect(!response.body.contains("<script>") && !response.body.contains(" onclick="), "GET \(path) has inline script")
                    }
                }
            }
        }
    }
}
