import Foundation
import SesameAccounts
import SesameModel
import SesameStorage
import Testing

@Suite("Email verification codes")
struct EmailVerificationTests {
    @Test("codes are six digits and only their hash is stored")
    func hashedCode() async throws {
        try await withAccounts { accounts, storage in
            let verifications = EmailVerifications(storage: storage, clock: ManualWallClock())
            let user = try await accounts.register(username: "alice", password: "pw-alice-1", email: nil, canRequestAdmin: false)
            let (verification, code) = try await verifications.start(email: EmailAddress("alice@example.org")!, purpose: .addEmail(user.id))
            #expect(code.count == 6 && code.allSatisfy(\.isNumber))
            let stored = try #require(try await storage.read { try await $0.emailVerifications.find(id: verification.id) })
            #expect(!stored.codeHash.contains(code))
            #expect(stored.codeHash == VerificationCode.hash(code, for: verification.id))
        }
    }

    @Test("the right code is correct, spaces ignored; wrong codes count down to the limit")
    func checkCodes() async throws {
        try await withAccounts { accounts, storage in
            let clock = ManualWallClock()
            let verifications = EmailVerifications(storage: storage, clock: clock)
            let user = try await accounts.register(username: "bob", password: "pw-bob-1", email: nil, canRequestAdmin: false)
            let (verification, code) = try await verifications.start(email: EmailAddress("bob@example.org")!, purpose: .addEmail(user.id))
            let wrong = code == "000000" ? "111111" : "000000"
            #expect(try await verifications.check(id: verification.id, typed: wrong) == .wrongCode(attemptsLeft: 4))
            let spaced = String(code.prefix(3)) + " " + String(code.suffix(3))
            guard case .correct = try await verifications.check(id: verification.id, typed: spaced) else {
                Issue.record("the right code with a space was refused")
                return
            }
            for _ in 1...3 { _ = try await verifications.check(id: verification.id, typed: wrong) }
            #expect(try await verifications.check(id: verification.id, typed: wrong) == .tooManyAttempts)
            #expect(try await verifications.check(id: verification.id, typed: code) == .tooManyAttempts)
        }
    }

    @Test("a code expires after ten minutes; a resend gives a new, working code")
    func expiryAndResend() async throws {
        try await withAccounts { accounts, storage in
            let clock = ManualWallClock()
            let verifications = EmailVerifications(storage: storage, clock: clock)
            let user = try await accounts.register(username: "cy", password: "pw-cy-123", email: nil, canRequestAdmin: false)
            let (verification, code) = try await verifications.start(email: EmailAddress("cy@example.org")!, purpose: .addEmail(user.id))
            clock.advance(by: EmailVerification.lifetime)
            #expect(try await verifications.check(id: verification.id, typed: code) == .expired)
            let (_, fresh) = try #require(try await verifications.resend(id: verification.id))
            guard case .correct = try await verifications.check(id: verification.id, typed: fresh) else {
                Issue.record("the resent code was refused")
                return
            }
        }
    }

    @Test("adding a verified address consumes the verification: the same code cannot add it twice")
    func singleUse() async throws {
        try await withAccounts { accounts, storage in
            let verifications = EmailVerifications(storage: storage, clock: ManualWallClock())
            let user = try await accounts.register(username: "dee", password: "pw-dee-123", email: nil, canRequestAdmin: false)
            let (verification, code) = try await verifications.start(email: EmailAddress("dee@example.org")!, purpose: .addEmail(user.id))
            guard case .correct(let verified) = try await verifications.check(id: verification.id, typed: code) else {
                Issue.record("the right code was refused")
                return
            }
            try await accounts.addVerifiedEmail(verified, to: user.id)
            await #expect(throws: RegistrationError.alreadyCompleted) { try await accounts.addVerifiedEmail(verified, to: user.id) }
            #expect(try await verifications.check(id: verification.id, typed: code) == .alreadyUsed)
            #expect(try await accounts.emails(of: user.id).map(\.email) == ["dee@example.org"])
        }
    }

    @Test("email addresses: header-injection characters and malformed domains are refused")
    func addresses() {
        #expect(EmailAddress(" carol@example.org ")?.rawValue == "carol@example.org")
        #expect(EmailAddress("carol@example.org\r\nBcc: x@evil.example") == nil)
        #expect(EmailAddress("carol@localhost") == nil)
        #expect(EmailAddress("carol@@example.org") == nil)
        #expect(EmailAddress("<carol@example.org>") == nil)
        #expect(EmailAddress("@example.org") == nil)
    }
}
