import Foundation
import SesameModel
import SesameStorage

/// `/oauth2-clients`: registered clients, static and dynamic (read-only; static clients come from the config file).
struct OAuthClientOperations {
    let environment: AdminEnvironment
    init(_ environment: AdminEnvironment) { self.environment = environment }

    static let schemas: [String: AdminJSON] = [
        "OAuth2Client": AdminSchema.object([
            "client_name": AdminSchema.nullableString, "client_uri": AdminSchema.nullableString, "logo_uri": AdminSchema.nullableString,
            "tos_uri": AdminSchema.nullableString, "policy_uri": AdminSchema.nullableString, "redirect_uris": AdminSchema.stringArray,
            "grant_types": AdminSchema.stringArray, "token_endpoint_auth_method": AdminSchema.string, "application_type": AdminSchema.string,
            "contacts": AdminSchema.stringArray, "is_static": AdminSchema.boolean, "admin": AdminSchema.boolean,
            "created_at": AdminSchema.dateTime,
        ]),
    ]

    func resource(_ client: OAuthClient) -> AdminResource {
        AdminResource(type: "oauth2-client", id: client.id.description, attributes: [
            "client_name": .string(client.clientName), "client_uri": .string(client.clientURI), "logo_uri": .string(client.logoURI),
            "tos_uri": .string(client.tosURI), "policy_uri": .string(client.policyURI),
            "redirect_uris": .array(client.redirectURIs.map(AdminJSON.string)),
            "grant_types": .array(client.grantTypes.map(\.rawValue).sorted().map(AdminJSON.string)),
            "token_endpoint_auth_method": .string(client.tokenEndpointAuthMethod.rawValue),
            "application_type": .string(client.applicationType.rawValue),
            "contacts": .array(client.contacts.map(AdminJSON.string)), "is_static": .bool(client.isStatic),
            "admin": .bool(environment.settings.adminClientIDs.contains(client.id)), "created_at": .date(client.createdAt),
        ], path: "/oauth2-clients/\(client.id)")
    }

    var all: [AdminOperation] {
        [
            AdminOperation(method: .get, path: "/oauth2-clients", operationID: "listOAuth2Clients", tag: "oauth2-client",
                           summary: "List OAuth 2.0 clients", query: AdminSchema.pageParameters,
                           response: AdminSchema.list("oauth2-client", "OAuth2Client")) { call in
                let page = try PageParameters(call)
                let (clients, more) = page.count == .only
                    ? ([], false)
                    : page.trim(try await environment.storage.read { try await $0.oauthClients.list(page: page.probe) })
                return try await AdminListDocument.make(call, page: page, items: clients.map(resource), more: more) {
                    try await environment.storage.read { try await $0.oauthClients.count() }
                }
            },
            AdminOperation(method: .get, path: "/oauth2-clients/{id}", operationID: "getOAuth2Client", tag: "oauth2-client",
                           summary: "Get an OAuth 2.0 client", response: AdminSchema.single("oauth2-client", "OAuth2Client")) { call in
                let id = try call.id(ClientID.self, what: "OAuth 2.0 client")
                guard let client = try await environment.storage.read({ try await $0.oauthClients.find(id: id) }) else {
                    throw AdminAPIError.notFound("OAuth 2.0 client \(id) not found")
                }
                return resource(client).document
            },
        ]
    }
}
