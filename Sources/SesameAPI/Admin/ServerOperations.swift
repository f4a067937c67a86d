/// `/site-config` and `/version`: facts about this server.
struct ServerOperations {
    /// The version reported by `/version`.
    static let version = "0.1.0"

    let environment: AdminEnvironment
    init(_ environment: AdminEnvironment) { self.environment = environment }

    static let schemas: [String: AdminJSON] = [
        "SiteConfig": AdminSchema.object(["server_name": AdminSchema.string, "issuer": AdminSchema.string, "public_base": AdminSchema.string]),
        "Version": AdminSchema.object(["version": AdminSchema.string]),
    ]

    var all: [AdminOperation] {
        [
            AdminOperation(method: .get, path: "/site-config", operationID: "siteConfig", tag: "server", summary: "Get the site configuration",
                           response: AdminSchema.ref("SiteConfig")) { _ in
                [
                    "server_name": .string(environment.settings.matrixServerName),
                    "issuer": .string(environment.settings.issuer),
                    "public_base": .string(environment.settings.publicBase),
                ]
            },
            AdminOperation(method: .get, path: "/version", operationID: "version", tag: "server", summary: "Get the version of Sesame",
                           response: AdminSchema.ref("Version")) { _ in
                ["version": .string(Self.version)]
            },
        ]
    }
}
