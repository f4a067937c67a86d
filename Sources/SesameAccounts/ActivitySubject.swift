import SesameModel

/// A session whose use the activity tracker records: one of the four kinds the account page lists.
public enum ActivitySubject: Hashable, Sendable {
    case browser(BrowserSessionID)
    case oauth(OAuthSessionID)
    case compat(CompatSessionID)
    case personal(PersonalSessionID)
}
