import SesameOAuth

/// Where a page may send the browser next (`next=`): only a path on this server. Anything that a
/// browser could read as another origin (`//evil`, `/\evil`, `https://…`) is refused, so the
/// pages cannot be used as an open redirect.
enum LocalPath {
    /// `text` when it is a local path, else nil.
    static func validated(_ text: String?) -> String? {
        guard let text, text.hasPrefix("/"), !text.hasPrefix("//"), !text.contains("\\"),
              text.unicodeScalars.allSatisfy({ $0.value > 0x20 && $0.value != 0x7F })
        else { return nil }
        return text
    }

    /// `path` with `parameters` added as a query (values percent-encoded).
    static func withQuery(_ path: String, _ parameters: [(String, String?)]) -> String {
        let pairs = parameters.compactMap { name, value in value.map { "\(name)=\(AuthorizationResponse.percentEncoded($0))" } }
        guard !pairs.isEmpty else { return path }
        return path + (path.contains("?") ? "&" : "?") + pairs.joined(separator: "&")
    }
}
