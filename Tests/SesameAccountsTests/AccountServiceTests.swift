import Foundation
import Logging
import SesameAccounts
import SesameCrypto
import SesameModel
import SesameStorage
import Testing

/// An account service over a fresh SQLite file; bcrypt cost 4 stands in as the "old" scheme.
func withAccounts(currentVersion: Int = 2, _ body: (AccountService, any Storage) async throws -> Void) async throws {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("sesame-accounts-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    let storage = try await StorageFactory.open(.sqlite(path: folder.appendingPathComponent("db").path), logger: Logger(label: "t"))
    _ = try await storage.migrate()
    let hasher = try PasswordHasher(schemes: [1: .bcrypt(cost: 4), 2: .owaspArgon2id], currentVersion: currentVersion)
    do {
        try await body(AccountService(storage: storage, hasher: hasher, clock: ManualWallClock(step: 0.001)), storage)
        await storage.close()
    } catch {
        await storage.close()
        throw error
    }
}

@Suite("Accounts")
struct AccountServiceTests {
    @Test("a registered user can log in with their password and not with another")
    func registerAndVerify() async throws {
        try await withAccounts { accounts, _ in
            let user = try await accounts.register(username: "alice", password: "correct horse", email: "alice@example.com", canRequestAdmin: false)
            #expect(try await accounts.verifyPassword("correct horse", for: user))
            #expect(try await !accounts.verifyPassword("wrong", for: user))
        }
    }

    @Test("the stored hash is argon2id, never the password")
    func storedAsArgon2() async throws {
        try await withAccounts { accounts, storage in
            let user = try await accounts.register(username: "bob", password: "s3cret-pass", email: nil, canRequestAdmin: false)
            let stored = try #require(try await storage.read { try await $0.passwords.current(for: user.id) })
            #expect(stored.hashedPassword.hasPrefix("$argon2id$v=19$m=19456,t=2,p=1$"))
            #expect(!stored.hashedPassword.contains("s3cret-pass"))
        }
    }

    @Test("logging in with an old-scheme password re-hashes it with the newest scheme")
    func upgradeOnLogin() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("sesame-upgrade-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let storage = try await StorageFactory.open(.sqlite(path: folder.appendingPathComponent("db").path), logger: Logger(label: "t"))
        _ = try await storage.migrate()
        let clock = ManualWallClock()
        let old = AccountService(storage: storage, hasher: try PasswordHasher(schemes: [1: .bcrypt(cost: 4)], currentVersion: 1), clock: clock)
        let user = try await old.register(username: "carol", password: "imported-from-synapse", email: nil, canRequestAdmin: false)
        clock.advance(by: 60)
        let new = AccountService(storage: storage, hasher: try PasswordHasher(schemes: [1: .bcrypt(cost: 4), 2: .owaspArgon2id], currentVersion: 2), clock: clock)
        #expect(try await new.verifyPassword("imported-from-synapse", for: user))
        let current = try #require(try await storage.read { try await $0.passwords.current(for: user.id) })
        await storage.close()
        #expect(current.schemeVersion == 2)
        #expect(current.upgradedFromID != nil)
    }

    @Test("a taken username and an invalid one are refused with their reasons")
    func refusals() async throws {
        try await withAccounts { accounts, _ in
            _ = try await accounts.register(username: "dave", password: nil, email: nil, canRequestAdmin: false)
            await #expect(throws: AccountError.usernameTaken("dave")) {
                _ = try await accounts.register(username: "dave", password: nil, email: nil, canRequestAdmin: false)
            }
            await #expect(throws: AccountError.invalidUsername("Dave!", .invalidCharacter("D"))) {
                _ = try await accounts.register(username: "Dave!", password: nil, email: nil, canRequestAdmin: false)
            }
        }
    }

    @Test("locking and unlocking flips the user's state")
    func locking() async throws {
        try await withAccounts { accounts, _ in
            _ = try await accounts.register(username: "erin", password: nil, email: nil, canRequestAdmin: false)
            #expect(try await accounts.setLocked(username: "erin", true).isActive == false)
            #expect(try await accounts.setLocked(username: "erin", false).isActive == true)
            await #expect(throws: AccountError.userNotFound("nobody")) { try await accounts.setLocked(username: "nobody", true) }
        }
    }

    @Test("a new password replaces the old one")
    func setPassword() async throws {
        try await withAccounts { accounts, _ in
            let user = try await accounts.register(username: "frank", password: "first-password", email: nil, canRequestAdmin: false)
            try await accounts.setPassword(username: "frank", password: "second-password")
            #expect(try await accounts.verifyPassword("second-password", for: user))
            #expect(try await !accounts.verifyPassword("first-password", for: user))
        }
    }
}
