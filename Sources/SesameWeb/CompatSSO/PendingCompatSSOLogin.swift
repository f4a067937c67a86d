import SesameModel

/// A legacy Matrix SSO login waiting for the user to confirm it.
public struct PendingCompatSSOLogin: Hashable, Sendable {
    public var id: CompatSSOLoginID
    /// The client's `redirectUrl`, where the login token goes once approved.
    public var redirectURL: String

    /// Creates a pending login value.
    public init(id: CompatSSOLoginID, redirectURL: String) {
        self.id = id
        self.redirectURL = redirectURL
    }
}
