/// A successful device authorization answer (RFC 8628 §3.2).
public struct DeviceAuthorizationResponse: Codable, Sendable, Equatable {
    /// The secret the device polls the token endpoint with.
    public var deviceCode: String
    /// The code the person types, formatted `XXXX-XXXX`.
    public var userCode: String
    /// Where the person goes to type it.
    public var verificationURI: String
    /// The same page with the code filled in (for a QR code or a link).
    public var verificationURIComplete: String
    /// Seconds until both codes expire.
    public var expiresIn: Int
    /// Seconds the device must wait between polls.
    public var interval: Int

    enum CodingKeys: String, CodingKey {
        case deviceCode = "device_code", userCode = "user_code", verificationURI = "verification_uri"
        case verificationURIComplete = "verification_uri_complete", expiresIn = "expires_in", interval
    }

    /// Creates a response.
    public init(deviceCode: String, userCode: String, verificationURI: String, verificationURIComplete: String, expiresIn: Int, interval: Int) {
        self.deviceCode = deviceCode
        self.userCode = userCode
        self.verificationURI = verificationURI
        self.verificationURIComplete = verificationURIComplete
        self.expiresIn = expiresIn
        self.interval = interval
    }
}
