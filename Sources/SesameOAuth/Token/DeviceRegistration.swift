import SesameModel

/// The homeserver must know a device before a token naming it is used (Synapse's MAS contract),
/// so grants that return tokens with a device scope create the device first. The call runs before
/// the grant's transaction (on SQLite a transaction holds the only write lock, and the homeserver
/// may take seconds to answer); if it fails nothing is written, so the client can simply retry.
struct DeviceRegistration: Sendable {
    let services: OAuthServices

    /// Upserts the device `scope` names for `user`; a refusal when the homeserver did not confirm it.
    func ensureDevice(for scope: Scope, user: User, client: OAuthClient) async -> OAuthError? {
        guard let deviceID = (try? MatrixScope.summarize(scope))?.deviceID else { return nil }
        do {
            try await services.homeserver.upsertDevice(localpart: user.username.rawValue, deviceID: deviceID, displayName: client.clientName)
            return nil
        } catch {
            return OAuthError(.temporarilyUnavailable, "the homeserver could not register the device; try again shortly")
        }
    }
}
