import Foundation
import SesameModel
import Testing

@Suite("Token and session state")
struct TokenStateTests {
    let now = Date(timeIntervalSince1970: 1_800_000_000)

    @Test("an access token is valid until it expires or is revoked")
    func accessTokenValidity() {
        var token = AccessToken(id: AccessTokenID(date: now), sessionID: OAuthSessionID(date: now), createdAt: now, expiresAt: now.addingTimeInterval(300))
        #expect(token.isValid(at: now.addingTimeInterval(299)))
        #expect(!token.isValid(at: now.addingTimeInterval(300)))
        token.revokedAt = now
        #expect(!token.isValid(at: now))
    }

    @Test("a registration token stops at its usage limit and expiry")
    func registrationToken() {
        var token = RegistrationToken(id: RegistrationTokenID(date: now), token: "invite", usageLimit: 2, timesUsed: 1, createdAt: now, expiresAt: now.addingTimeInterval(60))
        #expect(token.isUsable(at: now))
        #expect(!token.isUsable(at: now.addingTimeInterval(60)))
        token.timesUsed = 2
        #expect(!token.isUsable(at: now))
    }

    @Test("a locked or deactivated user is not active")
    func userActivity() throws {
        var user = User(id: UserID(date: now), username: try #require(Username("alice")), createdAt: now)
        #expect(user.isActive)
        user.lockedAt = now
        #expect(!user.isActive)
        user.lockedAt = nil
        user.deactivatedAt = now
        #expect(!user.isActive)
    }
}
