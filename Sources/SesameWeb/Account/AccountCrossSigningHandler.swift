import Foundation
import Hummingbird
import SesameModel

/// `GET|POST /account/cross-signing-reset` (MSC4191 `org.matrix.cross_signing_reset`): after the
/// user confirms, asks the homeserver to let them replace their cross-signing keys without
/// further authentication for a short while (`allow_cross_signing_reset`).
struct AccountCrossSigningHandler: Sendable {
    let environment: WebEnvironment

    func show(_ request: Request) async throws -> Response {
        let viewer = try await environment.accountViewer(for: request)
        return environment.respond(page(viewer, error: nil), visitor: viewer.visitor)
    }

    func submit(_ request: Request) async throws -> Response {
        let (_, viewer) = try await environment.accountPost(request, returnTo: AccountPaths.crossSigningReset)
        let strings = environment.strings
        do {
            // Called at once, not queued: the user is waiting to reset in their client now.
            try await environment.services.homeserver.allowCrossSigningReset(localpart: viewer.user.username.rawValue)
        } catch {
            var page = page(viewer, error: strings["account_cross_signing_failed"])
            page.status = .serviceUnavailable
            return environment.respond(page, visitor: viewer.visitor)
        }
        return environment.respond(
            .message(title: strings["account_cross_signing_done_title"], paragraphs: [strings["account_cross_signing_done_body"]]),
            visitor: viewer.visitor
        )
    }

    private func page(_ viewer: AccountViewer, error: String?) -> Page {
        var values: [String: Any] = ["csrf": viewer.visitor.csrf, "action": AccountPaths.crossSigningReset, "overviewHref": AccountPaths.overview]
        if let error { values["error"] = error }
        return Page(template: "account_cross_signing", title: environment.strings["account_cross_signing_title"], values: values)
    }
}
