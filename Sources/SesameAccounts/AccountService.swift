import Foundation
import SesameCrypto
import SesameModel
import SesameStorage

/// Account operations shared by the CLI, the web pages and the APIs: registering users, setting and
/// checking passwords (re-hashing with the newest scheme on login), locking, deactivating. Every
/// change the homeserver must know about queues a `HomeserverJob` in the same transaction.
public struct AccountService: Sendable {
    let storage: any Storage
    let hasher: PasswordHasher
    let clock: any WallClock
    private let decoy: DecoyPassword

    /// Creates the service over its collaborators.
    public init(storage: any Storage, hasher: PasswordHasher, clock: any WallClock) {
        self.storage = storage
        self.hasher = hasher
        self.clock = clock
        decoy = DecoyPassword(hasher: hasher)
    }

    /// Creates a user with an optional password and (already confirmed) email address.
    public func register(username: String, password: String?, email: String?, canRequestAdmin: Bool) async throws -> User {
        let name: Username
        switch Username.validate(username) {
        case .success(let valid): name = valid
        case .failure(let problem): throw AccountError.invalidUsername(username, problem)
        }
        if password?.isEmpty == true { throw AccountError.emptyPassword }
        // Hash before opening the transaction: ~70 ms of CPU must not hold the write lock.
        let hashed = try await password.asyncMap { try await hasher.hash($0) }
        let now = clock.now()
        let user = User(id: UserID(date: now), username: name, createdAt: now, canRequestAdmin: canRequestAdmin)
        do {
            try await storage.transaction { repositories in
                try await repositories.users.add(user)
                if let hashed {
                    try await repositories.passwords.add(UserPassword(
                        id: UserPasswordID(date: now), userID: user.id, hashedPassword: hashed.hash,
                        schemeVersion: hashed.version, createdAt: now
                    ))
                }
                if let email {
                    try await repositories.emails.add(UserEmail(id: UserEmailID(date: now), userID: user.id, email: email, createdAt: now, confirmedAt: now))
                }
                try await repositories.jobs.enqueue(try HomeserverJob.provisionUser(userID: user.id).job(at: now))
            }
        } catch StorageError.uniqueViolation {
            throw AccountError.usernameTaken(username)
        }
        return user
    }

    /// Replaces the user's password.
    public func setPassword(username: String, password: String) async throws {
        guard !password.isEmpty else { throw AccountError.emptyPassword }
        let user = try await requireUser(username)
        let hashed = try await hasher.hash(password)
        let now = clock.now()
        try await storage.transaction { repositories in
            try await repositories.passwords.add(UserPassword(
                id: UserPasswordID(date: now), userID: user.id, hashedPassword: hashed.hash, schemeVersion: hashed.version, createdAt: now
            ))
        }
    }

    /// Checks a password for `user`; on success with an outdated scheme, stores a fresh hash.
    /// With no user (the name typed matched nobody) or no stored password, the check still hashes,
    /// so the time taken does not tell which accounts exist.
    public func verifyPassword(_ password: String, for user: User?) async throws -> Bool {
        guard let user, let stored = try await storage.read({ try await $0.passwords.current(for: user.id) }) else {
            await decoy.check(password)
            return false
        }
        switch try await hasher.verify(password, against: HashedPassword(version: stored.schemeVersion, hash: stored.hashedPassword)) {
        case .invalid:
            return false
        case .valid:
            return true
        case .validNeedsRehash:
            let upgraded = try await hasher.hash(password)
            let now = clock.now()
            try await storage.transaction { repositories in
                try await repositories.passwords.add(UserPassword(
                    id: UserPasswordID(date: now), userID: user.id, hashedPassword: upgraded.hash,
                    schemeVersion: upgraded.version, upgradedFromID: stored.id, createdAt: now
                ))
            }
            return true
        }
    }

    /// Locks (true) or unlocks (false) the account; returns the updated user.
    @discardableResult
    public func setLocked(username: String, _ locked: Bool) async throws -> User {
        let user = try await requireUser(username)
        let now = clock.now()
        try await storage.transaction { repositories in
            try await repositories.users.setLocked(id: user.id, at: locked ? now : nil)
            // Synapse keeps a copy of the lock (for its user directory); introspection already refuses the tokens.
            try await repositories.jobs.enqueue(try HomeserverJob.provisionUser(userID: user.id).job(at: now))
        }
        return try await requireUser(username)
    }

    /// Deactivates the account: every session it has ends, and the homeserver deactivates the user
    /// (forgetting their data too when `erase`). Returns the updated user.
    @discardableResult
    public func deactivate(username: String, erase: Bool = false) async throws -> User {
        let user = try await requireUser(username)
        let now = clock.now()
        try await storage.transaction { repositories in
            try await repositories.users.setDeactivated(id: user.id, at: now)
            try await Self.endAllSessions(of: user.id, at: now, in: repositories)
            // Synapse's deactivation deletes every device, so no device sync is needed.
            try await repositories.jobs.enqueue(try HomeserverJob.deactivateUser(userID: user.id, erase: erase).job(at: now))
        }
        return try await requireUser(username)
    }

    /// Reactivates a deactivated account (it signs in afresh; old sessions stay ended). Returns the updated user.
    @discardableResult
    public func reactivate(username: String) async throws -> User {
        let user = try await requireUser(username)
        let now = clock.now()
        try await storage.transaction { repositories in
            try await repositories.users.setDeactivated(id: user.id, at: nil)
            try await repositories.jobs.enqueue(try HomeserverJob.reactivateUser(userID: user.id).job(at: now))
            // Reactivation restores the account but not its profile state; push it again.
            try await repositories.jobs.enqueue(try HomeserverJob.provisionUser(userID: user.id).job(at: now.addingTimeInterval(0.001)))
        }
        return try await requireUser(username)
    }

    /// Ends every browser, OAuth, compatibility and personal session of the user and revokes their tokens.
    static func endAllSessions(of userID: UserID, at now: Date, in repositories: any Repositories) async throws {
        try await repositories.browserSessions.finishAll(for: userID, at: now)
        for session in try await repositories.oauthSessions.list(for: userID, activeOnly: true) {
            try await repositories.oauthSessions.finish(id: session.id, at: now)
            try await repositories.accessTokens.revokeAll(in: session.id, at: now)
            try await repositories.refreshTokens.revokeAll(in: session.id, at: now)
        }
        // The homeserver's deactivation deletes every device, so no device sync is queued here.
        let compat = try await repositories.compatSessions.list(for: userID, activeOnly: true)
        try await CompatSessionTermination.end(compat.map(\.id), of: userID, at: now, in: repositories, devices: .none)
        for session in try await repositories.personalSessions.list(actor: userID) where session.revokedAt == nil {
            try await repositories.personalSessions.revoke(id: session.id, at: now)
            try await repositories.personalAccessTokens.revokeAll(in: session.id, at: now)
        }
    }

    /// Grants or withdraws the right to request admin scopes.
    @discardableResult
    public func setCanRequestAdmin(username: String, _ allowed: Bool) async throws -> User {
        let user = try await requireUser(username)
        try await storage.transaction { try await $0.users.setCanRequestAdmin(id: user.id, allowed) }
        return try await requireUser(username)
    }

    /// The user named `username`, or `AccountError.userNotFound`.
    public func requireUser(_ username: String) async throws -> User {
        guard let user = try await storage.read({ try await $0.users.find(username: username) }) else {
            throw AccountError.userNotFound(username)
        }
        return user
    }
}

extension Optional {
    fileprivate func asyncMap<T>(_ transform: (Wrapped) async throws -> T) async rethrows -> T? {
        guard let value = self else { return nil }
        return try await transform(value)
    }
}

extension AccountService {
    /// Users matching `filter`, one page at a time.
    public func listUsers(_ filter: UserFilter, page: PageRequest) async throws -> [User] {
        try await storage.read { try await $0.users.list(filter, page: page) }
    }
}

/// A display name longer than `AccountService.maximumDisplayNameLength` characters was refused.
public struct DisplayNameTooLong: Error, Equatable, Sendable, CustomStringConvertible {
    public var description: String { "the display name is longer than \(AccountService.maximumDisplayNameLength) characters" }
}

extension AccountService {
    /// The longest display name accepted, in characters (Synapse's limit is 256 bytes of UTF-8).
    public static let maximumDisplayNameLength = 128

    /// The display name the user chose here, if any.
    public func displayName(of userID: UserID) async throws -> String? {
        try await storage.read { try await $0.users.displayName(id: userID) }
    }

    /// Stores the user's display name (nil or blank removes it) and queues pushing it to the
    /// homeserver (`set_displayname` / `unset_displayname`). Returns the name as stored.
    @discardableResult
    public func setDisplayName(of userID: UserID, _ name: String?) async throws -> String? {
        let trimmed = name?.trimmingCharacters(in: .whitespacesAndNewlines)
        let stored = (trimmed?.isEmpty ?? true) ? nil : trimmed
        if let stored, stored.count > Self.maximumDisplayNameLength { throw DisplayNameTooLong() }
        let now = clock.now()
        try await storage.transaction { repositories in
            try await repositories.users.setDisplayName(id: userID, stored)
            try await repositories.jobs.enqueue(try HomeserverJob.syncDisplayName(userID: userID).job(at: now))
        }
        return stored
    }
}
