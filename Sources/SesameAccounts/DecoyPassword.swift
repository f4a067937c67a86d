import SesameCrypto

/// A password hash that belongs to nobody, made once with the current scheme. A login for an
/// unknown user, or for one without a password, checks the typed password against it, so the
/// answer takes as long as a wrong password for a real account and timing reveals nothing about
/// which usernames exist.
actor DecoyPassword {
    private let hasher: PasswordHasher
    private var hash: HashedPassword?

    init(hasher: PasswordHasher) { self.hasher = hasher }

    /// Spends the time a real check would; the answer is always "wrong".
    func check(_ password: String) async {
        do {
            let decoy: HashedPassword
            if let hash {
                decoy = hash
            } else {
                decoy = try await hasher.hash(OpaqueToken.generate(.accessToken).value)
                hash = decoy
            }
            _ = try await hasher.verify(password, against: decoy)
        } catch {
            // Hashing failed (misconfigured scheme): the caller answers "wrong password" anyway.
        }
    }
}
