/// The scopes that give access to a Matrix homeserver (MSC2967), in their stable
/// (`urn:matrix:client:…`) and unstable (`urn:matrix:org.matrix.msc2967.client:…`) spellings,
/// plus the admin and API scopes Sesame understands.
public enum MatrixScope {
    /// Full client-server API access.
    public static let api: ScopeToken = "urn:matrix:client:api:*"
    /// The unstable spelling of `api`.
    public static let unstableAPI: ScopeToken = "urn:matrix:org.matrix.msc2967.client:api:*"
    /// Prefix of the device scope; the device ID follows.
    public static let devicePrefix = "urn:matrix:client:device:"
    /// Unstable prefix of the device scope.
    public static let unstableDevicePrefix = "urn:matrix:org.matrix.msc2967.client:device:"
    /// Makes the token's user a Synapse server admin.
    public static let synapseAdmin: ScopeToken = "urn:synapse:admin:*"
    /// Admin powers in Sesame's own APIs (GraphQL, admin REST API).
    public static let masAdmin: ScopeToken = "urn:mas:admin"
    /// Access to Sesame's GraphQL API as the token's user.
    public static let masGraphQL: ScopeToken = "urn:mas:graphql:*"

    /// Which spelling a request used.
    public enum Form: Sendable, Equatable { case stable, unstable }

    /// What a scope asks of the homeserver.
    public struct Summary: Sendable, Equatable {
        /// Whether it grants client-server API access.
        public var grantsAPI: Bool
        /// The device it names, if any.
        public var deviceID: DeviceID?
        /// The spelling used, when any Matrix scope is present.
        public var form: Form?
        /// Whether it asks for Synapse admin powers.
        public var isSynapseAdmin: Bool
    }

    /// Why a scope's Matrix part was refused.
    public enum Problem: Error, Equatable, Sendable, CustomStringConvertible {
        case mixedForms
        case severalDevices
        case invalidDeviceID(String)

        public var description: String {
            switch self {
            case .mixedForms: "stable (urn:matrix:client:…) and unstable (urn:matrix:org.matrix.msc2967.client:…) Matrix scopes cannot be mixed in one request"
            case .severalDevices: "at most one device scope may be requested"
            case .invalidDeviceID(let id): "\(id) is not a valid device ID"
            }
        }
    }

    /// Reads the Matrix part of `scope`, refusing mixed spellings and more than one device.
    public static func summarize(_ scope: Scope) throws(Problem) -> Summary {
        var form: Form?
        var mixesForms = false
        var devices: [DeviceID] = []
        var grantsAPI = false
        for token in scope.tokens {
            let tokenForm: Form
            if token == api || token == unstableAPI {
                grantsAPI = true
                tokenForm = token == api ? .stable : .unstable
            } else if let (deviceForm, id) = deviceSuffix(token.rawValue) {
                guard let device = DeviceID(id) else { throw .invalidDeviceID(id) }
                devices.append(device)
                tokenForm = deviceForm
            } else {
                continue
            }
            if let form, form != tokenForm { mixesForms = true }
            form = tokenForm
        }
        // Checked after the walk, so an invalid device ID is reported first, wherever it stands.
        guard !mixesForms else { throw .mixedForms }
        guard devices.count <= 1 else { throw .severalDevices }
        return Summary(grantsAPI: grantsAPI, deviceID: devices.first, form: form, isSynapseAdmin: scope.contains(synapseAdmin))
    }

    /// The device scope for `deviceID` in the given spelling.
    public static func deviceScope(_ deviceID: DeviceID, form: Form = .stable) -> ScopeToken {
        ScopeToken((form == .stable ? devicePrefix : unstableDevicePrefix) + deviceID.rawValue)!
    }

    /// `scope` with every Matrix token also given in its other spelling, as Synapse expects from
    /// introspection whichever spelling the client used.
    public static func withBothForms(_ scope: Scope) -> Scope {
        var added: [ScopeToken] = []
        for token in scope.tokens {
            if token == api || token == unstableAPI {
                added.append(token == api ? unstableAPI : api)
            } else if let (form, id) = deviceSuffix(token.rawValue), let device = DeviceID(id) {
                added.append(deviceScope(device, form: form == .stable ? .unstable : .stable))
            }
        }
        return added.isEmpty ? scope : scope.adding(added)
    }

    /// The device ID after either prefix. On the UTF-8 bytes: the prefixes are ASCII, and comparing
    /// and dropping characters walks grapheme clusters, on every introspection (issue 7).
    private static func deviceSuffix(_ text: String) -> (Form, String)? {
        for (form, prefix) in [(Form.stable, devicePrefix), (.unstable, unstableDevicePrefix)] where text.utf8.starts(with: prefix.utf8) {
            return (form, String(Substring(text.utf8.dropFirst(prefix.utf8.count))))
        }
        return nil
    }
}
