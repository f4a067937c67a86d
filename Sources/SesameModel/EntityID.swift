import Foundation

/// A typed identifier: a ULID that can only be used for the kind of entity it names,
/// so a `UserID` can never be passed where an `OAuthSessionID` is expected.
public struct EntityID<Entity>: Hashable, Comparable, Sendable, Codable, CustomStringConvertible {
    /// The underlying ULID.
    public let ulid: ULID

    /// Wraps an existing ULID.
    public init(_ ulid: ULID) { self.ulid = ulid }

    /// Mints a new identifier for an entity created at `date`.
    public init(date: Date) { self.ulid = ULID(date: date) }

    /// Parses the text form; nil when it is not a ULID.
    public init?(_ text: some StringProtocol) {
        guard let ulid = ULID(text) else { return nil }
        self.ulid = ulid
    }

    public var description: String { ulid.description }

    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.ulid < rhs.ulid }

    public init(from decoder: any Decoder) throws { ulid = try ULID(from: decoder) }
    public func encode(to encoder: any Encoder) throws { try ulid.encode(to: encoder) }
}

public typealias UserID = EntityID<User>
public typealias UserPasswordID = EntityID<UserPassword>
public typealias UserEmailID = EntityID<UserEmail>
public typealias BrowserSessionID = EntityID<BrowserSession>
public typealias AuthenticationID = EntityID<Authentication>
public typealias ClientID = EntityID<OAuthClient>
public typealias AuthorizationGrantID = EntityID<AuthorizationGrant>
public typealias DeviceCodeGrantID = EntityID<DeviceCodeGrant>
public typealias OAuthSessionID = EntityID<OAuthSession>
public typealias AccessTokenID = EntityID<AccessToken>
public typealias RefreshTokenID = EntityID<RefreshToken>
public typealias CompatSessionID = EntityID<CompatSession>
public typealias CompatAccessTokenID = EntityID<CompatAccessToken>
public typealias CompatRefreshTokenID = EntityID<CompatRefreshToken>
public typealias CompatSSOLoginID = EntityID<CompatSSOLogin>
public typealias PersonalSessionID = EntityID<PersonalSession>
public typealias PersonalAccessTokenID = EntityID<PersonalAccessToken>
public typealias RegistrationTokenID = EntityID<RegistrationToken>
public typealias JobID = EntityID<Job>
