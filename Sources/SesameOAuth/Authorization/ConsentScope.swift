import SesameModel

/// Which parts of a scope the user consents to. A Matrix device scope only names the device the
/// new session will use (clients make up a new one at every sign-in), so it grants nothing the
/// API scope does not, and is left out: otherwise the consent page would show at every sign-in.
public enum ConsentScope {
    /// The tokens of `scope` that consent is asked and recorded for.
    public static func relevant(_ scope: Scope) -> Scope {
        Scope(scope.tokens.filter {
            !$0.rawValue.hasPrefix(MatrixScope.devicePrefix) && !$0.rawValue.hasPrefix(MatrixScope.unstableDevicePrefix)
        })
    }

    /// True when everything in `requested` that needs consent is in `granted`.
    public static func isCovered(_ requested: Scope, by granted: Scope) -> Bool {
        relevant(requested).isSubset(of: granted)
    }
}
