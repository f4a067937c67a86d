import Foundation
import Hummingbird
import SesameAccounts
import SesameModel

/// `GET /account/`: who you are, your display name, and links to everything else; also the
/// landing point of MSC4191 `?action=` links, which it forwards to the right page.
/// `POST /account/display-name` changes the display name (stored, then pushed to the homeserver).
struct AccountOverviewHandler: Sendable {
    let environment: WebEnvironment

    func show(_ request: Request) async throws -> Response {
        let viewer = try await environment.accountViewer(for: request)
        let query = environment.query(request)
        if let name = try? query.single("action"),
           let action = AccountManagementAction(name: name, deviceID: try? query.single("device_id")),
           let destination = try await destination(of: action, viewer: viewer) {
            return environment.redirect(to: destination, visitor: viewer.visitor)
        }
        return environment.respond(try await overview(viewer, error: nil), visitor: viewer.visitor)
    }

    func setDisplayName(_ request: Request) async throws -> Response {
        let (form, viewer) = try await environment.accountPost(request, returnTo: AccountPaths.overview)
        guard environment.options.account.displayNameChangeAllowed else { return environment.accountNotAllowed(visitor: viewer.visitor) }
        do {
            try await environment.accounts.setDisplayName(of: viewer.user.id, try? form.single("display_name"))
        } catch is DisplayNameTooLong {
            var page = try await overview(viewer, error: environment.strings.format(
                "account_display_name_too_long", ["max": "\(AccountService.maximumDisplayNameLength)"]
            ))
            page.status = .badRequest
            return environment.respond(page, visitor: viewer.visitor)
        }
        return environment.redirect(to: AccountPaths.overview, visitor: viewer.visitor)
    }

    /// Where an MSC4191 action lands; nil keeps the overview (the profile is on it).
    private func destination(of action: AccountManagementAction, viewer: AccountViewer) async throws -> String? {
        switch action {
        case .profile:
            return nil
        case .devicesList:
            return AccountPaths.sessions
        case .deviceView(let deviceID), .deviceDelete(let deviceID):
            // An unknown or ended device shows the list, where the user can see what is left.
            guard let deviceID,
                  let session = try await AccountSessionDirectory(storage: environment.services.storage).session(holdingDevice: deviceID, of: viewer.user.id)
            else { return AccountPaths.sessions }
            if case .deviceDelete = action { return AccountPaths.endSession(session.id) }
            return AccountPaths.session(session.id)
        case .crossSigningReset:
            return AccountPaths.crossSigningReset
        }
    }

    private func overview(_ viewer: AccountViewer, error: String?) async throws -> Page {
        let strings = environment.strings
        let options = environment.options.account
        let username = viewer.user.username.rawValue
        var values: [String: Any] = [
            "csrf": viewer.visitor.csrf, "username": username,
            "mxid": "@\(username):\(environment.services.settings.matrixServerName)",
            "displayName": try await environment.accounts.displayName(of: viewer.user.id) ?? "",
            "displayNameAction": AccountPaths.displayName, "emailsHref": AccountPaths.emails,
            "sessionsHref": AccountPaths.sessions, "tokensHref": AccountPaths.tokens,
            "maxDisplayName": AccountService.maximumDisplayNameLength,
        ]
        if options.displayNameChangeAllowed { values["canChangeDisplayName"] = true }
        if options.passwordChangeAllowed, environment.options.passwordLoginEnabled { values["passwordHref"] = AccountPaths.password }
        if options.deactivationAllowed { values["deactivateHref"] = AccountPaths.deactivate }
        if let error { values["error"] = error }
        return Page(template: "account", title: strings["account_title"], values: values)
    }
}
