import Hummingbird

/// The account pages under `/account/`: overview and display name, password, sessions, personal
/// tokens, deactivation and the cross-signing reset (MSC4191 actions land on the overview).
struct AccountRoutes: Sendable {
    let environment: WebEnvironment

    typealias Handler = @Sendable (Request, SesameRequestContext) async throws -> Response
    typealias Guard = (@escaping Handler) -> Handler

    /// Adds the routes, each wrapped by `page` (an `EarlyResponse` answered with its response, the
    /// error page instead of a bare 500).
    func register(on router: Router<SesameRequestContext>, page: Guard) {
        let overview = AccountOverviewHandler(environment: environment)
        let password = AccountPasswordHandler(environment: environment)
        let sessions = AccountSessionsHandler(environment: environment)
        let tokens = AccountTokensHandler(environment: environment)
        let deactivate = AccountDeactivateHandler(environment: environment)
        let crossSigning = AccountCrossSigningHandler(environment: environment)
        let id: @Sendable (SesameRequestContext) -> String = { $0.parameters.get("id") ?? "" }

        // Hummingbird matches `/account` and `/account/` alike.
        router.get("/account/", use: page { request, _ in try await overview.show(request) })
        router.post("/account/display-name", use: page { request, _ in try await overview.setDisplayName(request) })
        router.get("/account/password", use: page { request, _ in try await password.show(request) })
        router.post("/account/password", use: page { request, _ in try await password.submit(request) })
        router.get("/account/sessions", use: page { request, _ in try await sessions.list(request) })
        router.get("/account/sessions/:id", use: page { request, context in try await sessions.detail(request, id: id(context)) })
        router.get("/account/sessions/:id/end", use: page { request, context in try await sessions.confirmEnd(request, id: id(context)) })
        router.post("/account/sessions/:id/end", use: page { request, context in try await sessions.end(request, id: id(context)) })
        router.get("/account/tokens", use: page { request, _ in try await tokens.list(request) })
        router.post("/account/tokens", use: page { request, _ in try await tokens.create(request) })
        router.post("/account/tokens/:id/revoke", use: page { request, context in try await tokens.revoke(request, id: id(context)) })
        router.get("/account/deactivate", use: page { request, _ in try await deactivate.show(request) })
        router.post("/account/deactivate", use: page { request, _ in try await deactivate.submit(request) })
        router.get("/account/cross-signing-reset", use: page { request, _ in try await crossSigning.show(request) })
        router.post("/account/cross-signing-reset", use: page { request, _ in try await crossSigning.submit(request) })
    }
}
