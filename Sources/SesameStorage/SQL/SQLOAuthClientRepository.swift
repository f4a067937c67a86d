import Foundation
import SQLKit
import SesameModel

struct SQLOAuthClientRepository: OAuthClientRepository {
    let sql: any SQLDatabase

    func add(_ client: OAuthClient) async throws {
        try await sql.execute(Self.insert(client))
    }

    func add(_ client: OAuthClient, metadataDigest: String) async throws {
        try await sql.execute(Self.insert(client, metadataDigest: metadataDigest))
    }

    func upsert(_ client: OAuthClient) async throws {
        // `excluded` names the row that failed to insert; both engines accept this form.
        try await sql.execute(Self.insert(client) + """
             ON CONFLICT (id) DO UPDATE SET
                is_static = excluded.is_static, client_name = excluded.client_name, client_uri = excluded.client_uri,
                logo_uri = excluded.logo_uri, tos_uri = excluded.tos_uri, policy_uri = excluded.policy_uri,
                redirect_uris = excluded.redirect_uris, grant_types = excluded.grant_types,
                token_endpoint_auth_method = excluded.token_endpoint_auth_method,
                encrypted_client_secret = excluded.encrypted_client_secret, jwks = excluded.jwks,
                jwks_uri = excluded.jwks_uri, application_type = excluded.application_type,
                contacts = excluded.contacts, allowed_scope = excluded.allowed_scope,
                id_token_signed_response_alg = excluded.id_token_signed_response_alg, created_at = excluded.created_at
            """)
    }

    func find(id: ClientID) async throws -> OAuthClient? {
        try await sql.fetchOne("SELECT * FROM oauth_clients WHERE id = \(bind: id.description)", table: "oauth_clients", Self.client)
    }

    func find(metadataDigest: String) async throws -> OAuthClient? {
        try await sql.fetchOne(
            "SELECT * FROM oauth_clients WHERE metadata_digest = \(bind: metadataDigest)", table: "oauth_clients", Self.client)
    }

    func list(page: PageRequest) async throws -> [OAuthClient] {
        try await sql.fetchPage(of: "oauth_clients", where: "", page: page, Self.client)
    }

    func count() async throws -> Int {
        try await sql.fetchOne("SELECT COUNT(*) AS n FROM oauth_clients", table: "oauth_clients") { try $0.int("n") } ?? 0
    }

    func delete(id: ClientID) async throws {
        try await sql.execute("DELETE FROM oauth_clients WHERE id = \(bind: id.description)")
    }

    /// Only ``add(_:metadataDigest:)`` writes `metadata_digest`; the upsert's update leaves it alone.
    private static func insert(_ client: OAuthClient, metadataDigest: String? = nil) -> SQLQueryString {
        """
        INSERT INTO oauth_clients (
            id, is_static, client_name, client_uri, logo_uri, tos_uri, policy_uri, redirect_uris, grant_types,
            token_endpoint_auth_method, encrypted_client_secret, jwks, jwks_uri, application_type, contacts,
            allowed_scope, id_token_signed_response_alg, created_at, metadata_digest
        ) VALUES (
            \(bind: client.id.description), \(bind: client.isStatic), \(bind: client.clientName), \(bind: client.clientURI),
            \(bind: client.logoURI), \(bind: client.tosURI), \(bind: client.policyURI),
            \(bind: client.redirectURIs.joined(separator: " ")),
            \(bind: client.grantTypes.map(\.rawValue).sorted().joined(separator: " ")),
            \(bind: client.tokenEndpointAuthMethod.rawValue), \(bind: client.encryptedClientSecret), \(bind: client.jwks),
            \(bind: client.jwksURI), \(bind: client.applicationType.rawValue), \(bind: client.contacts.joined(separator: " ")),
            \(bind: client.allowedScope?.description), \(bind: client.idTokenSignedResponseAlg), \(bind: client.createdAt),
            \(bind: metadataDigest)
        )
        """
    }

    static func client(_ row: RowReader) throws -> OAuthClient {
        var grantTypes = Set<GrantType>()
        for word in try row.words("grant_types") {
            guard let grantType = GrantType(rawValue: word) else {
                throw StorageError.corruptRow(table: row.table, column: "grant_types", reason: "unknown grant type \(word)")
            }
            grantTypes.insert(grantType)
        }
        return OAuthClient(
            id: try row.id("id"),
            isStatic: try row.bool("is_static"),
            clientName: try row.optionalString("client_name"),
            clientURI: try row.optionalString("client_uri"),
            logoURI: try row.optionalString("logo_uri"),
            tosURI: try row.optionalString("tos_uri"),
            policyURI: try row.optionalString("policy_uri"),
            redirectURIs: try row.words("redirect_uris"),
            grantTypes: grantTypes,
            tokenEndpointAuthMethod: try row.enumeration("token_endpoint_auth_method"),
            encryptedClientSecret: try row.optionalString("encrypted_client_secret"),
            jwks: try row.optionalString("jwks"),
            jwksURI: try row.optionalString("jwks_uri"),
            applicationType: try row.enumeration("application_type"),
            contacts: try row.words("contacts"),
            allowedScope: try row.optionalScope("allowed_scope"),
            idTokenSignedResponseAlg: try row.optionalString("id_token_signed_response_alg"),
            createdAt: try row.date("created_at")
        )
    }
}
