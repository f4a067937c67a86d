import SesameModel

/// Registered OAuth clients.
public protocol OAuthClientRepository: Sendable {
    func add(_ client: OAuthClient) async throws
    /// Inserts or replaces the client with the same ID (static clients are re-synced at start).
    func upsert(_ client: OAuthClient) async throws
    func find(id: ClientID) async throws -> OAuthClient?
    /// Stores a dynamically registered client under a digest of its registered metadata, so an
    /// identical registration later finds it with ``find(metadataDigest:)``; a taken digest is a
    /// `StorageError.uniqueViolation`.
    func add(_ client: OAuthClient, metadataDigest: String) async throws
    /// The client stored under `metadataDigest` by ``add(_:metadataDigest:)``, if any.
    func find(metadataDigest: String) async throws -> OAuthClient?
    func list(page: PageRequest) async throws -> [OAuthClient]
    /// How many clients are registered (static and dynamic).
    func count() async throws -> Int
    func delete(id: ClientID) async throws
}
