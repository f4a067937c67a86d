import Foundation
import SesameModel
import SesameStorage
import Testing

@Suite("Email verifications, pending registrations and recovery tickets")
struct EmailVerificationRepositoryTests {
    let fixtures = Fixtures()

    @Test("a verification for adding an address reads back with every field", arguments: TestBackend.available)
    func addEmailRoundTrip(backend: TestBackend) async throws {
        let alice = fixtures.user()
        let verification = makeVerification(purpose: .addEmail(alice.id), failedAttempts: 2)
        try await withFreshStorage(backend) { storage in
            try await storage.transaction { repositories in
                try await repositories.users.add(alice)
                try await repositories.emailVerifications.add(verification)
            }
            let found = try await storage.read { try await $0.emailVerifications.find(id: verification.id) }
            #expect(found == verification)
        }
    }

    @Test("a registration waiting for its code and its verification read back", arguments: TestBackend.available)
    func registrationRoundTrip(backend: TestBackend) async throws {
        let registration = makeRegistration()
        let verification = makeVerification(purpose: .registration(registration.id))
        try await withFreshStorage(backend) { storage in
            try await storage.transaction { repositories in
                try await repositories.pendingRegistrations.add(registration)
                try await repositories.emailVerifications.add(verification)
            }
            let foundRegistration = try await storage.read { try await $0.pendingRegistrations.find(id: registration.id) }
            let foundVerification = try await storage.read { try await $0.emailVerifications.find(id: verification.id) }
            #expect(foundRegistration == registration)
            #expect(foundVerification?.purpose == .registration(registration.id))
        }
    }

    @Test("a registration completes once", arguments: TestBackend.available)
    func registrationCompletesOnce(backend: TestBackend) async throws {
        let registration = makeRegistration()
        let now = fixtures.clock.now()
        try await withFreshStorage(backend) { storage in
            try await storage.transaction { try await $0.pendingRegistrations.add(registration) }
            let first = try await storage.transaction { try await $0.pendingRegistrations.complete(id: registration.id, at: now) }
            let second = try await storage.transaction { try await $0.pendingRegistrations.complete(id: registration.id, at: now.addingTimeInterval(1)) }
            let found = try await storage.read { try await $0.pendingRegistrations.find(id: registration.id) }
            #expect(first)
            #expect(!second)
            #expect(found?.completedAt == now)
        }
    }

    @Test("a verification is consumed once, and not after it expired", arguments: TestBackend.available)
    func consumeOnceBeforeExpiry(backend: TestBackend) async throws {
        let registration = makeRegistration()
        let live = makeVerification(purpose: .registration(registration.id))
        let late = makeVerification(purpose: .registration(registration.id))
        try await withFreshStorage(backend) { storage in
            try await storage.transaction { repositories in
                try await repositories.pendingRegistrations.add(registration)
                try await repositories.emailVerifications.add(live)
                try await repositories.emailVerifications.add(late)
            }
            let now = live.createdAt.addingTimeInterval(60)
            let first = try await storage.transaction { try await $0.emailVerifications.consume(id: live.id, at: now) }
            let again = try await storage.transaction { try await $0.emailVerifications.consume(id: live.id, at: now) }
            let expired = try await storage.transaction { try await $0.emailVerifications.consume(id: late.id, at: late.expiresAt) }
            #expect(first)
            #expect(!again)
            #expect(!expired)
            #expect(try await storage.read { try await $0.emailVerifications.find(id: live.id) }?.consumedAt == now)
        }
    }

    @Test("five wrong codes lock the verification until a resend replaces the code", arguments: TestBackend.available)
    func attemptsAndResend(backend: TestBackend) async throws {
        let registration = makeRegistration()
        let verification = makeVerification(purpose: .registration(registration.id))
        try await withFreshStorage(backend) { storage in
            try await storage.transaction { repositories in
                try await repositories.pendingRegistrations.add(registration)
                try await repositories.emailVerifications.add(verification)
            }
            var counts: [Int?] = []
            for _ in 1...EmailVerification.maximumAttempts {
                counts.append(try await storage.transaction { try await $0.emailVerifications.recordFailedAttempt(id: verification.id) })
            }
            let now = verification.createdAt.addingTimeInterval(30)
            let whileLocked = try await storage.transaction { try await $0.emailVerifications.consume(id: verification.id, at: now) }
            let newExpiry = now.addingTimeInterval(EmailVerification.lifetime)
            try await storage.transaction { try await $0.emailVerifications.replaceCode(id: verification.id, codeHash: "new-hash", expiresAt: newExpiry) }
            let resent = try #require(try await storage.read { try await $0.emailVerifications.find(id: verification.id) })
            let afterResend = try await storage.transaction { try await $0.emailVerifications.consume(id: verification.id, at: now) }
            #expect(counts == [1, 2, 3, 4, 5])
            #expect(!whileLocked)
            #expect(resent.codeHash == "new-hash")
            #expect(resent.failedAttempts == 0)
            #expect(resent.expiresAt == newExpiry)
            #expect(afterResend)
        }
    }

    @Test("a recovery ticket is found by its hash and used once, never after expiry", arguments: TestBackend.available)
    func recoveryTicket(backend: TestBackend) async throws {
        let alice = fixtures.user()
        let now = fixtures.clock.now()
        let ticket = PasswordRecoveryTicket(
            id: PasswordRecoveryTicketID(date: now), userID: alice.id, email: "alice@example.com", ticketHash: fixtures.tokenHash(),
            createdAt: now, expiresAt: now.addingTimeInterval(PasswordRecoveryTicket.lifetime)
        )
        let stale = PasswordRecoveryTicket(
            id: PasswordRecoveryTicketID(date: now), userID: alice.id, email: "alice@example.com", ticketHash: fixtures.tokenHash(),
            createdAt: now, expiresAt: now.addingTimeInterval(60)
        )
        try await withFreshStorage(backend) { storage in
            try await storage.transaction { repositories in
                try await repositories.users.add(alice)
                try await repositories.passwordRecoveryTickets.add(ticket)
                try await repositories.passwordRecoveryTickets.add(stale)
            }
            let found = try await storage.read { try await $0.passwordRecoveryTickets.find(ticketHash: ticket.ticketHash) }
            let unknown = try await storage.read { try await $0.passwordRecoveryTickets.find(ticketHash: fixtures.tokenHash()) }
            let first = try await storage.transaction { try await $0.passwordRecoveryTickets.use(id: ticket.id, at: now.addingTimeInterval(5)) }
            let second = try await storage.transaction { try await $0.passwordRecoveryTickets.use(id: ticket.id, at: now.addingTimeInterval(6)) }
            let expired = try await storage.transaction { try await $0.passwordRecoveryTickets.use(id: stale.id, at: now.addingTimeInterval(60)) }
            #expect(found == ticket)
            #expect(unknown == nil)
            #expect(first)
            #expect(!second)
            #expect(!expired)
        }
    }

    @Test("two tickets with the same hash are refused as a unique violation", arguments: TestBackend.available)
    func duplicateTicketHash(backend: TestBackend) async throws {
        let alice = fixtures.user()
        let now = fixtures.clock.now()
        let hash = fixtures.tokenHash()
        func ticket() -> PasswordRecoveryTicket {
            PasswordRecoveryTicket(
                id: PasswordRecoveryTicketID(date: now), userID: alice.id, email: "a@example.com", ticketHash: hash, createdAt: now,
                expiresAt: now.addingTimeInterval(60)
            )
        }
        let first = ticket()
        let second = ticket()
        try await withFreshStorage(backend) { storage in
            try await storage.transaction { repositories in
                try await repositories.users.add(alice)
                try await repositories.passwordRecoveryTickets.add(first)
            }
            await #expect(throws: StorageError.self) {
                try await storage.transaction { try await $0.passwordRecoveryTickets.add(second) }
            }
        }
    }

    private func makeRegistration() -> PendingRegistration {
        let now = fixtures.clock.now()
        return PendingRegistration(
            id: PendingRegistrationID(date: now), username: Username("carol")!, hashedPassword: "$argon2id$v=19$m=19456,t=2,p=1$c2FsdA$aGFzaA",
            passwordSchemeVersion: 1, email: "Carol@Example.com", next: "/consent/01JXYZ", createdAt: now,
            expiresAt: now.addingTimeInterval(PendingRegistration.lifetime)
        )
    }

    private func makeVerification(purpose: EmailVerification.Purpose, failedAttempts: Int = 0) -> EmailVerification {
        let now = fixtures.clock.now()
        return EmailVerification(
            id: EmailVerificationID(date: now), email: "Carol@Example.com", purpose: purpose, codeHash: fixtures.tokenHash(),
            failedAttempts: failedAttempts, createdAt: now, expiresAt: now.addingTimeInterval(EmailVerification.lifetime)
        )
    }
}
