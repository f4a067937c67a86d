import Hummingbird

/// The email pages: typing a mailed code (`/verify-email/{id}`), password recovery (`/recover`,
/// `/recover/{ticket}`) and the account's addresses (`/account/emails`).
struct EmailRoutes: Sendable {
    let environment: WebEnvironment

    typealias Handler = @Sendable (Request, SesameRequestContext) async throws -> Response
    typealias Guard = (@escaping Handler) -> Handler

    /// Adds the routes, each wrapped by `page` (an `EarlyResponse` answered with its response, the
    /// error page instead of a bare 500).
    func register(on router: Router<SesameRequestContext>, page: Guard) {
        let verification = EmailVerificationHandler(environment: environment)
        let recovery = PasswordRecoveryHandler(environment: environment)
        let emails = AccountEmailsHandler(environment: environment)
        let id: @Sendable (SesameRequestContext) -> String = { $0.parameters.get("id") ?? "" }

        router.get("/verify-email/:id", use: page { request, context in try await verification.show(request, id: id(context)) })
        router.post("/verify-email/:id", use: page { request, context in try await verification.submit(request, id: id(context)) })
        router.post("/verify-email/:id/resend", use: page { request, context in try await verification.resend(request, id: id(context)) })
        router.get("/recover", use: page { request, _ in try await recovery.showStart(request) })
        router.post("/recover", use: page { request, _ in try await recovery.submitStart(request) })
        router.get("/recover/:id", use: page { request, context in try await recovery.showTicket(request, secret: id(context)) })
        router.post("/recover/:id", use: page { request, context in try await recovery.submitTicket(request, secret: id(context)) })
        router.get("/account/emails", use: page { request, _ in try await emails.list(request) })
        router.post("/account/emails", use: page { request, _ in try await emails.add(request) })
        router.post("/account/emails/:id/remove", use: page { request, context in try await emails.remove(request, id: id(context)) })
    }
}
