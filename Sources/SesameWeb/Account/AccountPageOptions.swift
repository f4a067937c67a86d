/// What people may change about their own account on `/account/` (the `account` config section).
public struct AccountPageOptions: Sendable, Equatable {
    /// `account.displayname_change_allowed`.
    public var displayNameChangeAllowed: Bool
    /// `account.password_change_allowed` (and password login on at all).
    public var passwordChangeAllowed: Bool
    /// `account.account_deactivation_allowed`.
    public var deactivationAllowed: Bool

    /// Creates options; everything is allowed by default, as in MAS.
    public init(displayNameChangeAllowed: Bool = true, passwordChangeAllowed: Bool = true, deactivationAllowed: Bool = true) {
        self.displayNameChangeAllowed = displayNameChangeAllowed
        self.passwordChangeAllowed = passwordChangeAllowed
        self.deactivationAllowed = deactivationAllowed
    }
}
