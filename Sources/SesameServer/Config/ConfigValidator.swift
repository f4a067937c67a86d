import Foundation
import SesameModel
import SesameStorage
import SesameWeb

/// Checks values the types alone cannot: URLs, key formats, required companions. Each check names
/// the key it is about.
enum ConfigValidator {
    static func validate(_ config: SesameConfig) throws(ConfigError) {
        try check("http.public_base", isHTTPURL(config.http.publicBase), "must be an absolute http(s) URL such as https://auth.example.com/")
        if let issuer = config.http.issuer {
            try check("http.issuer", isHTTPURL(issuer), "must be an absolute http(s) URL")
        }
        try check("http.listeners", !config.http.listeners.isEmpty, "at least one listener is needed")
        for entry in TrustedProxies.invalidEntries(config.http.trustedProxies) {
            try check("http.trusted_proxies", false, "\"\(entry)\" is not an IP address or CIDR network such as 10.0.0.0/8")
        }
        for (key, rule) in config.rateLimiting.rules {
            try check("rate_limiting.\(key)", rule.burst >= 1 && rule.perSecond > 0 && rule.perSecond.isFinite, "burst must be at least 1 and per_second above 0")
        }
        for (index, listener) in config.http.listeners.enumerated() {
            try check("http.listeners.\(index).binds", !listener.binds.isEmpty, "a listener needs at least one bind")
            for (bindIndex, bind) in listener.binds.enumerated() {
                try check("http.listeners.\(index).binds.\(bindIndex)", bind.hostAndPort != nil, "use address: \"HOST:PORT\" or host and port")
            }
        }
        do {
            _ = try DatabaseURI(parsing: config.databaseURI)
        } catch {
            throw .invalid(key: "database.uri", line: nil, reason: error.description)
        }
        try check("database.max_connections", config.database.maxConnections >= 1, "must be at least 1")
        if let encryption = config.secrets.encryption {
            try check("secrets.encryption", encryption.count == 64 && encryption.allSatisfy(\.isHexDigit), "must be 64 hex characters (32 bytes); generate one with `openssl rand -hex 32`")
        }
        for (index, key) in config.secrets.keys.enumerated() {
            try check("secrets.keys.\(index)", (key.key == nil) != (key.keyFile == nil), "give exactly one of key (inline PEM) or key_file")
        }
        let versions = config.passwords.schemes.map(\.version)
        try check("passwords.schemes", !config.passwords.enabled || !versions.isEmpty, "password login is enabled but no hashing scheme is configured")
        try check("passwords.schemes", Set(versions).count == versions.count, "scheme versions must be unique")
        for (index, scheme) in config.passwords.schemes.enumerated() where scheme.algorithm == .bcrypt {
            try check("passwords.schemes.\(index).cost", (4...31).contains(scheme.cost ?? 12), "bcrypt cost must be between 4 and 31")
        }
        try check("passwords.minimum_complexity", (0...4).contains(config.passwords.minimumComplexity), "must be between 0 and 4")
        // A token must outlive a request, and Synapse caches introspection answers for about two
        // minutes, so very long lifetimes make revocation slow to bite: allow one minute to one day.
        try check("experimental.access_token_ttl", (60...86_400).contains(config.experimental.accessTokenTTL), "must be between 60 and 86400 seconds")
        try check("experimental.compat_token_ttl", (60...86_400).contains(config.experimental.compatTokenTTL), "must be between 60 and 86400 seconds")
        if let expiration = config.experimental.inactiveSessionExpiration {
            // Shorter than the refresh cadence of a normal client would end sessions in use.
            try check("experimental.inactive_session_expiration.ttl", expiration.ttl >= 600, "must be at least 600 seconds")
        }
        try check("matrix.kind", config.matrix.kind == "synapse", "only synapse is supported")
        try check("matrix.endpoint", isHTTPURL(config.matrix.endpoint), "must be an absolute http(s) URL such as http://localhost:8008/")
        for (index, client) in config.clients.enumerated() {
            let key = "clients.\(index)"
            try check("\(key).client_id", ULID(client.clientID) != nil, "must be a ULID (26 characters, e.g. 01J7R4Z1Q2X3Y4Z5A6B7C8D9EF)")
            switch client.clientAuthMethod {
            case .clientSecretBasic, .clientSecretPost, .clientSecretJWT:
                try check("\(key).client_secret", client.clientSecret != nil || client.clientSecretFile != nil, "\(client.clientAuthMethod.rawValue) needs client_secret or client_secret_file")
            case .privateKeyJWT:
                try check("\(key).jwks", client.jwks != nil || client.jwksURI != nil, "private_key_jwt needs jwks or jwks_uri")
            case .none:
                break
            }
            for (uriIndex, uri) in client.redirectURIs.enumerated() {
                try check("\(key).redirect_uris.\(uriIndex)", URL(string: uri)?.scheme != nil, "must be an absolute URI")
            }
        }
        try config.email.validate()
        for (index, clientID) in config.policy.data.adminClients.enumerated() {
            try check("policy.data.admin_clients.\(index)", ULID(clientID) != nil, "must be a client ID (ULID)")
        }
    }

    private static func check(_ key: String, _ condition: Bool, _ reason: String) throws(ConfigError) {
        if !condition { throw .invalid(key: key, line: nil, reason: reason) }
    }

    private static func isHTTPURL(_ text: String) -> Bool {
        guard let url = URL(string: text), let scheme = url.scheme?.lowercased() else { return false }
        return (scheme == "http" || scheme == "https") && url.host != nil
    }
}
