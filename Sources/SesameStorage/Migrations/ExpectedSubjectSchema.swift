extension Migration {
    /// Version 4: the user an `id_token_hint` named, kept with the authorization request, so the
    /// consent step can refuse to answer for anyone else (OIDC Core §3.1.2.1).
    static let expectedSubject = Migration(version: 4, name: "authorization grant expected subject") { _ in
        ["ALTER TABLE oauth_authorization_grants ADD COLUMN expected_subject TEXT"]
    }
}
