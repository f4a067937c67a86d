import Foundation
import SesameModel
import SesameWeb
import Testing

@Suite("Account password, deactivation and cross-signing reset")
struct AccountSettingsTests {
    @Test("the password changes when the current one is given")
    func changePassword() async throws {
        try await AccountWorld.with { world in
            let alice = try await world.signedInAlice()
            let response = try await world.browser.post("/account/password", [
                "csrf": try await world.csrf("/account/password"), "current_password": "correct horse battery",
                "new_password": "a much better passphrase", "new_password_confirm": "a much better passphrase",
            ])
            #expect(response.status == .ok)
            #expect(response.body.contains("Your password has been changed."))
            #expect(try await world.accounts.verifyPassword("a much better passphrase", for: alice))
            #expect(try await !world.accounts.verifyPassword("correct horse battery", for: alice))
        }
    }

    @Test("a wrong current password is answered on the page and changes nothing")
    func wrongCurrentPassword() async throws {
        try await AccountWorld.with { world in
            let alice = try await world.signedInAlice()
            let response = try await world.browser.post("/account/password", [
                "csrf": try await world.csrf("/account/password"), "current_password": "not my password",
                "new_password": "whatever else", "new_password_confirm": "whatever else",
            ])
            #expect(response.status == .badRequest)
            #expect(response.body.contains("Your current password is not correct."))
            #expect(try await world.accounts.verifyPassword("correct horse battery", for: alice))
        }
    }

    @Test("a new password that is empty or not repeated exactly is refused")
    func newPasswordRules() async throws {
        try await AccountWorld.with { world in
            let alice = try await world.signedInAlice()
            let csrf = try await world.csrf("/account/password")
            let empty = try await world.browser.post("/account/password", ["csrf": csrf, "current_password": "correct horse battery", "new_password": "", "new_password_confirm": ""])
            #expect(empty.status == .badRequest)
            let mismatch = try await world.browser.post("/account/password", [
                "csrf": csrf, "current_password": "correct horse battery", "new_password": "one thing", "new_password_confirm": "another",
            ])
            #expect(mismatch.status == .badRequest)
            #expect(mismatch.body.contains("do not match"))
            #expect(try await world.accounts.verifyPassword("correct horse battery", for: alice))
        }
    }

    @Test("a new password too weak for registration is refused here too")
    func weakNewPassword() async throws {
        try await AccountWorld.with { world in
            let alice = try await world.signedInAlice()
            for weak in ["short", "password123", "alice-alice-alice"] {
                let response = try await world.browser.post("/account/password", [
                    "csrf": try await world.csrf("/account/password"), "current_password": "correct horse battery",
                    "new_password": weak, "new_password_confirm": weak,
                ])
                #expect(response.status == .badRequest, "\(weak)")
            }
            #expect(try await world.accounts.verifyPassword("correct horse battery", for: alice))
        }
    }

    @Test("a password change without the CSRF token is refused")
    func passwordNeedsCSRF() async throws {
        try await AccountWorld.with { world in
            let alice = try await world.signedInAlice()
            let response = try await world.browser.post("/account/password", [
                "current_password": "correct horse battery", "new_password": "hijacked", "new_password_confirm": "hijacked",
            ])
            #expect(response.status == .forbidden)
            #expect(try await world.accounts.verifyPassword("correct horse battery", for: alice))
        }
    }

    @Test("deactivation needs the password; the username alone is not enough; then the account is deactivated, signed out, and the homeserver job queued")
    func deactivate() async throws {
        try await AccountWorld.with { world in
            let alice = try await world.signedInAlice()
            let (_, token) = try await world.oauthSession(for: alice)
            let csrf = try await world.csrf("/account/deactivate")
            for wrong in ["bob", "alice", "@alice:example.com"] {
                let refused = try await world.browser.post("/account/deactivate", ["csrf": csrf, "confirm": wrong])
                #expect(refused.status == .badRequest)
                #expect(try await world.accounts.requireUser("alice").deactivatedAt == nil)
            }

            let response = try await world.browser.post("/account/deactivate", ["csrf": csrf, "confirm": "correct horse battery"])
            #expect(response.status == .ok)
            #expect(response.setCookies.contains { $0.hasPrefix("sesame_session=;") || $0.contains("Max-Age=0") })
            #expect(try await world.accounts.requireUser("alice").deactivatedAt != nil)
            #expect(try await world.queuedJobs().contains(.deactivateUser(userID: alice.id, erase: false)))
            #expect(try await !world.isActive(token))
            #expect(try await world.browser.get("/account/").status == .seeOther)
        }
    }

    @Test("the page asks for the password in a password field")
    func deactivatePageAsksForPassword() async throws {
        try await AccountWorld.with { world in
            try await world.signedInAlice()
            let page = try await world.browser.get("/account/deactivate")
            #expect(page.body.contains(#"name="confirm" type="password""#))
            #expect(page.body.contains("Enter your password to confirm"))
        }
    }

    @Test("deactivation without the CSRF token is refused")
    func deactivateNeedsCSRF() async throws {
        try await AccountWorld.with { world in
            try await world.signedInAlice()
            let response = try await world.browser.post("/account/deactivate", ["confirm": "alice"])
            #expect(response.status == .forbidden)
            #expect(try await world.accounts.requireUser("alice").deactivatedAt == nil)
        }
    }

    @Test("confirming the cross-signing reset asks the homeserver to allow it")
    func crossSigningReset() async throws {
        try await AccountWorld.with { world in
            try await world.signedInAlice()
            let page = try await world.browser.get("/account/cross-signing-reset")
            #expect(page.status == .ok)
            #expect(world.homeserver.calls.isEmpty)
            let response = try await world.browser.post("/account/cross-signing-reset", ["csrf": try #require(page.csrf)])
            #expect(response.status == .ok)
            #expect(world.homeserver.calls == ["allow_cross_signing_reset alice"])
        }
    }

    @Test("a homeserver that is down is explained on the page, not a 500")
    func crossSigningHomeserverDown() async throws {
        try await AccountWorld.with(homeserver: RecordingHomeserver(failing: true)) { world in
            try await world.signedInAlice()
            let response = try await world.browser.post("/account/cross-signing-reset", ["csrf": try await world.csrf("/account/cross-signing-reset")])
            #expect(response.status == .serviceUnavailable)
            #expect(response.body.contains("could not be reached"))
        }
    }

    @Test("the cross-signing reset without the CSRF token is refused and the homeserver is not called")
    func crossSigningNeedsCSRF() async throws {
        try await AccountWorld.with { world in
            try await world.signedInAlice()
            let response = try await world.browser.post("/account/cross-signing-reset", [:])
            #expect(response.status == .forbidden)
            #expect(world.homeserver.calls.isEmpty)
        }
    }
}
