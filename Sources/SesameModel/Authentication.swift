import Foundation

/// One proof of identity inside a browser session; `max_age` and `auth_time` come from the newest.
public struct Authentication: Hashable, Sendable {
    /// How the user proved who they are.
    public enum Method: String, Sendable, CaseIterable {
        case password
        case upstreamOAuth = "upstream_oauth"
        case registration
    }

    public var id: AuthenticationID
    public var browserSessionID: BrowserSessionID
    public var method: Method
    public var createdAt: Date

    /// Creates an authentication value.
    public init(id: AuthenticationID, browserSessionID: BrowserSessionID, method: Method, createdAt: Date) {
        self.id = id
        self.browserSessionID = browserSessionID
        self.method = method
        self.createdAt = createdAt
    }
}
