import Foundation
import SesameModel
import SesameStorage
import Testing

@Suite("Compat tokens")
struct CompatTokenRepositoryTests {
    let fixtures = Fixtures()

    @Test("a stored compat access token reads back by its hash", arguments: TestBackend.available)
    func accessTokenRoundTrip(backend: TestBackend) async throws {
        let user = fixtures.user()
        let session = compatSession(user)
        let now = fixtures.clock.now()
        let token = CompatAccessToken(
            id: CompatAccessTokenID(date: now), sessionID: session.id, createdAt: now,
            expiresAt: now.addingTimeInterval(300), revokedAt: now.addingTimeInterval(100)
        )
        let hash = fixtures.tokenHash()
        try await withFreshStorage(backend) { storage in
            try await storage.transaction { repositories in
                try await addSession(repositories, user: user, session: session)
                try await repositories.compatAccessTokens.add(token, tokenHash: hash)
            }
            let found = try await storage.read { try await $0.compatAccessTokens.find(tokenHash: hash) }
            let unknown = try await storage.read { try await $0.compatAccessTokens.find(tokenHash: fixtures.tokenHash()) }
            #expect(found == token)
            #expect(unknown == nil)
        }
    }

    @Test("an access token without expiry reads back without expiry", arguments: TestBackend.available)
    func accessTokenWithoutExpiry(backend: TestBackend) async throws {
        let user = fixtures.user()
        let session = compatSession(user)
        let token = accessToken(session)
        let hash = fixtures.tokenHash()
        try await withFreshStorage(backend) { storage in
            try await storage.transaction { repositories in
                try await addSession(repositories, user: user, session: session)
                try await repositories.compatAccessTokens.add(token, tokenHash: hash)
            }
            let found = try await storage.read { try await $0.compatAccessTokens.find(tokenHash: hash) }
            #expect(found == token)
            #expect(found?.expiresAt == nil)
        }
    }

    @Test("revoking an access token stamps it and keeps the first time", arguments: TestBackend.available)
    func revokeAccessToken(backend: TestBackend) async throws {
        let user = fixtures.user()
        let session = compatSession(user)
        let token = accessToken(session)
        let hash = fixtures.tokenHash()
        let revokedAt = fixtures.clock.now().addingTimeInterval(10)
        try await withFreshStorage(backend) { storage in
            try await storage.transaction { repositories in
                try await addSession(repositories, user: user, session: session)
                try await repositories.compatAccessTokens.add(token, tokenHash: hash)
            }
            try await storage.transaction { try await $0.compatAccessTokens.revoke(id: token.id, at: revokedAt) }
            try await storage.transaction { try await $0.compatAccessTokens.revoke(id: token.id, at: revokedAt.addingTimeInterval(10)) }
            let found = try await storage.read { try await $0.compatAccessTokens.find(tokenHash: hash) }
            #expect(found?.revokedAt == revokedAt)
        }
    }

    @Test("revoking a session's access tokens leaves other sessions' tokens alone", arguments: TestBackend.available)
    func revokeAllAccessTokens(backend: TestBackend) async throws {
        let user = fixtures.user()
        let phone = compatSession(user, device: "PHONE")
        let laptop = compatSession(user, device: "LAPTOP")
        let phoneTokens = [accessToken(phone), accessToken(phone)]
        let laptopToken = accessToken(laptop)
        let hashes = [fixtures.tokenHash(), fixtures.tokenHash(), fixtures.tokenHash()]
        let revokedAt = fixtures.clock.now().addingTimeInterval(10)
        try await withFreshStorage(backend) { storage in
            try await storage.transaction { repositories in
                try await addSession(repositories, user: user, session: phone)
                try await repositories.compatSessions.add(laptop)
                try await repositories.compatAccessTokens.add(phoneTokens[0], tokenHash: hashes[0])
                try await repositories.compatAccessTokens.add(phoneTokens[1], tokenHash: hashes[1])
                try await repositories.compatAccessTokens.add(laptopToken, tokenHash: hashes[2])
            }
            try await storage.transaction { try await $0.compatAccessTokens.revokeAll(in: phone.id, at: revokedAt) }
            let found = try await storage.read { repositories in
                var tokens: [CompatAccessToken?] = []
                for hash in hashes { tokens.append(try await repositories.compatAccessTokens.find(tokenHash: hash)) }
                return tokens
            }
            #expect(found.map { $0?.revokedAt } == [revokedAt, revokedAt, nil])
        }
    }

    @Test("a stored compat refresh token reads back by its hash", arguments: TestBackend.available)
    func refreshTokenRoundTrip(backend: TestBackend) async throws {
        let user = fixtures.user()
        let session = compatSession(user)
        let access = accessToken(session)
        let now = fixtures.clock.now()
        let token = CompatRefreshToken(
            id: CompatRefreshTokenID(date: now), sessionID: session.id, accessTokenID: access.id, createdAt: now,
            consumedAt: now.addingTimeInterval(20), revokedAt: now.addingTimeInterval(40)
        )
        let hash = fixtures.tokenHash()
        try await withFreshStorage(backend) { storage in
            try await storage.transaction { repositories in
                try await addSession(repositories, user: user, session: session)
                try await repositories.compatAccessTokens.add(access, tokenHash: fixtures.tokenHash())
                try await repositories.compatRefreshTokens.add(token, tokenHash: hash)
            }
            let found = try await storage.read { try await $0.compatRefreshTokens.find(tokenHash: hash) }
            let unknown = try await storage.read { try await $0.compatRefreshTokens.find(tokenHash: fixtures.tokenHash()) }
            #expect(found == token)
            #expect(unknown == nil)
        }
    }

    @Test("a refresh token is consumed exactly once", arguments: TestBackend.available)
    func consumeOnce(backend: TestBackend) async throws {
        let user = fixtures.user()
        let session = compatSession(user)
        let access = accessToken(session)
        let token = refreshToken(session, access)
        let hash = fixtures.tokenHash()
        let consumedAt = fixtures.clock.now().addingTimeInterval(10)
        try await withFreshStorage(backend) { storage in
            try await storage.transaction { repositories in
                try await addSession(repositories, user: user, session: session)
                try await repositories.compatAccessTokens.add(access, tokenHash: fixtures.tokenHash())
                try await repositories.compatRefreshTokens.add(token, tokenHash: hash)
            }
            let first = try await storage.transaction { try await $0.compatRefreshTokens.consume(id: token.id, at: consumedAt) }
            let second = try await storage.transaction { try await $0.compatRefreshTokens.consume(id: token.id, at: consumedAt.addingTimeInterval(1)) }
            let found = try await storage.read { try await $0.compatRefreshTokens.find(tokenHash: hash) }
            #expect(first)
            #expect(!second)
            #expect(found?.consumedAt == consumedAt)
        }
    }

    @Test("a revoked refresh token cannot be consumed", arguments: TestBackend.available)
    func consumeRevoked(backend: TestBackend) async throws {
        let user = fixtures.user()
        let session = compatSession(user)
        let access = accessToken(session)
        let token = refreshToken(session, access)
        let hash = fixtures.tokenHash()
        let now = fixtures.clock.now()
        try await withFreshStorage(backend) { storage in
            try await storage.transaction { repositories in
                try await addSession(repositories, user: user, session: session)
                try await repositories.compatAccessTokens.add(access, tokenHash: fixtures.tokenHash())
                try await repositories.compatRefreshTokens.add(token, tokenHash: hash)
                try await repositories.compatRefreshTokens.revokeAll(in: session.id, at: now)
            }
            let consumed = try await storage.transaction { try await $0.compatRefreshTokens.consume(id: token.id, at: now) }
            let found = try await storage.read { try await $0.compatRefreshTokens.find(tokenHash: hash) }
            #expect(!consumed)
            #expect(found?.consumedAt == nil)
        }
    }

    @Test("revoking a session's refresh tokens leaves other sessions' tokens alone", arguments: TestBackend.available)
    func revokeAllRefreshTokens(backend: TestBackend) async throws {
        let user = fixtures.user()
        let phone = compatSession(user, device: "PHONE")
        let laptop = compatSession(user, device: "LAPTOP")
        let phoneAccess = accessToken(phone)
        let laptopAccess = accessToken(laptop)
        let phoneRefresh = refreshToken(phone, phoneAccess)
        let laptopRefresh = refreshToken(laptop, laptopAccess)
        let phoneHash = fixtures.tokenHash()
        let laptopHash = fixtures.tokenHash()
        let revokedAt = fixtures.clock.now().addingTimeInterval(10)
        try await withFreshStorage(backend) { storage in
            try await storage.transaction { repositories in
                try await addSession(repositories, user: user, session: phone)
                try await repositories.compatSessions.add(laptop)
                try await repositories.compatAccessTokens.add(phoneAccess, tokenHash: fixtures.tokenHash())
                try await repositories.compatAccessTokens.add(laptopAccess, tokenHash: fixtures.tokenHash())
                try await repositories.compatRefreshTokens.add(phoneRefresh, tokenHash: phoneHash)
                try await repositories.compatRefreshTokens.add(laptopRefresh, tokenHash: laptopHash)
            }
            try await storage.transaction { try await $0.compatRefreshTokens.revokeAll(in: phone.id, at: revokedAt) }
            let phoneFound = try await storage.read { try await $0.compatRefreshTokens.find(tokenHash: phoneHash) }
            let laptopFound = try await storage.read { try await $0.compatRefreshTokens.find(tokenHash: laptopHash) }
            #expect(phoneFound?.revokedAt == revokedAt)
            #expect(laptopFound?.revokedAt == nil)
        }
    }

    @Test("a token hash already stored is refused as a unique violation", arguments: TestBackend.available)
    func duplicateHash(backend: TestBackend) async throws {
        let user = fixtures.user()
        let session = compatSession(user)
        let first = accessToken(session)
        let second = accessToken(session)
        let hash = fixtures.tokenHash()
        try await withFreshStorage(backend) { storage in
            try await storage.transaction { repositories in
                try await addSession(repositories, user: user, session: session)
                try await repositories.compatAccessTokens.add(first, tokenHash: hash)
            }
            await #expect(throws: StorageError.self) {
                try await storage.transaction { try await $0.compatAccessTokens.add(second, tokenHash: hash) }
            }
        }
    }

    // MARK: - Setup

    private func compatSession(_ user: User, device: String = "PHONE") -> CompatSession {
        CompatSession(id: CompatSessionID(date: fixtures.clock.now()), userID: user.id, deviceID: DeviceID(device)!, createdAt: fixtures.clock.now())
    }

    private func accessToken(_ session: CompatSession) -> CompatAccessToken {
        CompatAccessToken(id: CompatAccessTokenID(date: fixtures.clock.now()), sessionID: session.id, createdAt: fixtures.clock.now(), expiresAt: nil)
    }

    private func refreshToken(_ session: CompatSession, _ access: CompatAccessToken) -> CompatRefreshToken {
        CompatRefreshToken(id: CompatRefreshTokenID(date: fixtures.clock.now()), sessionID: session.id, accessTokenID: access.id, createdAt: fixtures.clock.now())
    }

    private func addSession(_ repositories: any Repositories, user: User, session: CompatSession) async throws {
        try await repositories.users.add(user)
        try await repositories.compatSessions.add(session)
    }
}
