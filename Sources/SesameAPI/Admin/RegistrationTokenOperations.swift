import Foundation
import SesameModel
import SesameStorage

/// `/user-registration-tokens`: invite codes for registration.
struct RegistrationTokenOperations {
    let environment: AdminEnvironment
    init(_ environment: AdminEnvironment) { self.environment = environment }

    /// Characters of a generated code, and its length.
    static let alphabet = Array("ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789")
    static let generatedLength = 12
    /// What an admin-chosen code may be made of.
    static let tokenPattern = "^[A-Za-z0-9._~-]{1,64}$"

    static let schemas: [String: AdminJSON] = [
        "UserRegistrationToken": AdminSchema.object([
            "token": AdminSchema.string, "valid": AdminSchema.boolean, "usage_limit": AdminSchema.nullableInteger,
            "times_used": ["type": "integer", "minimum": 0], "created_at": AdminSchema.dateTime,
            "last_used_at": AdminSchema.nullableDateTime, "expires_at": AdminSchema.nullableDateTime,
            "revoked_at": AdminSchema.nullableDateTime,
        ]),
    ]

    func resource(_ token: RegistrationToken) -> AdminResource {
        AdminResource(type: "user-registration_token", id: token.id.description, attributes: [
            "token": .string(token.token), "valid": .bool(token.isUsable(at: environment.clock.now())),
            "usage_limit": .int(token.usageLimit), "times_used": .int(token.timesUsed), "created_at": .date(token.createdAt),
            "last_used_at": .date(token.lastUsedAt), "expires_at": .date(token.expiresAt), "revoked_at": .date(token.revokedAt),
        ], path: "/user-registration-tokens/\(token.id)")
    }

    private struct CreateBody: Decodable {
        let token: String?
        let usage_limit: Int?
        let expires_at: Date?
    }

    /// PUT body: a member that is absent keeps its value, a null clears it.
    private struct UpdateBody: Decodable {
        var usageLimit: Int??
        var expiresAt: Date??

        enum CodingKeys: String, CodingKey { case usageLimit = "usage_limit", expiresAt = "expires_at" }

        init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            if container.contains(.usageLimit) { usageLimit = .some(try container.decodeIfPresent(Int.self, forKey: .usageLimit)) }
            if container.contains(.expiresAt) { expiresAt = .some(try container.decodeIfPresent(Date.self, forKey: .expiresAt)) }
        }
    }

    var all: [AdminOperation] {
        let single = AdminSchema.single("user-registration_token", "UserRegistrationToken")
        let usageLimit: AdminJSON = ["type": ["integer", "null"], "minimum": 1, "maximum": 1_000_000_000]
        return [
            AdminOperation(method: .get, path: "/user-registration-tokens", operationID: "listUserRegistrationTokens", tag: "user-registration-token",
                           summary: "List registration tokens", query: AdminSchema.pageParameters + [
                               AdminParameter(name: "filter[used]", schema: AdminSchema.boolean, description: "Only tokens used at least once (true) or never used (false)"),
                               AdminParameter(name: "filter[revoked]", schema: AdminSchema.boolean, description: "Only revoked (true) or unrevoked (false) tokens"),
                               AdminParameter(name: "filter[expired]", schema: AdminSchema.boolean, description: "Only expired (true) or unexpired (false) tokens"),
                               AdminParameter(name: "filter[valid]", schema: AdminSchema.boolean, description: "Only tokens usable now (true) or not (false)"),
                           ],
                           response: AdminSchema.list("user-registration_token", "UserRegistrationToken")) { call in
                let filter = RegistrationTokenFilter(
                    now: environment.clock.now(), used: try call.booleanFilter("filter[used]"), revoked: try call.booleanFilter("filter[revoked]"),
                    expired: try call.booleanFilter("filter[expired]"), valid: try call.booleanFilter("filter[valid]")
                )
                return try await AdminListing.make(call, environment, resource: resource,
                                                   list: { try await $0.registrationTokens.list(filter, page: $1) },
                                                   count: { try await $0.registrationTokens.count(filter) })
            },
            AdminOperation(method: .post, path: "/user-registration-tokens", operationID: "addUserRegistrationToken", tag: "user-registration-token",
                           summary: "Create a registration token (a random code unless one is given)",
                           requestBody: AdminSchema.object([
                               "token": ["type": "string", "pattern": .string(Self.tokenPattern)], "usage_limit": usageLimit,
                               "expires_at": AdminSchema.nullableDateTime,
                           ], optional: ["token", "usage_limit", "expires_at"]),
                           success: .created, response: single) { call in
                let body = try call.decode(CreateBody.self)
                let code = body.token ?? String((0..<Self.generatedLength).map { _ in Self.alphabet.randomElement()! })
                guard code.range(of: Self.tokenPattern, options: .regularExpression) != nil else {
                    throw AdminAPIError.badRequest("token must be 1 to 64 letters, digits or ._~-")
                }
                try Self.check(usageLimit: body.usage_limit)
                let now = environment.clock.now()
                let token = RegistrationToken(id: RegistrationTokenID(date: now), token: code, usageLimit: body.usage_limit, createdAt: now, expiresAt: body.expires_at)
                do {
                    try await environment.storage.transaction { try await $0.registrationTokens.add(token) }
                } catch StorageError.uniqueViolation {
                    throw AdminAPIError.conflict("a registration token \(code) already exists")
                }
                return resource(token).document
            },
            AdminOperation(method: .get, path: "/user-registration-tokens/{id}", operationID: "getUserRegistrationToken", tag: "user-registration-token",
                           summary: "Get a registration token", response: single) { call in
                resource(try await find(try call.id(RegistrationTokenID.self, what: "registration token"))).document
            },
            AdminOperation(method: .put, path: "/user-registration-tokens/{id}", operationID: "updateUserRegistrationToken", tag: "user-registration-token",
                           summary: "Change a registration token's usage limit or expiry (null clears; absent keeps)",
                           requestBody: AdminSchema.object(["usage_limit": usageLimit, "expires_at": AdminSchema.nullableDateTime], optional: ["usage_limit", "expires_at"]),
                           response: single) { call in
                let token = try await find(try call.id(RegistrationTokenID.self, what: "registration token"))
                let body = try call.decode(UpdateBody.self)
                let usageLimit = body.usageLimit ?? token.usageLimit
                let expiresAt = body.expiresAt ?? token.expiresAt
                try Self.check(usageLimit: usageLimit)
                try await environment.storage.transaction { try await $0.registrationTokens.setLimits(id: token.id, usageLimit: usageLimit, expiresAt: expiresAt) }
                return resource(try await find(token.id)).document
            },
            AdminOperation(method: .post, path: "/user-registration-tokens/{id}/revoke", operationID: "revokeUserRegistrationToken", tag: "user-registration-token",
                           summary: "Revoke a registration token", response: single) { call in
                let token = try await find(try call.id(RegistrationTokenID.self, what: "registration token"))
                guard token.revokedAt == nil else { throw AdminAPIError.badRequest("registration token \(token.id) is already revoked") }
                let now = environment.clock.now()
                try await environment.storage.transaction { try await $0.registrationTokens.setRevoked(id: token.id, at: now) }
                return resource(try await find(token.id)).document
            },
            AdminOperation(method: .post, path: "/user-registration-tokens/{id}/unrevoke", operationID: "unrevokeUserRegistrationToken", tag: "user-registration-token",
                           summary: "Undo the revocation of a registration token", response: single) { call in
                let token = try await find(try call.id(RegistrationTokenID.self, what: "registration token"))
                guard token.revokedAt != nil else { throw AdminAPIError.badRequest("registration token \(token.id) is not revoked") }
                try await environment.storage.transaction { try await $0.registrationTokens.setRevoked(id: token.id, at: nil) }
                return resource(try await find(token.id)).document
            },
        ]
    }

    private static func check(usageLimit: Int?) throws(AdminAPIError) {
        if let usageLimit, !(1...1_000_000_000).contains(usageLimit) { throw .badRequest("usage_limit must be from 1 to 1000000000") }
    }

    private func find(_ id: RegistrationTokenID) async throws -> RegistrationToken {
        guard let token = try await environment.storage.read({ try await $0.registrationTokens.find(id: id) }) else {
            throw AdminAPIError.notFound("registration token \(id) not found")
        }
        return token
    }
}
