import Foundation
import SesameAccounts
import SesameModel
import SesameStorage
import Testing

/// Review findings on password recovery (AccountService+Recovery).
@Suite("Review: recovery links follow the address they were sent to")
struct ReviewRecoveryTests {
    @Test("a recovery link stops working once its address is removed from the account (as in MAS)")
    func removedAddress() async throws {
        try await withAccounts { accounts, _ in
            let user = try await accounts.register(username: "hal", password: "pw-hal-123", email: "hal@example.org", canRequestAdmin: false)
            let email = try #require(EmailAddress("hal@example.org"))
            let (secret, _) = try #require(try await accounts.startPasswordRecovery(email: email))
            guard case .usable = try await accounts.recoveryTicket(secret: secret) else {
                Issue.record("a fresh link to a confirmed address was refused")
                return
            }
            let address = try #require(try await accounts.emails(of: user.id).first)
            #expect(try await accounts.removeEmail(address.id, of: user.id))
            guard case .unknown = try await accounts.recoveryTicket(secret: secret) else {
                Issue.record("the link still sets a password after its address left the account")
                return
            }
        }
    }

    @Test("the link keeps working when the address is still the user's, whatever its case")
    func addressKept() async throws {
        try await withAccounts { accounts, _ in
            _ = try await accounts.register(username: "ivy", password: "pw-ivy-123", email: "Ivy@Example.org", canRequestAdmin: false)
            let email = try #require(EmailAddress("ivy@example.org"))
            let (secret, _) = try #require(try await accounts.startPasswordRecovery(email: email))
            guard case .usable = try await accounts.recoveryTicket(secret: secret) else {
                Issue.record("a link to the user's own address was refused")
                return
            }
        }
    }
}
