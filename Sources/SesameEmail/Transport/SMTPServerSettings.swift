/// Where and how `SMTPMailer` reaches its SMTP server.
public struct SMTPServerSettings: Sendable, Equatable {
    /// How the connection is protected.
    public enum Security: String, Sendable, Equatable, CaseIterable {
        /// No encryption (a relay on the same host or network).
        case plain
        /// Plain connection upgraded with `STARTTLS` (RFC 3207); refused if not offered.
        case startTLS = "starttls"
        /// TLS from the first byte (RFC 8314 "implicit TLS", port 465).
        case implicitTLS = "tls"

        /// The port each mode conventionally uses.
        public var defaultPort: Int {
            switch self {
            case .plain: 25
            case .startTLS: 587
            case .implicitTLS: 465
            }
        }
    }

    /// Credentials for SMTP AUTH. The description never shows the password.
    public struct Credentials: Sendable, Equatable, CustomStringConvertible {
        public var username: String
        public var password: String

        public init(username: String, password: String) {
            self.username = username
            self.password = password
        }

        public var description: String { "Credentials(username: \(username), password: <redacted>)" }
    }

    public var hostname: String
    public var port: Int
    public var security: Security
    public var credentials: Credentials?
    /// Send credentials over an unencrypted connection; off unless the operator asks for it.
    public var allowsPlaintextAuthentication: Bool
    /// A PEM file of certificate authorities to trust instead of the system's; certificate
    /// and host name verification stay on either way.
    public var trustedCertificatesFile: String?
    /// The name this client gives in `EHLO`.
    public var clientName: String
    /// How long to wait for the TCP connection to open.
    public var connectTimeout: Duration
    /// How long to wait for each reply.
    public var replyTimeout: Duration

    public init(
        hostname: String, port: Int? = nil, security: Security, credentials: Credentials? = nil,
        allowsPlaintextAuthentication: Bool = false, trustedCertificatesFile: String? = nil, clientName: String = "localhost",
        connectTimeout: Duration = .seconds(10), replyTimeout: Duration = .seconds(30)
    ) {
        self.hostname = hostname
        self.port = port ?? security.defaultPort
        self.security = security
        self.credentials = credentials
        self.allowsPlaintextAuthentication = allowsPlaintextAuthentication
        self.trustedCertificatesFile = trustedCertificatesFile
        self.clientName = clientName
        self.connectTimeout = connectTimeout
        self.replyTimeout = replyTimeout
    }
}
