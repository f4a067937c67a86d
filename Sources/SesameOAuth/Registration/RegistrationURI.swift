import Foundation

/// A URI from client metadata, parsed once, with the questions the registration rules ask of it.
struct RegistrationURI {
    let text: String
    let scheme: String
    /// The host in lower case, without the brackets of an IPv6 literal; nil when there is none.
    let host: String?
    let hasFragment: Bool

    /// Parses an absolute URI; nil when `text` is not one.
    init?(_ text: String) {
        guard let components = URLComponents(string: text), let scheme = components.scheme?.lowercased(), !scheme.isEmpty
        else { return nil }
        self.text = text
        self.scheme = scheme
        self.host = components.host.flatMap { host in
            let bare = host.hasPrefix("[") && host.hasSuffix("]") ? String(host.dropFirst().dropLast()) : host
            return bare.isEmpty ? nil : bare.lowercased()
        }
        self.hasFragment = components.fragment != nil
    }

    /// Whether this is `http(s)://host…`, https unless insecure URIs are allowed.
    func isWebURI(allowingHTTP: Bool) -> Bool {
        host != nil && (scheme == "https" || (allowingHTTP && scheme == "http"))
    }

    /// RFC 8252 §7.3: `http` on a loopback interface, any port.
    var isLoopback: Bool {
        scheme == "http" && ["127.0.0.1", "::1", "localhost"].contains(host ?? "")
    }

    /// Whether the host is `base` or one of its subdomains.
    func isOnHost(_ base: String) -> Bool {
        guard let host else { return false }
        return host == base || host.hasSuffix("." + base)
    }

    /// RFC 8252 §7.1: a private-use scheme in reverse-domain form that belongs to `host`, i.e. the
    /// reverse of the host itself or of a parent domain of at least two labels, as MAS accepts
    /// (`app.example.com` allows `com.example.app` and `com.example`).
    func isPrivateUseScheme(of host: String) -> Bool {
        let labels = host.split(separator: ".")
        guard labels.count >= 2 else { return false }
        return (2...labels.count).contains { count in
            labels.suffix(count).reversed().joined(separator: ".") == scheme
        }
    }
}
