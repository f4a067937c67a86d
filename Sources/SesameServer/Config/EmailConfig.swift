import SesameEmail

/// `email`: how Sesame sends mail (MAS's section, plus `log`, `password_file`,
/// `allow_plaintext_auth` and `ca_file`).
public struct EmailConfig: ConfigSection, Equatable {
    /// `blackhole` (drop, the default as in MAS), `log` (write to the log, for development) or
    /// `smtp`. MAS's `sendmail` is refused with a clear message.
    public enum Transport: String, Codable, Sendable, CaseIterable {
        case blackhole, log, smtp

        public init(from decoder: any Decoder) throws {
            let container = try decoder.singleValueContainer()
            let value = try container.decode(String.self)
            if value == "sendmail" {
                throw DecodingError.dataCorrupted(.init(
                    codingPath: decoder.codingPath,
                    debugDescription: "the sendmail transport is not supported by Sesame; use smtp (with a local relay: mode plain, hostname localhost, port 25)"
                ))
            }
            guard let transport = Transport(rawValue: value) else {
                throw DecodingError.dataCorrupted(.init(
                    codingPath: decoder.codingPath,
                    debugDescription: "unknown transport \"\(value)\"; use one of \(Self.allCases.map(\.rawValue).joined(separator: ", "))"
                ))
            }
            self = transport
        }
    }

    /// How the SMTP connection is secured: `plain` (port 25), `starttls` (587) or `tls` (465).
    public enum Mode: String, Codable, Sendable, CaseIterable {
        case plain, tls, starttls

        /// The SMTP client's name for this mode.
        public var security: SMTPServerSettings.Security {
            switch self {
            case .plain: .plain
            case .starttls: .startTLS
            case .tls: .implicitTLS
            }
        }
    }

    public var from: String
    public var replyTo: String?
    public var transport: Transport
    public var mode: Mode
    public var hostname: String?
    /// Defaults to the mode's port: 25, 587 or 465.
    public var port: Int?
    public var username: String?
    public var password: String?
    /// A file holding the SMTP password.
    public var passwordFile: String?
    /// Send the SMTP password over an unencrypted connection (mode `plain`); off by default.
    public var allowPlaintextAuth: Bool
    /// A PEM file of certificate authorities to trust instead of the system's (an internal relay).
    public var caFile: String?

    public enum CodingKeys: String, CodingKey, CaseIterable {
        case from, replyTo = "reply_to", transport, mode, hostname, port, username, password, passwordFile = "password_file"
        case allowPlaintextAuth = "allow_plaintext_auth", caFile = "ca_file"
    }

    /// Mail is dropped until a transport is configured.
    public static let `default` = EmailConfig(from: "\"Sesame\" <root@localhost>", transport: .blackhole, mode: .starttls)

    init(from: String, transport: Transport, mode: Mode) {
        self.from = from
        self.transport = transport
        self.mode = mode
        self.allowPlaintextAuth = false
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        from = try c.decode(.from, default: Self.default.from)
        replyTo = try c.decodeIfPresent(String.self, forKey: .replyTo)
        transport = try c.decode(.transport, default: Self.default.transport)
        mode = try c.decode(.mode, default: Self.default.mode)
        hostname = try c.decodeIfPresent(String.self, forKey: .hostname)
        port = try c.decodeIfPresent(Int.self, forKey: .port)
        username = try c.decodeIfPresent(String.self, forKey: .username)
        password = try c.decodeIfPresent(String.self, forKey: .password)
        passwordFile = try c.decodeIfPresent(String.self, forKey: .passwordFile)
        allowPlaintextAuth = try c.decode(.allowPlaintextAuth, default: false)
        caFile = try c.decodeIfPresent(String.self, forKey: .caFile)
    }

    /// The checks the types cannot make, each naming its key.
    func validate() throws(ConfigError) {
        func check(_ key: String, _ condition: Bool, _ reason: String) throws(ConfigError) {
            if !condition { throw .invalid(key: "email.\(key)", line: nil, reason: reason) }
        }
        do {
            _ = try Mailbox(parsing: from)
        } catch {
            throw .invalid(key: "email.from", line: nil, reason: "\(error.description); write a mailbox such as '\"Sesame\" <noreply@example.org>'")
        }
        if let replyTo {
            do {
                _ = try Mailbox(parsing: replyTo)
            } catch {
                throw .invalid(key: "email.reply_to", line: nil, reason: "\(error.description); write a mailbox such as '\"Support\" <support@example.org>'")
            }
        }
        if let port { try check("port", (1...65535).contains(port), "must be a TCP port between 1 and 65535") }
        try check("password_file", password == nil || passwordFile == nil, "give either password or password_file, not both")
        try check("username", username != nil || (password == nil && passwordFile == nil), "a password needs a username")
        guard transport == .smtp else { return }
        try check("hostname", !(hostname ?? "").isEmpty, "the smtp transport needs a hostname")
        try check("password", username == nil || password != nil || passwordFile != nil, "a username needs password or password_file")
        try check("allow_plaintext_auth", username == nil || mode != .plain || allowPlaintextAuth,
                  "mode plain would send the SMTP password unencrypted: use mode starttls or tls, or set allow_plaintext_auth: true")
    }
}
