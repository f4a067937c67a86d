import Foundation
import SesameModel
import SesameStorage

/// Every object with a global ID (GraphQL interface `Node`; the Swift name avoids the clash with GraphQL's `Node`).
protocol GraphQLNode: Sendable {
    var id: GlobalID { get }
}

/// The `Viewer` union: `User | Anonymous`.
protocol GraphQLViewer: Sendable {}

/// The `ViewerSession` union: `BrowserSession | Oauth2Session | Anonymous`.
protocol GraphQLViewerSession: Sendable {}

/// The `Anonymous` viewer.
struct AnonymousNode: GraphQLNode, GraphQLViewer, GraphQLViewerSession {
    var id: GlobalID { GlobalID("anonymous") }
}

/// `UserEmail`.
struct UserEmailNode: GraphQLNode {
    let email: UserEmail
    var id: GlobalID { GlobalID(.userEmail, email.id) }
    var address: String { email.email }
    var createdAt: Date { email.createdAt }
    var confirmedAt: Date? { email.confirmedAt }
}

/// `Oauth2Client`.
struct OAuth2ClientNode: GraphQLNode {
    let client: OAuthClient
    var id: GlobalID { GlobalID(.oauth2Client, client.id) }
    var clientId: String { client.id.description }
    var clientName: String? { client.clientName }
    var clientUri: String? { client.clientURI }
    var logoUri: String? { client.logoURI }
    var tosUri: String? { client.tosURI }
    var policyUri: String? { client.policyURI }
    var redirectUris: [String] { client.redirectURIs }
}

/// `SiteConfig`: what the deployment allows, as MAS reports it.
struct SiteConfigNode: GraphQLNode {
    let site: SiteConfiguration
    var id: GlobalID { GlobalID("site_config") }
    var serverName: String { site.serverName }
    var passwordLoginEnabled: Bool { site.passwordLoginEnabled }
    var passwordRegistrationEnabled: Bool { site.passwordRegistrationEnabled }
    var passwordChangeAllowed: Bool { site.passwordChangeAllowed }
    var emailChangeAllowed: Bool { site.emailChangeAllowed }
    var displayNameChangeAllowed: Bool { site.displaynameChangeAllowed }
    var accountDeactivationAllowed: Bool { site.accountDeactivationAllowed }
    var minimumPasswordComplexity: Int { site.minimumPasswordComplexity }
}

/// `MatrixUser`: how the homeserver knows a user.
struct MatrixUserNode: Sendable {
    let mxid: String
    let displayName: String?
    let deactivated: Bool
}
