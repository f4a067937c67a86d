import Foundation
import HummingbirdTesting
import SesameAPI
import SesameModel
import Testing

/// `addEmail`'s `skipVerification` and `skipPolicyCheck`, as in MAS today: admins only, and
/// addresses added this way are confirmed whatever they say.
@Suite struct GraphQLAddEmailOptionsTests {
    static let add = """
        mutation($id: ID!, $email: String!, $skipVerification: Boolean, $skipPolicyCheck: Boolean) {
          addEmail(input: { userId: $id, email: $email, skipVerification: $skipVerification, skipPolicyCheck: $skipPolicyCheck }) { status email { email confirmedAt } }
        }
        """

    @Test func anAdminsAddressIsConfirmedWithOrWithoutSkipVerification() async throws {
        try await GraphQLHarness.with { h, client in
            let root = try await h.user("root", admin: true)
            let bob = try await h.user("bob")
            let token = try await h.token(user: root, scope: [MatrixScope.masGraphQL, MatrixScope.masAdmin])
            for (email, skip) in [("bob@example.com", true), ("bob@example.org", false)] {
                let added = try await client.graphql(
                    Self.add, variables: ["id": "user:\(bob.id)", "email": email, "skipVerification": skip, "skipPolicyCheck": true], as: .bearer(token)
                )
                #expect(added["data.addEmail.status"] as? String == "ADDED")
                #expect(added["data.addEmail.email.confirmedAt"] as? String != nil)
            }
            let emails = try await h.storage.read { try await $0.emails.list(for: bob.id) }
            #expect(emails.count == 2)
            #expect(emails.allSatisfy { $0.confirmedAt != nil })
            // Skipping the (absent) policy does not let an address confirmed elsewhere in.
            let taken = try await client.graphql(
                Self.add, variables: ["id": "user:\(root.id)", "email": "bob@example.com", "skipPolicyCheck": true], as: .bearer(token)
            )
            #expect(taken["data.addEmail.status"] as? String == "DENIED")
        }
    }

    @Test func aUserCannotSkipVerificationOnTheirOwnAccount() async throws {
        try await GraphQLHarness.with { h, client in
            let alice = try await h.user("alice")
            let token = try await h.token(user: alice, scope: [MatrixScope.masGraphQL])
            let answer = try await client.graphql(
                Self.add, variables: ["id": "user:\(alice.id)", "email": "alice@example.com", "skipVerification": true], as: .bearer(token)
            )
            #expect(answer.errorMessage == "Unauthorized")
            #expect(try await h.storage.read { try await $0.emails.list(for: alice.id) }.isEmpty)
        }
    }
}
