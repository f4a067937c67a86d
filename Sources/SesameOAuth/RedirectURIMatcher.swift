import Foundation

/// Decides whether a requested redirect URI is one the client registered.
/// RFC 6749 §3.1.2.3 and RFC 9700 §4.1.3: compare exactly; the only exception is RFC 8252 §7.3,
/// loopback redirects of native apps, whose port is chosen at run time.
public enum RedirectURIMatcher {
    /// The out-of-band redirect: the code is shown on a page for the user to copy.
    public static let outOfBand = "urn:ietf:wg:oauth:2.0:oob"

    /// The registered URI `requested` matches, if any.
    public static func match(_ requested: String, registered: [String]) -> String? {
        if let exact = registered.first(where: { $0 == requested }) { return exact }
        guard let requestedParts = loopbackParts(requested) else { return nil }
        return registered.first { candidate in
            guard let candidateParts = loopbackParts(candidate) else { return false }
            return candidateParts == requestedParts
        }
    }

    /// For `http://127.0.0.1:PORT/path`, `http://[::1]:PORT/path` and `http://localhost:PORT/path`:
    /// everything but the port; nil for any other URI.
    private static func loopbackParts(_ uri: String) -> [String]? {
        guard let components = URLComponents(string: uri), components.scheme == "http",
              let host = components.host, ["127.0.0.1", "[::1]", "::1", "localhost"].contains(host),
              components.fragment == nil
        else { return nil }
        return [host, components.percentEncodedPath, components.percentEncodedQuery ?? ""]
    }
}
