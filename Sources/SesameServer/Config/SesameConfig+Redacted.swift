import Foundation

extension SesameConfig {
    /// The placeholder shown instead of a secret.
    public static let redactedValue = "<redacted>"

    /// A copy with every secret replaced by a placeholder, safe to print or log.
    public func redacted() -> SesameConfig {
        var copy = self
        let hidden = Self.redactedValue
        if copy.secrets.encryption != nil { copy.secrets.encryption = hidden }
        copy.secrets.keys = copy.secrets.keys.map { key in
            var key = key
            if key.key != nil { key.key = hidden }
            return key
        }
        if copy.matrix.secret != nil { copy.matrix.secret = hidden }
        if copy.database.password != nil { copy.database.password = hidden }
        if let uri = copy.database.uri, var components = URLComponents(string: uri), let password = components.percentEncodedPassword {
            if let range = uri.range(of: ":\(password)@") {
                // Spliced in as text: through URLComponents the placeholder would read %3Credacted%3E.
                copy.database.uri = uri.replacingCharacters(in: range, with: ":\(hidden)@")
            } else {
                components.password = hidden
                copy.database.uri = components.string
            }
        }
        if copy.email.password != nil { copy.email.password = hidden }
        copy.clients = copy.clients.map { client in
            var client = client
            if client.clientSecret != nil { client.clientSecret = hidden }
            return client
        }
        return copy
    }
}
