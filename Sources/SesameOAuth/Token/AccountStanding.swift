import SesameModel

/// Whether an account may receive tokens: a locked or deactivated account gets none.
enum AccountStanding {
    /// The user when it may receive tokens; otherwise `invalid_grant` saying why, so the person
    /// behind the client knows to ask the server's administrator rather than retry.
    static func requireActive(_ user: User?) throws(OAuthError) -> User {
        guard let user else { throw .invalidGrant("the account this grant was made for no longer exists") }
        if user.deactivatedAt != nil { throw .invalidGrant("the account \(user.username) has been deactivated") }
        if user.lockedAt != nil { throw .invalidGrant("the account \(user.username) is locked") }
        return user
    }
}
