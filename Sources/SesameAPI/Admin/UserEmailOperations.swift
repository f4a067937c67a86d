import Foundation
import SesameModel
import SesameStorage

/// `/user-emails`: a user's email addresses.
struct UserEmailOperations {
    let environment: AdminEnvironment
    init(_ environment: AdminEnvironment) { self.environment = environment }

    static let schemas: [String: AdminJSON] = [
        "UserEmail": AdminSchema.object([
            "created_at": AdminSchema.dateTime,
            "user_id": AdminSchema.ulid,
            "email": AdminSchema.string,
            "confirmed_at": AdminSchema.nullableDateTime,
        ]),
    ]

    static func resource(_ email: UserEmail) -> AdminResource {
        AdminResource(type: "user-email", id: email.id.description, attributes: [
            "created_at": .date(email.createdAt),
            "user_id": .string(email.userID.description),
            "email": .string(email.email),
            "confirmed_at": .date(email.confirmedAt),
        ], path: "/user-emails/\(email.id)")
    }

    private struct CreateBody: Decodable {
        let user_id: String
        let email: String
    }

    var all: [AdminOperation] {
        let single = AdminSchema.single("user-email", "UserEmail")
        return [
            AdminOperation(
                method: .get, path: "/user-emails", operationID: "listUserEmails", tag: "user-email", summary: "List email addresses",
                query: AdminSchema.pageParameters + [
                    AdminSchema.userFilter,
                    AdminParameter(name: "filter[email]", schema: AdminSchema.string, description: "Only this address (compared case-insensitively)"),
                ],
                response: AdminSchema.list("user-email", "UserEmail")
            ) { call in
                let filter = UserEmailFilter(userID: try await environment.optionalFilteredUser(call)?.id, email: call.query("filter[email]"))
                return try await AdminListing.make(call, environment, resource: Self.resource,
                                                   list: { try await $0.emails.list(filter, page: $1) },
                                                   count: { try await $0.emails.count(filter) })
            },
            AdminOperation(method: .post, path: "/user-emails", operationID: "addUserEmail", tag: "user-email",
                           summary: "Add a (confirmed) email address to a user",
                           requestBody: AdminSchema.object(["user_id": AdminSchema.ulid, "email": ["type": "string", "format": "email"]]),
                           success: .created, response: single) { call in
                let body = try call.decode(CreateBody.self)
                guard let userID = UserID(body.user_id) else { throw AdminAPIError.notFound("user \(body.user_id) not found") }
                let user = try await environment.requireUser(userID)
                let address = body.email.trimmingCharacters(in: .whitespaces)
                guard Self.looksLikeEmail(address) else { throw AdminAPIError.badRequest("\(address) is not an email address") }
                let now = environment.clock.now()
                let email = UserEmail(id: UserEmailID(date: now), userID: user.id, email: address, createdAt: now, confirmedAt: now)
                try await environment.storage.transaction { repositories in
                    if try await repositories.emails.findConfirmed(email: address) != nil {
                        throw AdminAPIError.conflict("the address \(address) is already in use")
                    }
                    try await repositories.emails.add(email)
                    try await environment.enqueue(.provisionUser(userID: user.id), at: now, in: repositories)
                }
                return Self.resource(email).document
            },
            AdminOperation(method: .get, path: "/user-emails/{id}", operationID: "getUserEmail", tag: "user-email",
                           summary: "Get an email address", response: single) { call in
                Self.resource(try await find(try call.id(UserEmailID.self, what: "user email"))).document
            },
            AdminOperation(method: .delete, path: "/user-emails/{id}", operationID: "deleteUserEmail", tag: "user-email",
                           summary: "Remove an email address", success: .noContent) { call in
                let email = try await find(try call.id(UserEmailID.self, what: "user email"))
                let now = environment.clock.now()
                try await environment.storage.transaction { repositories in
                    try await repositories.emails.remove(id: email.id)
                    try await environment.enqueue(.provisionUser(userID: email.userID), at: now, in: repositories)
                }
                return .null
            },
        ]
    }

    private func find(_ id: UserEmailID) async throws -> UserEmail {
        guard let email = try await environment.storage.read({ try await $0.emails.find(id: id) }) else {
            throw AdminAPIError.notFound("user email \(id) not found")
        }
        return email
    }

    /// One `@` with something on each side, no spaces or control characters, at most 254 bytes (RFC 5321 §4.5.3.1.3).
    static func looksLikeEmail(_ text: String) -> Bool {
        let parts = text.split(separator: "@", omittingEmptySubsequences: false)
        return parts.count == 2 && !parts[0].isEmpty && !parts[1].isEmpty && text.utf8.count <= 254
            && !text.unicodeScalars.contains { $0.properties.isWhitespace || $0.value < 0x20 || $0.value == 0x7F }
    }
}
