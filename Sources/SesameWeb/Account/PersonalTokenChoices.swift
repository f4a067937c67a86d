import SesameModel

/// The short lists the token form offers: what the token may do, and how long it lives. Choices
/// are looked up by key, so a tampered form can only pick one of these.
enum PersonalTokenChoices {
    /// A scope the form offers.
    struct ScopeChoice: Sendable {
        var key: String
        var labelKey: String
        var scope: Scope
        /// Only shown to (and accepted from) users who may request admin scopes.
        var needsAdmin: Bool
    }

    /// A lifetime the form offers; nil seconds is "never expires".
    struct LifetimeChoice: Sendable {
        var key: String
        var labelKey: String
        var seconds: Int?
    }

    static let scopes: [ScopeChoice] = [
        ScopeChoice(key: "matrix", labelKey: "account_tokens_scope_matrix", scope: [MatrixScope.api], needsAdmin: false),
        ScopeChoice(key: "graphql", labelKey: "account_tokens_scope_graphql", scope: [MatrixScope.masGraphQL], needsAdmin: false),
        ScopeChoice(key: "matrix_admin", labelKey: "account_tokens_scope_matrix_admin", scope: [MatrixScope.api, MatrixScope.synapseAdmin], needsAdmin: true),
    ]

    static let lifetimes: [LifetimeChoice] = [
        LifetimeChoice(key: "1d", labelKey: "account_tokens_expiry_1d", seconds: 86_400),
        LifetimeChoice(key: "7d", labelKey: "account_tokens_expiry_7d", seconds: 7 * 86_400),
        LifetimeChoice(key: "30d", labelKey: "account_tokens_expiry_30d", seconds: 30 * 86_400),
        LifetimeChoice(key: "90d", labelKey: "account_tokens_expiry_90d", seconds: 90 * 86_400),
        LifetimeChoice(key: "365d", labelKey: "account_tokens_expiry_365d", seconds: 365 * 86_400),
        LifetimeChoice(key: "never", labelKey: "account_tokens_expiry_never", seconds: nil),
    ]

    /// The lifetime preselected on the form.
    static let defaultLifetime = "30d"
}
