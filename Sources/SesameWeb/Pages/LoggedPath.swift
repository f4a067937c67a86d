/// The form of a request path that may go to the log. Some paths carry a secret in a segment:
/// a password-recovery link is `/recover/{secret}`, and anyone holding it may set the account's
/// password until it is used. Those segments are replaced before logging.
public enum LoggedPath {
    /// Prefixes whose next segment is a secret.
    public static let secretSegmentPrefixes = ["/recover/"]

    public static func redacted(_ path: String) -> String {
        for prefix in secretSegmentPrefixes where path.hasPrefix(prefix) && path.count > prefix.count {
            let rest = path.dropFirst(prefix.count)
            let tail = rest.firstIndex(of: "/").map { String(rest[$0...]) } ?? ""
            return prefix + "<redacted>" + tail
        }
        return path
    }
}
