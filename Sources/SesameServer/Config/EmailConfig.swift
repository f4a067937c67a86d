/// `email`: how Sesame sends mail.
public struct EmailConfig: ConfigSection, Equatable {
    /// `blackhole` (drop), `log` (write to the log, for development) or `smtp`.
    public enum Transport: String, Codable, Sendable, CaseIterable { case blackhole, log, smtp }
    /// How the SMTP connection is secured.
    public enum Mode: String, Codable, Sendable, CaseIterable { case plain, tls, starttls }

    public var from: String
    public var replyTo: String?
    public var transport: Transport
    public var mode: Mode
    public var hostname: String?
    public var port: Int?
    public var username: String?
    public var password: String?

    public enum CodingKeys: String, CodingKey, CaseIterable {
        case from, replyTo = "reply_to", transport, mode, hostname, port, username, password
    }

    /// Mail is dropped until a transport is configured.
    public static let `default` = EmailConfig(from: "\"Sesame\" <root@localhost>", transport: .blackhole, mode: .starttls)

    init(from: String, transport: Transport, mode: Mode) {
        self.from = from
        self.transport = transport
        self.mode = mode
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
    }
}
