/// An error a GraphQL client may see, with a message safe to show; anything else a resolver
/// throws is reported as "internal error" and logged.
struct GraphQLAPIError: Error, Sendable, CustomStringConvertible {
    let message: String

    init(_ message: String) { self.message = message }

    var description: String { message }

    /// The caller may not do this (MAS answers with the same word).
    static let unauthorized = GraphQLAPIError("Unauthorized")
}
