import Foundation
import Hummingbird
import SesameAccounts
import SesameEmail
import SesameOAuth

/// The browser-facing pages: authorization (`/authorize`, `/consent/{id}`), sign-in and out
/// (`/login`, `/logout`, `/register`), the device-flow page (`/link`), the legacy Matrix SSO
/// confirmation (`/complete-compat-sso/{id}`, when an approver is given) and the stylesheet.
public struct WebRoutes: Sendable {
    let environment: WebEnvironment
    let compatSSO: (any CompatSSOApprover)?

    /// Builds the pages over the protocol services and accounts; the templates come from the
    /// module's bundle (a missing or broken template is a packaging error and stops start-up).
    /// Without `compatSSO` the legacy Matrix SSO confirmation page is not served; without
    /// `rateLimits`, MAS's default limits apply; without `mailer`, mail is dropped.
    public init(
        services: OAuthServices, accounts: AccountService, options: WebOptions, compatSSO: (any CompatSSOApprover)? = nil,
        rateLimits: RateLimits? = nil, mailer: (any Mailer)? = nil
    ) {
        let renderer: PageRenderer
        do {
            renderer = try PageRenderer(bundle: .module)
        } catch {
            fatalError("SesameWeb resources are broken: \(error)")
        }
        environment = WebEnvironment(
            services: services, accounts: accounts, options: options, renderer: renderer,
            cookies: SessionCookieCodec(box: services.secretBox, secure: options.secureCookies),
            rateLimits: rateLimits ?? .masDefaults(clock: services.clock),
            outbox: MailOutbox(mailer: mailer ?? DroppingMailer())
        )
        self.compatSSO = compatSSO
    }

    /// Adds every page's routes to `router`.
    public func register(on router: Router<SesameRequestContext>) {
        let authorize = AuthorizeHandler(environment: environment)
        let consent = ConsentHandler(environment: environment)
        let login = LoginHandler(environment: environment)
        let logout = LogoutHandler(environment: environment)
        let registration = RegisterHandler(environment: environment)
        let link = DeviceLinkHandler(environment: environment)
        let renderer = environment.renderer

        router.get("/authorize", use: guarded { request, _ in try await authorize.handle(request, parameters: environment.query(request)) })
        router.post("/authorize", use: guarded { request, _ in try await authorize.handle(request, parameters: try await environment.form(request)) })
        router.get("/consent/:id", use: guarded { request, context in try await consent.show(request, grantID: context.parameters.get("id") ?? "") })
        router.post("/consent/:id", use: guarded { request, context in try await consent.submit(request, grantID: context.parameters.get("id") ?? "") })
        router.get("/login", use: guarded { request, _ in try await login.show(request) })
        router.post("/login", use: guarded { request, context in try await login.submit(request, context: context) })
        router.get("/logout", use: guarded { request, _ in try await logout.show(request) })
        router.post("/logout", use: guarded { request, _ in try await logout.submit(request) })
        router.get("/register", use: guarded { request, _ in try await registration.show(request) })
        router.post("/register", use: guarded { request, _ in try await registration.submit(request) })
        router.get("/link", use: guarded { request, _ in try await link.show(request) })
        router.post("/link", use: guarded { request, _ in try await link.submit(request) })
        if let compatSSO {
            let confirmation = CompatSSOHandler(environment: environment, approver: compatSSO)
            router.get("/complete-compat-sso/:id", use: guarded { request, context in try await confirmation.show(request, loginID: context.parameters.get("id") ?? "") })
            router.post("/complete-compat-sso/:id", use: guarded { request, context in try await confirmation.submit(request, loginID: context.parameters.get("id") ?? "") })
        }
        AccountRoutes(environment: environment).register(on: router, page: guarded)
        EmailRoutes(environment: environment).register(on: router, page: guarded)
        router.get("/assets/sesame.css") { _, _ in renderer.stylesheetResponse() }
    }

    /// Runs `handler`, answering an `EarlyResponse` with its response and an unexpected failure
    /// with an error page and one log line instead of a bare 500.
    private func guarded(
        _ handler: @escaping @Sendable (Request, SesameRequestContext) async throws -> Response
    ) -> @Sendable (Request, SesameRequestContext) async throws -> Response {
        let environment = environment
        return { request, context in
            do {
                return try await RequestClient.$ip.withValue(context.clientIP) { try await handler(request, context) }
            } catch let early as EarlyResponse {
                // A page that cannot go on (signed out, bad CSRF, unknown link) throws the response it needs.
                return early.response
            } catch let error as any HTTPResponseError {
                throw error
            } catch {
                context.logger.error("web page failed", metadata: ["path": "\(LoggedPath.redacted(request.uri.path))", "error": "\(error)"])
                let strings = environment.strings
                let page = Page.message(title: strings["server_error_title"], paragraphs: [strings["server_error_body"]], status: .internalServerError)
                return environment.renderer.render(page)
            }
        }
    }
}
