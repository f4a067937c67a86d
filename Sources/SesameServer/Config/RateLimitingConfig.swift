/// A token bucket: `burst` requests at once, refilled at `per_second`.
public struct RateLimit: Codable, Sendable, Equatable {
    public var burst: Int
    public var perSecond: Double

    enum CodingKeys: String, CodingKey {
        case burst, perSecond = "per_second"
    }

    init(burst: Int, perSecond: Double) {
        self.burst = burst
        self.perSecond = perSecond
    }
}

/// A limit applied per client IP and per targeted account or address.
public struct PairedRateLimit: Codable, Sendable, Equatable {
    public var perIP: RateLimit
    public var perTarget: RateLimit

    enum CodingKeys: String, CodingKey {
        case perIP = "per_ip", perAccount = "per_account", perAddress = "per_address"
    }

    init(perIP: RateLimit, perTarget: RateLimit) {
        self.perIP = perIP
        self.perTarget = perTarget
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        perIP = try c.decode(RateLimit.self, forKey: .perIP)
        // MAS names the second bucket per_account for logins and per_address for emails.
        perTarget = try c.decodeIfPresent(RateLimit.self, forKey: .perAccount) ?? c.decode(RateLimit.self, forKey: .perAddress)
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(perIP, forKey: .perIP)
        try c.encode(perTarget, forKey: .perAccount)
    }
}

/// `rate_limiting`: how fast each sensitive action may be repeated.
public struct RateLimitingConfig: ConfigSection, Equatable {
    public var login: PairedRateLimit
    public var registration: RateLimit
    public var accountRecovery: PairedRateLimit
    public var emailAuthentication: PairedRateLimit

    public enum CodingKeys: String, CodingKey, CaseIterable {
        case login, registration, accountRecovery = "account_recovery", emailAuthentication = "email_authentication"
    }

    /// MAS's defaults.
    public static let `default` = RateLimitingConfig(
        login: PairedRateLimit(perIP: RateLimit(burst: 3, perSecond: 3.0 / 60), perTarget: RateLimit(burst: 1800, perSecond: 1800.0 / 3600)),
        registration: RateLimit(burst: 3, perSecond: 3.0 / 3600),
        accountRecovery: PairedRateLimit(perIP: RateLimit(burst: 3, perSecond: 3.0 / 3600), perTarget: RateLimit(burst: 3, perSecond: 3.0 / 3600)),
        emailAuthentication: PairedRateLimit(perIP: RateLimit(burst: 5, perSecond: 1.0 / 60), perTarget: RateLimit(burst: 3, perSecond: 1.0 / 3600))
    )

    init(login: PairedRateLimit, registration: RateLimit, accountRecovery: PairedRateLimit, emailAuthentication: PairedRateLimit) {
        self.login = login
        self.registration = registration
        self.accountRecovery = accountRecovery
        self.emailAuthentication = emailAuthentication
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let d = Self.default
        login = try c.decode(.login, default: d.login)
        registration = try c.decode(.registration, default: d.registration)
        accountRecovery = try c.decode(.accountRecovery, default: d.accountRecovery)
        emailAuthentication = try c.decode(.emailAuthentication, default: d.emailAuthentication)
    }
}
