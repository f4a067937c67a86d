extension Migration {
    /// Version 1: every table the mission needs. IDs are ULID text; tokens are stored only as
    /// SHA-256 hex hashes; scope lists are space-separated text (portable across both engines).
    static let initialSchema = Migration(version: 1, name: "initial schema") { t in
        [
            """
            CREATE TABLE users (
                id TEXT PRIMARY KEY,
                username TEXT NOT NULL UNIQUE,
                created_at \(t.timestamp) NOT NULL,
                locked_at \(t.timestamp),
                deactivated_at \(t.timestamp),
                can_request_admin BOOLEAN NOT NULL DEFAULT FALSE
            )
            """,
            """
            CREATE TABLE user_passwords (
                id TEXT PRIMARY KEY,
                user_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
                hashed_password TEXT NOT NULL,
                scheme_version BIGINT NOT NULL,
                upgraded_from_id TEXT REFERENCES user_passwords (id),
                created_at \(t.timestamp) NOT NULL
            )
            """,
            "CREATE INDEX user_passwords_user_id ON user_passwords (user_id, id)",
            """
            CREATE TABLE user_emails (
                id TEXT PRIMARY KEY,
                user_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
                email TEXT NOT NULL,
                email_lower TEXT NOT NULL,
                created_at \(t.timestamp) NOT NULL,
                confirmed_at \(t.timestamp),
                UNIQUE (user_id, email_lower)
            )
            """,
            "CREATE INDEX user_emails_email_lower ON user_emails (email_lower)",
            """
            CREATE TABLE browser_sessions (
                id TEXT PRIMARY KEY,
                user_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
                created_at \(t.timestamp) NOT NULL,
                finished_at \(t.timestamp),
                user_agent TEXT,
                last_active_at \(t.timestamp),
                last_active_ip TEXT
            )
            """,
            "CREATE INDEX browser_sessions_user_id ON browser_sessions (user_id)",
            """
            CREATE TABLE browser_session_authentications (
                id TEXT PRIMARY KEY,
                browser_session_id TEXT NOT NULL REFERENCES browser_sessions (id) ON DELETE CASCADE,
                method TEXT NOT NULL,
                created_at \(t.timestamp) NOT NULL
            )
            """,
            "CREATE INDEX browser_session_authentications_session ON browser_session_authentications (browser_session_id, id)",
            """
            CREATE TABLE oauth_clients (
                id TEXT PRIMARY KEY,
                is_static BOOLEAN NOT NULL DEFAULT FALSE,
                client_name TEXT,
                client_uri TEXT,
                logo_uri TEXT,
                tos_uri TEXT,
                policy_uri TEXT,
                redirect_uris TEXT NOT NULL,
                grant_types TEXT NOT NULL,
                token_endpoint_auth_method TEXT NOT NULL,
                encrypted_client_secret TEXT,
                jwks TEXT,
                jwks_uri TEXT,
                application_type TEXT NOT NULL,
                contacts TEXT NOT NULL,
                allowed_scope TEXT,
                id_token_signed_response_alg TEXT,
                created_at \(t.timestamp) NOT NULL,
                metadata_digest TEXT
            )
            """,
            // Identical public registrations reuse one client (as MAS does); NULLs never collide.
            "CREATE UNIQUE INDEX oauth_clients_metadata_digest ON oauth_clients (metadata_digest)",
            """
            CREATE TABLE oauth_sessions (
                id TEXT PRIMARY KEY,
                client_id TEXT NOT NULL REFERENCES oauth_clients (id) ON DELETE CASCADE,
                user_id TEXT REFERENCES users (id) ON DELETE CASCADE,
                browser_session_id TEXT REFERENCES browser_sessions (id) ON DELETE SET NULL,
                scope TEXT NOT NULL,
                created_at \(t.timestamp) NOT NULL,
                finished_at \(t.timestamp),
                human_name TEXT,
                user_agent TEXT,
                last_active_at \(t.timestamp),
                last_active_ip TEXT
            )
            """,
            "CREATE INDEX oauth_sessions_user_id ON oauth_sessions (user_id)",
            "CREATE INDEX oauth_sessions_client_id ON oauth_sessions (client_id)",
            """
            CREATE TABLE oauth_consents (
                id TEXT PRIMARY KEY,
                user_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
                client_id TEXT NOT NULL REFERENCES oauth_clients (id) ON DELETE CASCADE,
                scope_token TEXT NOT NULL,
                created_at \(t.timestamp) NOT NULL,
                UNIQUE (user_id, client_id, scope_token)
            )
            """,
            """
            CREATE TABLE oauth_authorization_grants (
                id TEXT PRIMARY KEY,
                client_id TEXT NOT NULL REFERENCES oauth_clients (id) ON DELETE CASCADE,
                redirect_uri TEXT NOT NULL,
                scope TEXT NOT NULL,
                state TEXT,
                nonce TEXT,
                response_mode TEXT NOT NULL,
                code_challenge TEXT,
                max_age BIGINT,
                login_hint TEXT,
                requires_consent BOOLEAN NOT NULL DEFAULT FALSE,
                code_hash TEXT UNIQUE,
                prompt TEXT,
                created_at \(t.timestamp) NOT NULL,
                fulfilled_at \(t.timestamp),
                exchanged_at \(t.timestamp),
                cancelled_at \(t.timestamp),
                oauth_session_id TEXT REFERENCES oauth_sessions (id) ON DELETE CASCADE
            )
            """,
            """
            CREATE TABLE oauth_device_code_grants (
                id TEXT PRIMARY KEY,
                client_id TEXT NOT NULL REFERENCES oauth_clients (id) ON DELETE CASCADE,
                scope TEXT NOT NULL,
                device_code_hash TEXT NOT NULL UNIQUE,
                user_code TEXT NOT NULL UNIQUE,
                created_at \(t.timestamp) NOT NULL,
                expires_at \(t.timestamp) NOT NULL,
                last_polled_at \(t.timestamp),
                user_agent TEXT,
                ip TEXT,
                fulfilled_at \(t.timestamp),
                rejected_at \(t.timestamp),
                exchanged_at \(t.timestamp),
                browser_session_id TEXT REFERENCES browser_sessions (id) ON DELETE CASCADE,
                oauth_session_id TEXT REFERENCES oauth_sessions (id) ON DELETE CASCADE
            )
            """,
            """
            CREATE TABLE oauth_access_tokens (
                id TEXT PRIMARY KEY,
                oauth_session_id TEXT NOT NULL REFERENCES oauth_sessions (id) ON DELETE CASCADE,
                token_hash TEXT NOT NULL UNIQUE,
                created_at \(t.timestamp) NOT NULL,
                expires_at \(t.timestamp),
                revoked_at \(t.timestamp),
                first_used_at \(t.timestamp)
            )
            """,
            "CREATE INDEX oauth_access_tokens_session ON oauth_access_tokens (oauth_session_id)",
            """
            CREATE TABLE oauth_refresh_tokens (
                id TEXT PRIMARY KEY,
                oauth_session_id TEXT NOT NULL REFERENCES oauth_sessions (id) ON DELETE CASCADE,
                oauth_access_token_id TEXT REFERENCES oauth_access_tokens (id) ON DELETE SET NULL,
                token_hash TEXT NOT NULL UNIQUE,
                created_at \(t.timestamp) NOT NULL,
                consumed_at \(t.timestamp),
                next_refresh_token_id TEXT REFERENCES oauth_refresh_tokens (id),
                revoked_at \(t.timestamp)
            )
            """,
            "CREATE INDEX oauth_refresh_tokens_session ON oauth_refresh_tokens (oauth_session_id)",
            """
            CREATE TABLE compat_sessions (
                id TEXT PRIMARY KEY,
                user_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
                device_id TEXT NOT NULL,
                browser_session_id TEXT REFERENCES browser_sessions (id) ON DELETE SET NULL,
                is_synapse_admin BOOLEAN NOT NULL DEFAULT FALSE,
                created_at \(t.timestamp) NOT NULL,
                finished_at \(t.timestamp),
                human_name TEXT,
                user_agent TEXT,
                last_active_at \(t.timestamp),
                last_active_ip TEXT
            )
            """,
            "CREATE INDEX compat_sessions_user_device ON compat_sessions (user_id, device_id)",
            """
            CREATE TABLE compat_access_tokens (
                id TEXT PRIMARY KEY,
                compat_session_id TEXT NOT NULL REFERENCES compat_sessions (id) ON DELETE CASCADE,
                token_hash TEXT NOT NULL UNIQUE,
                created_at \(t.timestamp) NOT NULL,
                expires_at \(t.timestamp),
                revoked_at \(t.timestamp)
            )
            """,
            "CREATE INDEX compat_access_tokens_session ON compat_access_tokens (compat_session_id)",
            """
            CREATE TABLE compat_refresh_tokens (
                id TEXT PRIMARY KEY,
                compat_session_id TEXT NOT NULL REFERENCES compat_sessions (id) ON DELETE CASCADE,
                compat_access_token_id TEXT NOT NULL REFERENCES compat_access_tokens (id) ON DELETE CASCADE,
                token_hash TEXT NOT NULL UNIQUE,
                created_at \(t.timestamp) NOT NULL,
                consumed_at \(t.timestamp),
                revoked_at \(t.timestamp)
            )
            """,
            "CREATE INDEX compat_refresh_tokens_session ON compat_refresh_tokens (compat_session_id)",
            """
            CREATE TABLE compat_sso_logins (
                id TEXT PRIMARY KEY,
                login_token_hash TEXT NOT NULL UNIQUE,
                redirect_uri TEXT NOT NULL,
                created_at \(t.timestamp) NOT NULL,
                fulfilled_at \(t.timestamp),
                exchanged_at \(t.timestamp),
                browser_session_id TEXT REFERENCES browser_sessions (id) ON DELETE CASCADE,
                compat_session_id TEXT REFERENCES compat_sessions (id) ON DELETE CASCADE
            )
            """,
            """
            CREATE TABLE personal_sessions (
                id TEXT PRIMARY KEY,
                owner_user_id TEXT REFERENCES users (id) ON DELETE CASCADE,
                owner_client_id TEXT REFERENCES oauth_clients (id) ON DELETE CASCADE,
                actor_user_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
                human_name TEXT NOT NULL,
                scope TEXT NOT NULL,
                created_at \(t.timestamp) NOT NULL,
                revoked_at \(t.timestamp),
                user_agent TEXT,
                last_active_at \(t.timestamp),
                last_active_ip TEXT,
                CHECK ((owner_user_id IS NULL) <> (owner_client_id IS NULL))
            )
            """,
            "CREATE INDEX personal_sessions_actor ON personal_sessions (actor_user_id)",
            """
            CREATE TABLE personal_access_tokens (
                id TEXT PRIMARY KEY,
                personal_session_id TEXT NOT NULL REFERENCES personal_sessions (id) ON DELETE CASCADE,
                token_hash TEXT NOT NULL UNIQUE,
                created_at \(t.timestamp) NOT NULL,
                expires_at \(t.timestamp),
                revoked_at \(t.timestamp)
            )
            """,
            "CREATE INDEX personal_access_tokens_session ON personal_access_tokens (personal_session_id)",
            """
            CREATE TABLE registration_tokens (
                id TEXT PRIMARY KEY,
                token TEXT NOT NULL UNIQUE,
                usage_limit BIGINT,
                times_used BIGINT NOT NULL DEFAULT 0,
                created_at \(t.timestamp) NOT NULL,
                last_used_at \(t.timestamp),
                expires_at \(t.timestamp),
                revoked_at \(t.timestamp)
            )
            """,
            """
            CREATE TABLE jobs (
                id TEXT PRIMARY KEY,
                queue TEXT NOT NULL,
                payload TEXT NOT NULL,
                state TEXT NOT NULL,
                attempts BIGINT NOT NULL DEFAULT 0,
                max_attempts BIGINT NOT NULL,
                run_at \(t.timestamp) NOT NULL,
                locked_until \(t.timestamp),
                last_error TEXT,
                created_at \(t.timestamp) NOT NULL,
                finished_at \(t.timestamp)
            )
            """,
            "CREATE INDEX jobs_due ON jobs (state, run_at)",
        ]
    }
}
