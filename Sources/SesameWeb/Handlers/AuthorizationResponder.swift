import Hummingbird
import SesameModel
import SesameOAuth

/// Delivers an `AuthorizationResponse` to the browser: a 303 to the client, the auto-submitting
/// form_post page, or the page showing an out-of-band code.
struct AuthorizationResponder: Sendable {
    let environment: WebEnvironment

    /// The HTTP response carrying `response`; `clientName` is shown on the out-of-band page.
    func deliver(_ response: AuthorizationResponse, clientName: String?, visitor: Visitor) -> Response {
        let strings = environment.strings
        switch response {
        case .redirect(let location):
            return environment.redirect(to: location, visitor: visitor)
        case .formPost(let action, let fields):
            // OAuth 2.0 Form Post Response Mode §2: a page that POSTs the parameters to the client.
            var page = Page(
                template: "form_post", title: strings["form_post_title"],
                values: ["action": action, "fields": fields.map { ["name": $0.name, "value": $0.value] }]
            )
            let nonce = SecurityHeaders.makeNonce()
            page.values["nonce"] = nonce
            page.security.scriptNonce = nonce
            page.security.formActions = CSPSource.origin(of: action).map { [$0] } ?? []
            return environment.respond(page, visitor: visitor)
        case .outOfBand(.code(let code), _):
            let name = clientName ?? strings["consent_unnamed_client"]
            let page = Page(
                template: "oob", title: strings["oob_title"],
                values: ["code": code, "instructions": strings.format("oob_instructions", ["client": name])]
            )
            return environment.respond(page, visitor: visitor)
        case .outOfBand(.error(let error), _):
            let page = Page(
                template: "oob", title: strings["oob_error_title"], values: ["error": error.description], status: .badRequest
            )
            return environment.respond(page, visitor: visitor)
        }
    }
}
