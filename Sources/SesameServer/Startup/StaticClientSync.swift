import Foundation
import SesameCrypto
import SesameModel
import SesameStorage

/// Writes the config file's `clients` into the database at start, so static clients are looked up
/// exactly like registered ones. Their secrets are stored encrypted.
enum StaticClientSync {
    static func sync(_ clients: [ClientConfig], storage: any Storage, encryptionKey: EncryptionKey, now: Date) async throws {
        guard !clients.isEmpty else { return }
        let box = SecretBox(key: encryptionKey)
        var records: [OAuthClient] = []
        for client in clients {
            guard let id = ClientID(client.clientID) else { continue }  // validated when the config was loaded
            let secret = try client.clientSecret ?? client.clientSecretFile.map {
                try String(contentsOfFile: $0, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)
            }
            records.append(OAuthClient(
                id: id, isStatic: true, clientName: client.clientName, redirectURIs: client.redirectURIs,
                grantTypes: client.effectiveGrantTypes,
                tokenEndpointAuthMethod: client.clientAuthMethod, encryptedClientSecret: try secret.map { try box.seal($0) },
                jwks: client.jwks, jwksURI: client.jwksURI, createdAt: id.ulid.date
            ))
        }
        let toStore = records
        try await storage.transaction { repositories in
            for record in toStore { try await repositories.oauthClients.upsert(record) }
        }
    }
}
