import Foundation

/// The registration answer (RFC 7591 §3.2.1): the client's identifiers, its secret when it has
/// one, and every metadata value as registered.
public struct ClientRegistrationResponse: Encodable, Equatable, Sendable {
    public let clientID: String
    /// When the client was registered, in seconds since 1970.
    public let clientIDIssuedAt: Int
    /// The secret, for clients that authenticate with one; shown only in this response.
    public let clientSecret: String?
    /// `0` (the secret does not expire) whenever a secret is returned.
    public let clientSecretExpiresAt: Int?
    public let metadata: RegisteredClientMetadata
    /// True when an identical earlier public registration was returned instead of a new client.
    /// Not part of the JSON body.
    public let isExistingClient: Bool

    /// The HTTP status to answer with: RFC 7591 §3.2.1 says 201 Created, for a reused client too.
    public var httpStatus: Int { 201 }

    /// The JSON body, keys sorted so the document is stable.
    public func jsonData() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(self)
    }

    private enum CodingKeys: String, CodingKey {
        case clientID = "client_id"
        case clientIDIssuedAt = "client_id_issued_at"
        case clientSecret = "client_secret"
        case clientSecretExpiresAt = "client_secret_expires_at"
    }

    public func encode(to encoder: any Encoder) throws {
        // The metadata members sit beside the identifiers in one flat object.
        try metadata.encode(to: encoder)
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(clientID, forKey: .clientID)
        try container.encode(clientIDIssuedAt, forKey: .clientIDIssuedAt)
        try container.encodeIfPresent(clientSecret, forKey: .clientSecret)
        try container.encodeIfPresent(clientSecretExpiresAt, forKey: .clientSecretExpiresAt)
    }
}
