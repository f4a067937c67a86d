import Foundation
import HummingbirdTesting
import SesameAPI
import SesameAccounts
import SesameModel
import Testing

/// `setPasswordByRecovery`, as MAS's: someone who is not signed in sets a new password with the
/// secret of a mailed recovery link, and gets a status for each way that can fail.
@Suite struct GraphQLRecoveryTests {
    static let recover = """
        mutation($ticket: String!, $password: String!) { setPasswordByRecovery(input: { ticket: $ticket, newPassword: $password }) { status } }
        """
    static let strong = "Quasar-xylophone-Tr0ubadour-91"

    static var recoveryAllowed: SiteConfiguration {
        var site = SiteConfiguration(serverName: "example.com")
        site.accountRecoveryAllowed = true
        return site
    }

    /// A user with a confirmed address and the secret of a fresh recovery link for it.
    static func userWithTicket(_ h: AdminHarness) async throws -> (User, String) {
        let alice = try await h.user("alice")
        let now = h.clock.now()
        let email = UserEmail(id: UserEmailID(date: now), userID: alice.id, email: "alice@example.com", createdAt: now, confirmedAt: now)
        try await h.storage.transaction { try await $0.emails.add(email) }
        let started = try await h.accounts.startPasswordRecovery(email: try #require(EmailAddress("alice@example.com")))
        return (alice, try #require(started).secret)
    }

    @Test func aValidTicketSetsThePasswordOnce() async throws {
        try await GraphQLHarness.with(site: Self.recoveryAllowed) { h, client in
            let (alice, secret) = try await Self.userWithTicket(h)
            func status(_ ticket: String, _ password: String) async throws -> String? {
                try await client.graphql(Self.recover, variables: ["ticket": ticket, "password": password])["data.setPasswordByRecovery.status"] as? String
            }
            #expect(try await status(secret, "password") == "INVALID_NEW_PASSWORD")
            #expect(try await status("not-a-ticket", Self.strong) == "NO_SUCH_RECOVERY_TICKET")
            #expect(try await status(secret, Self.strong) == "ALLOWED")
            #expect(try await h.accounts.verifyPassword(Self.strong, for: alice))
            #expect(try await status(secret, Self.strong + "x") == "RECOVERY_TICKET_ALREADY_USED")
            #expect(try await h.accounts.verifyPassword(Self.strong, for: alice))
        }
    }

    @Test func anExpiredTicketIsRefused() async throws {
        try await GraphQLHarness.with(site: Self.recoveryAllowed) { h, client in
            let (_, secret) = try await Self.userWithTicket(h)
            h.clock.advance(by: PasswordRecoveryTicket.lifetime + 1)
            let answer = try await client.graphql(Self.recover, variables: ["ticket": secret, "password": Self.strong])
            #expect(answer["data.setPasswordByRecovery.status"] as? String == "EXPIRED_RECOVERY_TICKET")
        }
    }

    @Test func recoveryIsRefusedWhenTheServerDisallowsItOrTheCallerIsSignedIn() async throws {
        try await GraphQLHarness.with { h, client in
            let (alice, secret) = try await Self.userWithTicket(h)
            let disabled = try await client.graphql(Self.recover, variables: ["ticket": secret, "password": Self.strong])
            #expect(disabled["data.setPasswordByRecovery.status"] as? String == "PASSWORD_CHANGES_DISABLED")
            let token = try await h.token(user: alice, scope: [MatrixScope.masGraphQL])
            let signedIn = try await client.graphql(Self.recover, variables: ["ticket": secret, "password": Self.strong], as: .bearer(token))
            #expect(signedIn.errorMessage == "Account recovery is only for anonymous users.")
            #expect(try await !h.accounts.verifyPassword(Self.strong, for: alice))
        }
    }

    static let resend = "mutation($ticket: String!) { resendRecoveryEmail(input: { ticket: $ticket }) { status progressUrl } }"

    @Test func anExpiredTicketGetsAFreshLinkThatWorks() async throws {
        let links = RecordingRecoveryLinkSender(limit: 2)
        try await GraphQLHarness.with(site: Self.recoveryAllowed, recoveryLinks: links) { h, client in
            let (alice, stale) = try await Self.userWithTicket(h)
            h.clock.advance(by: PasswordRecoveryTicket.lifetime + 1)
            let resent = try await client.graphql(Self.resend, variables: ["ticket": stale])
            #expect(resent["data.resendRecoveryEmail.status"] as? String == "SENT")
            #expect(resent["data.resendRecoveryEmail.progressUrl"] is NSNull)
            let fresh = try #require(links.sent.first)
            #expect(fresh.to == "alice@example.com")
            #expect(fresh.secret != stale)
            let recovered = try await client.graphql(Self.recover, variables: ["ticket": fresh.secret, "password": Self.strong])
            #expect(recovered["data.setPasswordByRecovery.status"] as? String == "ALLOWED")
            #expect(try await h.accounts.verifyPassword(Self.strong, for: alice))
        }
    }

    @Test func resendingIsRefusedForUnknownTicketsAndTooOften() async throws {
        let links = RecordingRecoveryLinkSender(limit: 1)
        try await GraphQLHarness.with(site: Self.recoveryAllowed, recoveryLinks: links) { h, client in
            let (_, ticket) = try await Self.userWithTicket(h)
            func status(_ ticket: String) async throws -> String? {
                try await client.graphql(Self.resend, variables: ["ticket": ticket])["data.resendRecoveryEmail.status"] as? String
            }
            #expect(try await status("no-such-ticket") == "NO_SUCH_RECOVERY_TICKET")
            #expect(try await status(ticket) == "SENT")
            #expect(try await status(ticket) == "RATE_LIMITED")
            #expect(links.sent.count == 1)
        }
    }
}
