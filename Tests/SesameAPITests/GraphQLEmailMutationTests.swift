import Foundation
import HummingbirdTesting
import SesameAPI
import SesameModel
import Testing

/// Proving an address with a mailed code, removing one, and admins adding one, as MAS's mutations.
struct GraphQLEmailMutationTests {
    static let start = "mutation($email: String!) { startEmailAuthentication(input: { email: $email }) { status authentication { id email } } }"
    static let complete = "mutation($id: ID!, $code: String!) { completeEmailAuthentication(input: { id: $id, code: $code }) { status } }"
    static let resend = "mutation($id: ID!) { resendEmailAuthenticationCode(input: { id: $id }) { status } }"
    static let emails = "query { viewer { ... on User { emails(first: 10) { totalCount nodes { id email confirmedAt } } } } }"
    static let remove = "mutation($id: ID!, $password: String) { removeEmail(input: { userEmailId: $id, password: $password }) { status } }"

    @Test func aUserProvesAnAddressWithTheMailedCode() async throws {
        let mail = RecordingEmailCodeSender()
        try await GraphQLHarness.with(emailCodes: mail) { h, client in
            let alice = try await h.user("alice")
            let cookie = try h.sessionCookie(for: try await h.browserSession(for: alice))
            let started = try await client.graphql(Self.start, variables: ["email": "alice@example.com"], as: .cookie(cookie))
            #expect(started["data.startEmailAuthentication.status"] as? String == "STARTED")
            let id = try #require(started["data.startEmailAuthentication.authentication.id"] as? String)
            let code = try #require(mail.sent.last?.code)
            #expect(mail.sent.last?.to == "alice@example.com")
            let wrong = code == "000000" ? "111111" : "000000"
            #expect(try await client.graphql(Self.complete, variables: ["id": id, "code": wrong], as: .cookie(cookie))["data.completeEmailAuthentication.status"] as? String == "INVALID_CODE")
            #expect(try await client.graphql(Self.complete, variables: ["id": id, "code": code], as: .cookie(cookie))["data.completeEmailAuthentication.status"] as? String == "COMPLETED")
            let listed = try await client.graphql(Self.emails, as: .cookie(cookie))
            #expect(listed["data.viewer.emails.nodes.0.email"] as? String == "alice@example.com")
            #expect(listed["data.viewer.emails.nodes.0.confirmedAt"] as? String != nil)
            // The code works once.
            #expect(try await client.graphql(Self.complete, variables: ["id": id, "code": code], as: .cookie(cookie))["data.completeEmailAuthentication.status"] as? String == "CODE_EXPIRED")
            #expect(try await client.graphql(Self.start, variables: ["email": "ALICE@example.com"], as: .cookie(cookie))["data.startEmailAuthentication.status"] as? String == "EXISTS")
        }
    }

    @Test func aResentCodeReplacesTheOldOne() async throws {
        let mail = RecordingEmailCodeSender()
        try await GraphQLHarness.with(emailCodes: mail) { h, client in
            let alice = try await h.user("alice")
            let token = try await h.token(user: alice, scope: [MatrixScope.masGraphQL])
            let started = try await client.graphql(Self.start, variables: ["email": "alice@example.com"], as: .bearer(token))
            let id = try #require(started["data.startEmailAuthentication.authentication.id"] as? String)
            let first = try #require(mail.sent.last?.code)
            #expect(try await client.graphql(Self.resend, variables: ["id": id], as: .bearer(token))["data.resendEmailAuthenticationCode.status"] as? String == "RESENT")
            let second = try #require(mail.sent.last?.code)
            #expect(mail.sent.count == 2)
            if first != second {
                #expect(try await client.graphql(Self.complete, variables: ["id": id, "code": first], as: .bearer(token))["data.completeEmailAuthentication.status"] as? String == "INVALID_CODE")
            }
            #expect(try await client.graphql(Self.complete, variables: ["id": id, "code": second], as: .bearer(token))["data.completeEmailAuthentication.status"] as? String == "COMPLETED")
        }
    }

    @Test func addressesInUseInvalidOrTooFrequentAreRefused() async throws {
        let mail = RecordingEmailCodeSender(limit: 2)
        try await GraphQLHarness.with(emailCodes: mail) { h, client in
            let root = try await h.user("root", admin: true)
            let bob = try await h.user("bob")
            let adminToken = try await h.token(user: root, scope: [MatrixScope.masGraphQL, MatrixScope.masAdmin])
            let added = try await client.graphql(
                "mutation($id: ID!) { addEmail(input: { userId: $id, email: \"bob@example.com\" }) { status email { confirmedAt } } }",
                variables: ["id": "user:\(bob.id)"], as: .bearer(adminToken)
            )
            #expect(added["data.addEmail.status"] as? String == "ADDED")
            let alice = try await h.user("alice")
            let token = try await h.token(user: alice, scope: [MatrixScope.masGraphQL])
            func status(_ email: String) async throws -> String? {
                try await client.graphql(Self.start, variables: ["email": email], as: .bearer(token))["data.startEmailAuthentication.status"] as? String
            }
            #expect(try await status("bob@example.com") == "IN_USE")
            #expect(try await status("not an address") == "INVALID_EMAIL_ADDRESS")
            #expect(try await status("a1@example.com") == "STARTED")
            #expect(try await status("a2@example.com") == "STARTED")
            #expect(try await status("a3@example.com") == "RATE_LIMITED")
            #expect(mail.sent.count == 2)
            // Only admins add addresses without a code.
            let refused = try await client.graphql(
                "mutation($id: ID!) { addEmail(input: { userId: $id, email: \"x@example.com\" }) { status } }", variables: ["id": "user:\(alice.id)"], as: .bearer(token)
            )
            #expect(refused.errorMessage == "Unauthorized")
        }
    }

    @Test func anotherUsersAuthenticationCannotBeCompleted() async throws {
        let mail = RecordingEmailCodeSender()
        try await GraphQLHarness.with(emailCodes: mail) { h, client in
            let alice = try await h.user("alice")
            let mallory = try await h.user("mallory")
            let alicesToken = try await h.token(user: alice, scope: [MatrixScope.masGraphQL])
            let started = try await client.graphql(Self.start, variables: ["email": "alice@example.com"], as: .bearer(alicesToken))
            let id = try #require(started["data.startEmailAuthentication.authentication.id"] as? String)
            let malloryToken = try await h.token(user: mallory, scope: [MatrixScope.masGraphQL])
            let answer = try await client.graphql(Self.complete, variables: ["id": id, "code": try #require(mail.sent.last?.code)], as: .bearer(malloryToken))
            #expect(answer.errorMessage == "Unknown email authentication")
            #expect(try await h.storage.read { try await $0.emails.list(for: mallory.id) }.isEmpty)
        }
    }

    @Test func removingAnAddressNeedsThePassword() async throws {
        try await GraphQLHarness.with { h, client in
            let alice = try await h.user("alice")
            let now = h.clock.now()
            let email = UserEmail(id: UserEmailID(date: now), userID: alice.id, email: "alice@example.com", createdAt: now, confirmedAt: now)
            try await h.storage.transaction { try await $0.emails.add(email) }
            let cookie = try h.sessionCookie(for: try await h.browserSession(for: alice))
            let id = "user_email:\(email.id)"
            #expect(try await client.graphql(Self.remove, variables: ["id": id, "password": "wrong"], as: .cookie(cookie))["data.removeEmail.status"] as? String == "INCORRECT_PASSWORD")
            #expect(try await client.graphql(Self.remove, variables: ["id": id, "password": "correct horse battery"], as: .cookie(cookie))["data.removeEmail.status"] as? String == "REMOVED")
            #expect(try await client.graphql(Self.remove, variables: ["id": id, "password": "correct horse battery"], as: .cookie(cookie))["data.removeEmail.status"] as? String == "NOT_FOUND")
        }
    }

    @Test func withoutAMailerNoCodeIsSentAndTheCallerIsTold() async throws {
        try await GraphQLHarness.with { h, client in
            let alice = try await h.user("alice")
            let token = try await h.token(user: alice, scope: [MatrixScope.masGraphQL])
            let answer = try await client.graphql(Self.start, variables: ["email": "alice@example.com"], as: .bearer(token))
            #expect(answer.errorMessage == "the code could not be mailed; try again later")
        }
    }
}
