import Hummingbird
import SesameModel
import SesameOAuth

/// `GET|POST /authorize` (RFC 6749 §4.1.1): validates the request, then either answers at once
/// (errors, `prompt=none`) or records a pending grant and sends the browser on to sign in and
/// consent.
struct AuthorizeHandler: Sendable {
    let environment: WebEnvironment

    func handle(_ request: Request, parameters: FormParameters) async throws -> Response {
        let visitor = try await environment.visitor(for: request)
        let services = environment.services
        let responder = AuthorizationResponder(environment: environment)
        switch try await AuthorizationRequestValidator(services: services).validate(parameters) {
        case .showError(let reason):
            // RFC 6749 §4.1.2.1: the redirect URI is not verified, so tell the user, not the client.
            let strings = environment.strings
            let page = Page.message(
                title: strings["authorize_error_title"], paragraphs: [strings["authorize_error_body"]],
                detail: reason.description, status: .badRequest
            )
            return environment.respond(page, visitor: visitor)
        case .redirectError(let error, let target):
            let response = AuthorizationResponse.make(.error(error), to: target, issuer: services.settings.issuer)
            return responder.deliver(response, clientName: nil, visitor: visitor)
        case .valid(let validated):
            if validated.prompt.contains(.none) {
                let response = try await AuthorizationGrantFulfiller(services: services)
                    .answerWithoutInteraction(validated, browserSessionID: visitor.session?.id)
                return responder.deliver(response, clientName: validated.client.clientName, visitor: visitor)
            }
            let now = services.clock.now()
            let grant = validated.makeGrant(id: AuthorizationGrantID(date: now), at: now)
            try await services.storage.transaction { try await $0.authorizationGrants.add(grant, codeHash: nil) }
            let consentPath = "/consent/\(grant.id)"
            // Initiating User Registration via OpenID Connect §4: show registration first, when it is open.
            if validated.prompt.contains(.create), environment.options.passwordRegistrationEnabled {
                return environment.redirect(to: LocalPath.withQuery("/register", [("next", consentPath)]), visitor: visitor)
            }
            return environment.redirect(to: consentPath, visitor: visitor)
        }
    }
}
