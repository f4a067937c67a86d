import Foundation
import HummingbirdTesting
import SesameAPI
import Testing

/// Oversized queries are refused before they run; malformed ones get the executor's own message.
struct GraphQLQueryLimitsTests {
    @Test func aQuerySelectingTooManyFieldsIsRefused() async throws {
        try await GraphQLHarness.with { _, client in
            let fields = (0..<501).map { "f\($0): __typename" }.joined(separator: " ")
            let answer = try await client.graphql("query { \(fields) }")
            #expect(answer.errorMessage == "the query selects more than 500 fields")
            #expect(answer["data"] == nil)
        }
    }

    @Test func fragmentsCountTowardsTheLimitEachTimeTheyAreUsed() async throws {
        try await GraphQLHarness.with { _, client in
            let fragment = "fragment Many on Query { " + (0..<100).map { "f\($0): __typename" }.joined(separator: " ") + " }"
            let uses = (0..<6).map { "a\($0): viewer { __typename } ...Many" }.joined(separator: " ")
            let answer = try await client.graphql("query { \(uses) } \(fragment)")
            #expect(answer.errorMessage == "the query selects more than 500 fields")
        }
    }

    @Test func aQueryWithinTheLimitsRuns() async throws {
        try await GraphQLHarness.with { _, client in
            let fields = (0..<400).map { "f\($0): __typename" }.joined(separator: " ")
            let answer = try await client.graphql("query { \(fields) }")
            #expect(answer.errorMessage == nil)
            #expect(answer["data.f399"] as? String == "Query")
        }
    }

    @Test func aSyntaxErrorIsReportedAsSuch() async throws {
        try await GraphQLHarness.with { _, client in
            let answer = try await client.graphql("query { viewer { ")
            #expect(answer.errorMessage?.contains("Syntax Error") == true)
            #expect(answer.errorMessage?.contains("internal") == false)
        }
    }
}
