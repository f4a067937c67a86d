import Foundation
import SesameModel

/// A parsed `POST /_matrix/client/v3/login` body (Matrix spec, "Login").
struct CompatLoginRequest {
    /// How the client proves who it is.
    enum Credentials {
        /// `m.login.password`: `user` is a localpart or a full Matrix user ID, as typed.
        case password(user: String, password: String)
        /// `m.login.token`: the token an SSO redirect handed back.
        case token(String)
    }

    var credentials: Credentials
    /// The device to log in as; nil asks for a new random one.
    var deviceID: DeviceID?
    var initialDeviceDisplayName: String?
    /// The client supports refresh tokens, so the access token may expire.
    var wantsRefreshToken: Bool

    init(json: Data) throws(MatrixError) {
        let body = try JSONBody(json)
        let type = try body.requiredString("type")
        switch type {
        case "m.login.password":
            credentials = .password(user: try Self.user(body), password: try body.requiredString("password"))
        case "m.login.token":
            credentials = .token(try body.requiredString("token"))
        default:
            throw .unsupportedLoginType(type)
        }
        if let text = try body.string("device_id") {
            guard let deviceID = DeviceID(text) else {
                throw .invalidParameter("device_id must be 1 to 255 printable ASCII characters without spaces, quotes or backslashes")
            }
            self.deviceID = deviceID
        }
        initialDeviceDisplayName = try body.string("initial_device_display_name")
        wantsRefreshToken = try body.bool("refresh_token") ?? false
    }

    /// The user named by `identifier: {type: m.id.user, user}`, or by the deprecated top-level `user`.
    private static func user(_ body: JSONBody) throws(MatrixError) -> String {
        if let identifier = try body.object("identifier") {
            let type = try identifier.requiredString("type")
            guard type == "m.id.user" else { throw .unsupportedIdentifier(type) }
            return try identifier.requiredString("user")
        }
        if let user = try body.string("user") { return user }
        throw .missingParameter("identifier")
    }
}

/// Turns what a user typed into a localpart of this homeserver: `alice`, `@alice:example.com`.
enum MatrixUserName {
    /// The localpart, lower-cased as Synapse does; nil for a user ID on another server.
    static func localpart(_ typed: String, serverName: String) -> String? {
        guard typed.hasPrefix("@") else { return typed.lowercased() }
        let body = typed.dropFirst()
        guard let colon = body.firstIndex(of: ":"), body[body.index(after: colon)...] == serverName else { return nil }
        return body[..<colon].lowercased()
    }
}
