import SesameModel

/// The requested access in plain words, in a stable order: signing in first, admin powers last.
enum ScopeDescriptions {
    /// One line of the consent list.
    struct Line {
        var text: String
        /// Admin powers are highlighted so nobody grants them by accident.
        var isSensitive: Bool

        var values: [String: Any] { ["text": text, "sensitive": isSensitive] }
    }

    /// The lines describing `scope`; the API scope's two spellings read the same and appear once.
    static func lines(for scope: Scope, strings: WebStrings) -> [Line] {
        var ranked: [(rank: Int, line: Line)] = []
        var sawAPI = false
        for token in scope.tokens {
            let text = token.rawValue
            if token == .openID {
                ranked.append((0, Line(text: strings["scope_openid"], isSensitive: false)))
            } else if token == .email {
                ranked.append((1, Line(text: strings["scope_email"], isSensitive: false)))
            } else if text == "profile" {
                ranked.append((2, Line(text: strings["scope_profile"], isSensitive: false)))
            } else if token == MatrixScope.api || token == MatrixScope.unstableAPI {
                if !sawAPI { ranked.append((3, Line(text: strings["scope_matrix_api"], isSensitive: false))) }
                sawAPI = true
            } else if let device = deviceID(in: text) {
                ranked.append((4, Line(text: strings.format("scope_matrix_device", ["device": device]), isSensitive: false)))
            } else if token == MatrixScope.masGraphQL {
                ranked.append((5, Line(text: strings["scope_mas_graphql"], isSensitive: false)))
            } else if token == MatrixScope.synapseAdmin {
                ranked.append((6, Line(text: strings["scope_synapse_admin"], isSensitive: true)))
            } else if token == MatrixScope.masAdmin {
                ranked.append((7, Line(text: strings["scope_mas_admin"], isSensitive: true)))
            } else {
                ranked.append((8, Line(text: strings.format("scope_other", ["scope": text]), isSensitive: false)))
            }
        }
        return ranked.sorted { $0.rank < $1.rank }.map(\.line)
    }

    private static func deviceID(in text: String) -> String? {
        for prefix in [MatrixScope.devicePrefix, MatrixScope.unstableDevicePrefix] where text.hasPrefix(prefix) {
            return String(text.dropFirst(prefix.count))
        }
        return nil
    }
}
