import Foundation

/// Turns a redirect URI into a CSP source expression for `form-action`, refusing anything that
/// could smuggle extra directives into the header.
enum CSPSource {
    /// `https://app.example.com` for web URIs, `http://127.0.0.1:*` for loopback redirects (any
    /// port, RFC 8252 §7.3), `com.example.app:` for private-use schemes; nil for the OOB URI or
    /// anything unparseable.
    static func origin(of uri: String) -> String? {
        guard let components = URLComponents(string: uri), let scheme = components.scheme?.lowercased(), isSchemeName(scheme) else { return nil }
        guard scheme == "http" || scheme == "https" else {
            return scheme == "urn" ? nil : "\(scheme):"
        }
        guard let host = components.host?.lowercased(), !host.isEmpty, host.allSatisfy(isHostCharacter) else { return nil }
        let shownHost = host.contains(":") && !host.hasPrefix("[") ? "[\(host)]" : host
        if scheme == "http", ["127.0.0.1", "localhost", "::1", "[::1]"].contains(host) {
            return "http://\(shownHost):*"
        }
        if let port = components.port { return "\(scheme)://\(shownHost):\(port)" }
        return "\(scheme)://\(shownHost)"
    }

    private static func isSchemeName(_ text: String) -> Bool {
        guard let first = text.unicodeScalars.first, ("a"..."z").contains(first) else { return false }
        return text.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || "+.-".unicodeScalars.contains($0) }
    }

    private static func isHostCharacter(_ character: Character) -> Bool {
        character.isASCII && (character.isLetter || character.isNumber || ".-:[]".contains(character))
    }
}
