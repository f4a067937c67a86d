extension Migration {
    /// Version 3: the display name a user chose on the account page. Sesame keeps its own copy, so
    /// the page shows it at once and the queued job can push it to the homeserver again after a
    /// failure or a reactivation.
    static let displayName = Migration(version: 3, name: "user display name") { _ in
        ["ALTER TABLE users ADD COLUMN display_name TEXT"]
    }
}
