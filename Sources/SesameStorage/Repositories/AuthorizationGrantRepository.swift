import Foundation
import SesameModel

/// Authorization requests and their codes (stored only as hashes).
public protocol AuthorizationGrantRepository: Sendable {
    /// Stores a pending grant with the hash of the code it will hand out.
    func add(_ grant: AuthorizationGrant, codeHash: String) async throws
    func find(id: AuthorizationGrantID) async throws -> AuthorizationGrant?
    func find(codeHash: String) async throws -> AuthorizationGrant?
    /// Marks a pending grant approved, bound to the OAuth session it created. False if it was not pending.
    func fulfill(id: AuthorizationGrantID, sessionID: OAuthSessionID, at date: Date) async throws -> Bool
    /// Marks a fulfilled grant exchanged; false (and nothing written) if it was already exchanged,
    /// so two concurrent uses of one code cannot both win.
    func exchange(id: AuthorizationGrantID, at date: Date) async throws -> Bool
    func cancel(id: AuthorizationGrantID, at date: Date) async throws
}
