extension Migration {
    /// Version 2: email verification codes, registrations waiting for their code, and password
    /// recovery tickets. Codes and tickets are stored only as hashes.
    static let emailFlows = Migration(version: 2, name: "email verification and password recovery") { t in
        [
            """
            CREATE TABLE pending_registrations (
                id TEXT PRIMARY KEY,
                username TEXT NOT NULL,
                hashed_password TEXT NOT NULL,
                password_scheme_version BIGINT NOT NULL,
                email TEXT NOT NULL,
                registration_token_id TEXT REFERENCES registration_tokens (id) ON DELETE SET NULL,
                next_path TEXT,
                created_at \(t.timestamp) NOT NULL,
                expires_at \(t.timestamp) NOT NULL,
                completed_at \(t.timestamp)
            )
            """,
            """
            CREATE TABLE email_verifications (
                id TEXT PRIMARY KEY,
                email TEXT NOT NULL,
                registration_id TEXT REFERENCES pending_registrations (id) ON DELETE CASCADE,
                user_id TEXT REFERENCES users (id) ON DELETE CASCADE,
                code_hash TEXT NOT NULL,
                failed_attempts BIGINT NOT NULL DEFAULT 0,
                created_at \(t.timestamp) NOT NULL,
                expires_at \(t.timestamp) NOT NULL,
                consumed_at \(t.timestamp),
                CHECK ((registration_id IS NULL) <> (user_id IS NULL))
            )
            """,
            "CREATE INDEX email_verifications_registration ON email_verifications (registration_id)",
            "CREATE INDEX email_verifications_user ON email_verifications (user_id)",
            """
            CREATE TABLE password_recovery_tickets (
                id TEXT PRIMARY KEY,
                user_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
                email TEXT NOT NULL,
                ticket_hash TEXT NOT NULL UNIQUE,
                created_at \(t.timestamp) NOT NULL,
                expires_at \(t.timestamp) NOT NULL,
                used_at \(t.timestamp)
            )
            """,
            "CREATE INDEX password_recovery_tickets_user ON password_recovery_tickets (user_id)",
        ]
    }
}
