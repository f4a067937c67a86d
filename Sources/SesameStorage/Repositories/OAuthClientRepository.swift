import SesameModel

/// Registered OAuth clients.
public protocol OAuthClientRepository: Sendable {
    func add(_ client: OAuthClient) async throws
    /// Inserts or replaces the client with the same ID (static clients are re-synced at start).
    func upsert(_ client: OAuthClient) async throws
    func find(id: ClientID) async throws -> OAuthClient?
    func list(page: PageRequest) async throws -> [OAuthClient]
    func delete(id: ClientID) async throws
}
