import SesameModel

/// Reads OIDC `login_hint` as MAS does: `mxid:@user:server` names a local user when the server
/// name is ours; a bare username is taken as it is; anything else is ignored (it is only a hint).
public enum LoginHint {
    /// The Matrix-ID form's prefix.
    public static let matrixIDPrefix = "mxid:"

    /// The username `hint` suggests on the homeserver `serverName`, or nil.
    public static func username(from hint: String, serverName: String) -> String? {
        if hint.hasPrefix(matrixIDPrefix) {
            let mxid = hint.dropFirst(matrixIDPrefix.count)
            guard mxid.hasPrefix("@"), let colon = mxid.firstIndex(of: ":") else { return nil }
            let localpart = String(mxid[mxid.index(after: mxid.startIndex)..<colon])
            let server = mxid[mxid.index(after: colon)...]
            guard server == serverName, Username(localpart) != nil else { return nil }
            return localpart
        }
        return Username(hint) != nil ? hint : nil
    }
}
