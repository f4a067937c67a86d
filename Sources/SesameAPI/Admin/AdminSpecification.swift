import SesameOAuth

/// Builds the OpenAPI 3.1 document from the operation list.
enum AdminSpecification {
    /// The named attribute schemas the resource documents refer to.
    static let schemas: [String: AdminJSON] = UserOperations.schemas
        .merging(UserEmailOperations.schemas) { first, _ in first }
        .merging(SessionOperations.schemas) { first, _ in first }
        .merging(OAuthClientOperations.schemas) { first, _ in first }
        .merging(PersonalSessionOperations.schemas) { first, _ in first }
        .merging(RegistrationTokenOperations.schemas) { first, _ in first }
        .merging(ServerOperations.schemas) { first, _ in first }
        .merging(["ErrorDocument": AdminSchema.errors]) { first, _ in first }

    static func make(_ operations: [AdminOperation], settings: OAuthSettings) -> AdminJSON {
        var paths: [String: [String: AdminJSON]] = [:]
        for operation in operations {
            paths[AdminAPIRoutes.basePath + operation.path, default: [:]][operation.method.rawValue.lowercased()] = describe(operation)
        }
        return [
            "openapi": "3.1.0",
            "info": [
                "title": "Sesame admin API",
                "version": "1",
                "description": "Manage users, sessions, clients and registration tokens. Compatible with the Matrix Authentication Service admin API. Every operation needs an access token with the urn:mas:admin scope.",
            ],
            "paths": .object(paths.mapValues { .object($0) }),
            "components": [
                "schemas": .object(schemas),
                "securitySchemes": [
                    "bearer": ["type": "http", "scheme": "bearer", "description": "An OAuth 2.0 access token (mat_…) or a personal access token (mpt_…) with the urn:mas:admin scope"],
                    "oauth2": [
                        "type": "oauth2",
                        "flows": ["clientCredentials": [
                            "tokenUrl": .string(settings.url("oauth2/token")),
                            "scopes": ["urn:mas:admin": "Use the admin API"],
                        ]],
                    ],
                ],
            ],
            "security": [["bearer": []], ["oauth2": ["urn:mas:admin"]]],
            "tags": .array(Array(Set(operations.map(\.tag))).sorted().map { ["name": .string($0)] }),
        ]
    }

    static func describe(_ operation: AdminOperation) -> AdminJSON {
        var parameters: [AdminJSON] = operation.pathParameters.map { name in
            ["name": .string(name), "in": "path", "required": true, "schema": name == "username" ? AdminSchema.string : AdminSchema.ulid]
        }
        parameters += operation.query.map { parameter in
            ["name": .string(parameter.name), "in": "query", "required": .bool(parameter.required), "description": .string(parameter.description), "schema": parameter.schema]
        }
        var responses: [String: AdminJSON] = [
            "default": ["description": "An error", "content": ["application/json": ["schema": AdminSchema.ref("ErrorDocument")]]],
        ]
        if operation.success == .noContent {
            responses["204"] = ["description": "Done"]
        } else {
            responses[String(operation.success.code)] = ["description": "Success", "content": ["application/json": ["schema": operation.response]]]
        }
        var description: [String: AdminJSON] = [
            "operationId": .string(operation.operationID),
            "summary": .string(operation.summary),
            "tags": [.string(operation.tag)],
            "parameters": .array(parameters),
            "responses": .object(responses),
        ]
        if let body = operation.requestBody {
            description["requestBody"] = ["required": true, "content": ["application/json": ["schema": body]]]
        }
        return .object(description)
    }
}
