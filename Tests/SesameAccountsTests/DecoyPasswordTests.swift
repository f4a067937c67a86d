import SesameAccounts
import SesameModel
import SesameStorage
import Testing

/// Password checks for names that match nobody answer "wrong" the same way a wrong password does.
@Suite("Password checks without an account")
struct DecoyPasswordTests {
    @Test("no user: the check answers false, every time")
    func noUser() async throws {
        try await withAccounts { accounts, _ in
            let first = try await accounts.verifyPassword("anything", for: nil)
            let second = try await accounts.verifyPassword("anything", for: nil)
            #expect(first == false)
            #expect(second == false)
        }
    }

    @Test("a user without a password cannot sign in with any password")
    func passwordless() async throws {
        try await withAccounts { accounts, _ in
            let user = try await accounts.register(username: "sso-only", password: nil, email: nil, canRequestAdmin: false)
            let empty = try await accounts.verifyPassword("", for: user)
            let guess = try await accounts.verifyPassword("guess", for: user)
            #expect(empty == false)
            #expect(guess == false)
        }
    }
}
