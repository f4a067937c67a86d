import SesameModel

/// The `scope` parameter of a token or device request (RFC 6749 §3.3).
enum RequestedScope {
    /// The requested scope; empty when the parameter is absent, `invalid_scope` when malformed.
    static func parse(_ form: FormParameters) throws(OAuthError) -> Scope {
        guard let text = try form.single("scope") else { return [] }
        guard let scope = Scope(parsing: text) else {
            throw .invalidScope("the scope parameter has a character RFC 6749 §3.3 does not allow in a scope token")
        }
        return scope
    }
}
