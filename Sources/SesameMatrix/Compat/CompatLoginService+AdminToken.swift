import Foundation
import SesameModel

/// Why the CLI could not issue a compatibility token.
public enum CompatTokenIssueError: Error, Equatable, Sendable, CustomStringConvertible {
    case invalidDeviceID(String)
    case userDeactivated(String)
    case homeserver(String)

    public var description: String {
        switch self {
        case .invalidDeviceID(let text): "\(text) is not a valid device ID: use 1 to 255 printable ASCII characters without spaces, quotes or backslashes"
        case .userDeactivated(let name): "the user \(name) is deactivated"
        case .homeserver(let reason): "the homeserver did not accept the device: \(reason)"
        }
    }
}

extension CompatLoginService {
    /// For `sesame manage issue-compatibility-token`: a compat session for `username` on
    /// `deviceID` (random when nil) whose `mct_` token never expires; with `synapseAdmin` the
    /// token carries `urn:synapse:admin:*`, so it works against Synapse's admin API.
    public func issueCompatibilityToken(username: String, deviceID: String?, synapseAdmin: Bool) async throws -> IssuedCompatibilityToken {
        let user = try await accounts.requireUser(username)
        guard user.deactivatedAt == nil else { throw CompatTokenIssueError.userDeactivated(username) }
        var device: DeviceID?
        if let deviceID {
            guard let parsed = DeviceID(deviceID) else { throw CompatTokenIssueError.invalidDeviceID(deviceID) }
            device = parsed
        }
        let options = SessionOptions(
            deviceID: device, displayName: nil, refreshable: false, isSynapseAdmin: synapseAdmin, userAgent: "sesame CLI", ip: nil
        )
        do {
            let response = try await startSession(for: user, options)
            return IssuedCompatibilityToken(accessToken: response.accessToken, userID: response.userID, deviceID: response.deviceID, isSynapseAdmin: synapseAdmin)
        } catch let error as MatrixError where error == .homeserverUnavailable {
            throw CompatTokenIssueError.homeserver(error.message)
        }
    }
}
