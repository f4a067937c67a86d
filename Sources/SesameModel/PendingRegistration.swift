import Foundation

/// A registration waiting for its email address to be verified: everything the form checked,
/// kept until the code arrives so the account is created only once the address is proven.
public struct PendingRegistration: Hashable, Sendable {
    /// How long the person has to finish (MAS keeps pending registrations for an hour).
    public static let lifetime: TimeInterval = 60 * 60

    public var id: PendingRegistrationID
    public var username: Username
    /// The password hash (never the password) and the scheme version that made it.
    public var hashedPassword: String
    public var passwordSchemeVersion: Int
    /// The address being verified.
    public var email: String
    /// The invite code the form named, counted as used only when the account is created.
    public var registrationTokenID: RegistrationTokenID?
    /// Where to continue afterwards (a local path such as `/consent/…`).
    public var next: String?
    public var createdAt: Date
    public var expiresAt: Date
    /// When the account was created from it; a registration completes once.
    public var completedAt: Date?

    /// Creates a pending registration value.
    public init(
        id: PendingRegistrationID, username: Username, hashedPassword: String, passwordSchemeVersion: Int, email: String,
        registrationTokenID: RegistrationTokenID? = nil, next: String? = nil, createdAt: Date, expiresAt: Date, completedAt: Date? = nil
    ) {
        self.id = id
        self.username = username
        self.hashedPassword = hashedPassword
        self.passwordSchemeVersion = passwordSchemeVersion
        self.email = email
        self.registrationTokenID = registrationTokenID
        self.next = next
        self.createdAt = createdAt
        self.expiresAt = expiresAt
        self.completedAt = completedAt
    }
}

public typealias PendingRegistrationID = EntityID<PendingRegistration>
