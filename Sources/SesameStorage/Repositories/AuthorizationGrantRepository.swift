import Foundation
import SesameModel

/// Authorization requests and their codes (stored only as hashes).
public protocol AuthorizationGrantRepository: Sendable {
    /// Stores a grant. A pending grant usually has no code yet (`codeHash` nil): the code is minted
    /// when the user approves, and only its hash is ever stored.
    func add(_ grant: AuthorizationGrant, codeHash: String?) async throws
    func find(id: AuthorizationGrantID) async throws -> AuthorizationGrant?
    func find(codeHash: String) async throws -> AuthorizationGrant?
    /// Marks a pending grant approved, bound to the OAuth session it created, and records the hash of
    /// the code handed to the client (kept when `codeHash` is nil). False if it was not pending.
    func fulfill(id: AuthorizationGrantID, sessionID: OAuthSessionID, codeHash: String?, at date: Date) async throws -> Bool
    /// Marks a fulfilled grant exchanged; false (and nothing written) if it was already exchanged,
    /// so two concurrent uses of one code cannot both win.
    func exchange(id: AuthorizationGrantID, at date: Date) async throws -> Bool
    func cancel(id: AuthorizationGrantID, at date: Date) async throws
}

extension AuthorizationGrantRepository {
    /// Approves a grant whose code hash was stored when it was added.
    public func fulfill(id: AuthorizationGrantID, sessionID: OAuthSessionID, at date: Date) async throws -> Bool {
        try await fulfill(id: id, sessionID: sessionID, codeHash: nil, at: date)
    }
}
