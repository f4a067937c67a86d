import Foundation
import SesameAccounts
import SesameModel
import SesameStorage
import Testing

/// Review findings on the 6-digit code checks (EmailVerifications).
@Suite("Review: the five-guess limit on a mailed code holds under concurrency")
struct ReviewVerificationTests {
    @Test("forty wrong codes sent at once are compared at most five times")
    func concurrentGuesses() async throws {
        try await withAccounts { accounts, storage in
            let verifications = EmailVerifications(storage: storage, clock: ManualWallClock())
            let user = try await accounts.register(username: "jay", password: "pw-jay-123", email: nil, canRequestAdmin: false)
            let email = try #require(EmailAddress("jay@example.org"))
            let (verification, code) = try await verifications.start(email: email, purpose: .addEmail(user.id))
            let guesses = (0..<1000).map { String(format: "%06d", $0) }.filter { $0 != code }.prefix(40)
            let outcomes = try await withThrowingTaskGroup(of: EmailVerifications.Outcome.self) { group in
                for guess in guesses { group.addTask { try await verifications.check(id: verification.id, typed: guess) } }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            let stored = try #require(try await storage.read { try await $0.emailVerifications.find(id: verification.id) })
            // Every compared guess is counted, so the stored count is how many guesses were compared.
            #expect(stored.failedAttempts <= EmailVerification.maximumAttempts)
            let answeredWrong = outcomes.filter { if case .wrongCode = $0 { true } else { false } }.count
            #expect(answeredWrong <= EmailVerification.maximumAttempts - 1)
            // And the right code no longer helps.
            #expect(try await verifications.check(id: verification.id, typed: code) == .tooManyAttempts)
        }
    }

    @Test("the right code on the fifth and last try still works, once")
    func lastTry() async throws {
        try await withAccounts { accounts, storage in
            let verifications = EmailVerifications(storage: storage, clock: ManualWallClock())
            let user = try await accounts.register(username: "kim", password: "pw-kim-123", email: nil, canRequestAdmin: false)
            let email = try #require(EmailAddress("kim@example.org"))
            let (verification, code) = try await verifications.start(email: email, purpose: .addEmail(user.id))
            let wrong = code == "000000" ? "111111" : "000000"
            for left in (1..<EmailVerification.maximumAttempts).reversed() {
                #expect(try await verifications.check(id: verification.id, typed: wrong) == .wrongCode(attemptsLeft: left))
            }
            guard case .correct(let verified) = try await verifications.check(id: verification.id, typed: code) else {
                Issue.record("the right code on the last try was refused")
                return
            }
            try await accounts.addVerifiedEmail(verified, to: user.id)
            #expect(try await accounts.emails(of: user.id).map(\.email) == ["kim@example.org"])
        }
    }
}
