import Foundation
import SesameModel
import SesameOAuth
@testable import SesameWeb
import Testing

@Suite("Account overview and MSC4191 actions")
struct AccountOverviewTests {
    @Test("a signed-out visitor is sent to the login page and comes back to /account/ afterwards")
    func signedOutGoesToLogin() async throws {
        try await AccountWorld.with { world in
            try await world.user("alice")
            let response = try await world.browser.get("/account/")
            #expect(response.status == .seeOther)
            #expect(response.location == "/login?next=%2Faccount%2F")
            let login = try await world.browser.get(try #require(response.location))
            let back = try await world.browser.post("/login", [
                "csrf": try #require(login.csrf), "next": try #require(login.hiddenField("next")),
                "username": "alice", "password": "correct horse battery",
            ])
            #expect(back.location == "/account/")
        }
    }

    @Test("the overview shows the username, the Matrix ID and links to every account page")
    func overviewContents() async throws {
        try await AccountWorld.with { world in
            try await world.signedInAlice()
            let page = try await world.browser.get("/account/")
            #expect(page.status == .ok)
            #expect(page.body.contains("@alice:example.com"))
            for link in ["/account/emails", "/account/password", "/account/sessions", "/account/tokens", "/account/deactivate"] {
                #expect(page.body.contains("href=\"\(link)\""), "missing link to \(link)")
            }
        }
    }

    @Test("/account without the trailing slash is the same page")
    func withoutSlash() async throws {
        try await AccountWorld.with { world in
            try await world.signedInAlice()
            let page = try await world.browser.get("/account")
            #expect(page.status == .ok)
            #expect(page.body.contains("@alice:example.com"))
        }
    }

    @Test("links to pages the configuration turns off are not shown")
    func disabledFeaturesHidden() async throws {
        let options = AccountPageOptions(displayNameChangeAllowed: false, passwordChangeAllowed: false, deactivationAllowed: false)
        try await AccountWorld.with(account: options) { world in
            try await world.signedInAlice()
            let page = try await world.browser.get("/account/")
            #expect(!page.body.contains("href=\"/account/password\""))
            #expect(!page.body.contains("href=\"/account/deactivate\""))
            #expect(!page.body.contains("name=\"display_name\""))
            #expect(try await world.browser.get("/account/password").status == .forbidden)
            #expect(try await world.browser.get("/account/deactivate").status == .forbidden)
        }
    }

    @Test("changing the display name stores it and queues pushing it to the homeserver")
    func setDisplayName() async throws {
        try await AccountWorld.with { world in
            let alice = try await world.signedInAlice()
            let response = try await world.browser.post("/account/display-name", ["csrf": try await world.csrf(), "display_name": "  Alice Liddell "])
            #expect(response.status == .seeOther)
            #expect(response.location == "/account/")
            #expect(try await world.accounts.displayName(of: alice.id) == "Alice Liddell")
            #expect(try await world.queuedJobs().contains(.syncDisplayName(userID: alice.id)))
            #expect(try await world.browser.get("/account/").body.contains("value=\"Alice Liddell\""))
        }
    }

    @Test("an empty display name removes it")
    func clearDisplayName() async throws {
        try await AccountWorld.with { world in
            let alice = try await world.signedInAlice()
            try await world.accounts.setDisplayName(of: alice.id, "Alice")
            _ = try await world.browser.post("/account/display-name", ["csrf": try await world.csrf(), "display_name": ""])
            #expect(try await world.accounts.displayName(of: alice.id) == nil)
        }
    }

    @Test("a display name change without the CSRF token is refused and changes nothing")
    func displayNameNeedsCSRF() async throws {
        try await AccountWorld.with { world in
            let alice = try await world.signedInAlice()
            let response = try await world.browser.post("/account/display-name", ["display_name": "Mallory was here"])
            #expect(response.status == .forbidden)
            #expect(try await world.accounts.displayName(of: alice.id) == nil)
        }
    }

    @Test("a display name longer than the limit is answered on the page")
    func displayNameTooLong() async throws {
        try await AccountWorld.with { world in
            try await world.signedInAlice()
            let response = try await world.browser.post("/account/display-name", ["csrf": try await world.csrf(), "display_name": String(repeating: "a", count: 129)])
            #expect(response.status == .badRequest)
            #expect(response.body.contains("at most 128 characters"))
        }
    }

    @Test("each MSC4191 action lands on its view", arguments: [
        ("org.matrix.devices_list", "/account/sessions"),
        ("org.matrix.sessions_list", "/account/sessions"),
        ("org.matrix.cross_signing_reset", "/account/cross-signing-reset"),
        ("org.matrix.device_view", "/account/sessions"),
    ])
    func actionRedirects(action: String, destination: String) async throws {
        try await AccountWorld.with { world in
            try await world.signedInAlice()
            let response = try await world.browser.get("/account/?action=\(action)")
            #expect(response.status == .seeOther)
            #expect(response.location == destination)
        }
    }

    @Test("org.matrix.profile (and an unknown action) shows the overview")
    func profileAction() async throws {
        try await AccountWorld.with { world in
            try await world.signedInAlice()
            for action in ["org.matrix.profile", "org.example.unknown"] {
                let page = try await world.browser.get("/account/?action=\(action)")
                #expect(page.status == .ok)
                #expect(page.body.contains("@alice:example.com"))
            }
        }
    }

    @Test("device_view and device_delete with a device_id open that device's session, stable and unstable names alike")
    func deviceActions() async throws {
        try await AccountWorld.with { world in
            let alice = try await world.signedInAlice()
            let (oauth, _) = try await world.oauthSession(for: alice, device: "PHONE1")
            let (compat, _) = try await world.compatSession(for: alice, device: "LAPTOP2")
            let cases: [(String, String)] = [
                ("org.matrix.device_view&device_id=PHONE1", "/account/sessions/\(oauth.id)"),
                ("org.matrix.session_view&device_id=LAPTOP2", "/account/sessions/\(compat.id)"),
                ("org.matrix.device_delete&device_id=PHONE1", "/account/sessions/\(oauth.id)/end"),
                ("org.matrix.session_end&device_id=LAPTOP2", "/account/sessions/\(compat.id)/end"),
                ("org.matrix.device_view&device_id=NOSUCHDEVICE", "/account/sessions"),
            ]
            for (query, destination) in cases {
                let response = try await world.browser.get("/account/?action=\(query)")
                #expect(response.location == destination, "\(query)")
            }
        }
    }

    @Test("an action link followed while signed out survives the login")
    func actionSurvivesLogin() async throws {
        try await AccountWorld.with { world in
            try await world.user("alice")
            let response = try await world.browser.get("/account/?action=org.matrix.devices_list")
            let location = try #require(response.location)
            let next = try #require(URLComponents(string: location)?.queryItems?.first { $0.name == "next" }?.value)
            #expect(next == "/account/?action=org.matrix.devices_list")
        }
    }

    @Test("discovery advertises exactly the actions the account page handles")
    func discoveryMatches() throws {
        let metadata = ProviderMetadata.make(settings: OAuthSettings(issuer: "https://auth.example.com/"), signingAlgorithms: [.rs256])
        let data = try metadata.jsonData()
        let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let advertised = try #require(object["account_management_actions_supported"] as? [String])
        #expect(Set(advertised) == Set(AccountManagementAction.supportedNames))
        for name in advertised {
            #expect(AccountManagementAction(name: name, deviceID: "DEV") != nil, "\(name) is advertised but not handled")
        }
        #expect(object["account_management_uri"] as? String == "https://auth.example.com/account/")
    }
}
