import Foundation
import Graphiti

/// The schema, shaped like the Matrix Authentication Service's (`frontend/schema.graphql`).
enum SesameGraphQLSchema {
    /// Dates are RFC 3339 strings (`DateTime`), as in MAS.
    static func coders() -> Coders {
        let coders = Coders()
        coders.encoder.dateEncodingStrategy = .iso8601
        coders.decoder.dateDecodingStrategy = .iso8601
        return coders
    }

    static func make() throws -> Schema<GraphQLResolver, GraphQLCaller> {
        try Schema<GraphQLResolver, GraphQLCaller>(coders: coders()) {
            Scalar(GlobalID.self, as: "ID")
            Scalar(Date.self, as: "DateTime").description("An RFC 3339 date and time")
            Enum(SessionState.self) { Value(.active); Value(.finished) }
            Enum(GraphQLResolver.UserState.self) { Value(.active); Value(.locked); Value(.deactivated) }
            Enum(LockUserStatus.self) { Value(.locked); Value(.notFound) }
            Enum(UnlockUserStatus.self) { Value(.unlocked); Value(.notFound) }
            Enum(AddUserStatus.self) { Value(.added); Value(.exists); Value(.reserved); Value(.invalid) }
            Enum(EndSessionStatus.self, as: "EndSessionStatus") { Value(.ended); Value(.notFound) }
            Enum(SetPasswordStatus.self) {
                Value(.allowed); Value(.notFound); Value(.noCurrentPassword); Value(.wrongPassword); Value(.invalidNewPassword)
            }

            Interface((any GraphQLNode).self, as: "Node") {
                Field("id", at: \.id)
            }.description("An object with a global ID")
            Union((any GraphQLViewer).self, as: "Viewer", members: UserNode.self, AnonymousNode.self)
            Union((any GraphQLViewerSession).self, as: "ViewerSession", members: BrowserSessionNode.self, OAuth2SessionNode.self, AnonymousNode.self)

            Type(AnonymousNode.self, as: "Anonymous", interfaces: [(any GraphQLNode).self]) {
                Field("id", at: \.id)
            }
            Type(UserNode.self, as: "User", interfaces: [(any GraphQLNode).self]) {
                Field("id", at: \.id)
                Field("username", at: \.username)
                Field("createdAt", at: \.createdAt)
                Field("lockedAt", at: \.lockedAt)
                Field("deactivatedAt", at: \.deactivatedAt)
                Field("canRequestAdmin", at: \.canRequestAdmin)
                Field("emails", at: UserNode.emails) {
                    Argument("first", at: \.first); Argument("after", at: \.after); Argument("last", at: \.last); Argument("before", at: \.before)
                }
                Field("browserSessions", at: UserNode.browserSessions) {
                    Argument("first", at: \.first); Argument("after", at: \.after); Argument("last", at: \.last); Argument("before", at: \.before)
                    Argument("state", at: \.state)
                }
                Field("oauth2Sessions", at: UserNode.oauth2Sessions) {
                    Argument("first", at: \.first); Argument("after", at: \.after); Argument("last", at: \.last); Argument("before", at: \.before)
                    Argument("state", at: \.state)
                }
                Field("compatSessions", at: UserNode.compatSessions) {
                    Argument("first", at: \.first); Argument("after", at: \.after); Argument("last", at: \.last); Argument("before", at: \.before)
                    Argument("state", at: \.state)
                }
            }.description("A user")
            Type(UserEmailNode.self, as: "UserEmail", interfaces: [(any GraphQLNode).self]) {
                Field("id", at: \.id)
                Field("email", at: \.address)
                Field("createdAt", at: \.createdAt)
                Field("confirmedAt", at: \.confirmedAt)
            }
            Type(BrowserSessionNode.self, as: "BrowserSession", interfaces: [(any GraphQLNode).self]) {
                Field("id", at: \.id)
                Field("createdAt", at: \.createdAt)
                Field("finishedAt", at: \.finishedAt)
                Field("state", at: \.state)
                Field("lastActiveIp", at: \.lastActiveIp)
                Field("lastActiveAt", at: \.lastActiveAt)
                Field("user", at: BrowserSessionNode.user)
            }
            Type(OAuth2SessionNode.self, as: "Oauth2Session", interfaces: [(any GraphQLNode).self]) {
                Field("id", at: \.id)
                Field("createdAt", at: \.createdAt)
                Field("finishedAt", at: \.finishedAt)
                Field("state", at: \.state)
                Field("scope", at: \.scope)
                Field("humanName", at: \.humanName)
                Field("lastActiveIp", at: \.lastActiveIp)
                Field("lastActiveAt", at: \.lastActiveAt)
                Field("client", at: OAuth2SessionNode.client)
                Field("user", at: OAuth2SessionNode.user)
                Field("browserSession", at: OAuth2SessionNode.browserSession)
            }
            Type(CompatSessionNode.self, as: "CompatSession", interfaces: [(any GraphQLNode).self]) {
                Field("id", at: \.id)
                Field("createdAt", at: \.createdAt)
                Field("finishedAt", at: \.finishedAt)
                Field("state", at: \.state)
                Field("deviceId", at: \.deviceId)
                Field("humanName", at: \.humanName)
                Field("lastActiveIp", at: \.lastActiveIp)
                Field("lastActiveAt", at: \.lastActiveAt)
                Field("user", at: CompatSessionNode.user)
                Field("browserSession", at: CompatSessionNode.browserSession)
            }
            Type(OAuth2ClientNode.self, as: "Oauth2Client", interfaces: [(any GraphQLNode).self]) {
                Field("id", at: \.id)
                Field("clientId", at: \.clientId)
                Field("clientName", at: \.clientName)
                Field("clientUri", at: \.clientUri)
                Field("logoUri", at: \.logoUri)
                Field("tosUri", at: \.tosUri)
                Field("policyUri", at: \.policyUri)
                Field("redirectUris", at: \.redirectUris)
            }
            Type(SiteConfigNode.self, as: "SiteConfig", interfaces: [(any GraphQLNode).self]) {
                Field("id", at: \.id)
                Field("serverName", at: \.serverName)
            }

            Type(PageInfo.self) {
                Field("hasPreviousPage", at: \.hasPreviousPage)
                Field("hasNextPage", at: \.hasNextPage)
                Field("startCursor", at: \.startCursor)
                Field("endCursor", at: \.endCursor)
            }
            Type(GraphQLEdge<UserNode>.self, as: "UserEdge") { Field("cursor", at: \.cursor); Field("node", at: \.node) }
            Type(GraphQLConnection<UserNode>.self, as: "UserConnection") {
                Field("edges", at: \.edges); Field("nodes", at: \.nodes); Field("pageInfo", at: \.pageInfo); Field("totalCount", at: \.totalCount)
            }
            Type(GraphQLEdge<UserEmailNode>.self, as: "UserEmailEdge") { Field("cursor", at: \.cursor); Field("node", at: \.node) }
            Type(GraphQLConnection<UserEmailNode>.self, as: "UserEmailConnection") {
                Field("edges", at: \.edges); Field("nodes", at: \.nodes); Field("pageInfo", at: \.pageInfo); Field("totalCount", at: \.totalCount)
            }
            Type(GraphQLEdge<BrowserSessionNode>.self, as: "BrowserSessionEdge") { Field("cursor", at: \.cursor); Field("node", at: \.node) }
            Type(GraphQLConnection<BrowserSessionNode>.self, as: "BrowserSessionConnection") {
                Field("edges", at: \.edges); Field("nodes", at: \.nodes); Field("pageInfo", at: \.pageInfo); Field("totalCount", at: \.totalCount)
            }
            Type(GraphQLEdge<OAuth2SessionNode>.self, as: "Oauth2SessionEdge") { Field("cursor", at: \.cursor); Field("node", at: \.node) }
            Type(GraphQLConnection<OAuth2SessionNode>.self, as: "Oauth2SessionConnection") {
                Field("edges", at: \.edges); Field("nodes", at: \.nodes); Field("pageInfo", at: \.pageInfo); Field("totalCount", at: \.totalCount)
            }
            Type(GraphQLEdge<CompatSessionNode>.self, as: "CompatSessionEdge") { Field("cursor", at: \.cursor); Field("node", at: \.node) }
            Type(GraphQLConnection<CompatSessionNode>.self, as: "CompatSessionConnection") {
                Field("edges", at: \.edges); Field("nodes", at: \.nodes); Field("pageInfo", at: \.pageInfo); Field("totalCount", at: \.totalCount)
            }

            Input(LockUserInput.self) { InputField("userId", at: \.userId); InputField("deactivate", at: \.deactivate) }
            Input(UnlockUserInput.self) { InputField("userId", at: \.userId) }
            Input(AddUserInput.self) { InputField("username", at: \.username); InputField("skipHomeserverCheck", at: \.skipHomeserverCheck) }
            Input(SetCanRequestAdminInput.self) { InputField("userId", at: \.userId); InputField("canRequestAdmin", at: \.canRequestAdmin) }
            Input(EndOAuth2SessionInput.self) { InputField("oauth2SessionId", at: \.oauth2SessionId) }
            Input(EndCompatSessionInput.self) { InputField("compatSessionId", at: \.compatSessionId) }
            Input(EndBrowserSessionInput.self) { InputField("browserSessionId", at: \.browserSessionId) }
            Input(SetPasswordInput.self) {
                InputField("userId", at: \.userId); InputField("currentPassword", at: \.currentPassword); InputField("newPassword", at: \.newPassword)
            }
            Type(LockUserPayload.self) { Field("status", at: \.status); Field("user", at: \.user) }
            Type(UnlockUserPayload.self) { Field("status", at: \.status); Field("user", at: \.user) }
            Type(AddUserPayload.self) { Field("status", at: \.status); Field("user", at: \.user) }
            Type(SetCanRequestAdminPayload.self) { Field("user", at: \.user) }
            Type(EndOAuth2SessionPayload.self) { Field("status", at: \.status); Field("oauth2Session", at: \.oauth2Session) }
            Type(EndCompatSessionPayload.self) { Field("status", at: \.status); Field("compatSession", at: \.compatSession) }
            Type(EndBrowserSessionPayload.self) { Field("status", at: \.status); Field("browserSession", at: \.browserSession) }
            Type(SetPasswordPayload.self) { Field("status", at: \.status) }

            Query {
                Field("viewer", at: GraphQLResolver.viewer).description("The user or anonymous visitor making the request")
                Field("viewerSession", at: GraphQLResolver.viewerSession).description("The session making the request")
                Field("user", at: GraphQLResolver.user) { Argument("id", at: \.id) }
                Field("userByUsername", at: GraphQLResolver.userByUsername) { Argument("username", at: \.username) }
                Field("users", at: GraphQLResolver.users) {
                    Argument("first", at: \.first); Argument("after", at: \.after); Argument("last", at: \.last); Argument("before", at: \.before)
                    Argument("state", at: \.state); Argument("canRequestAdmin", at: \.canRequestAdmin)
                }.description("Every user; admins only")
                Field("node", at: GraphQLResolver.node) { Argument("id", at: \.id) }
                Field("userEmail", at: GraphQLResolver.userEmail) { Argument("id", at: \.id) }
                Field("browserSession", at: GraphQLResolver.browserSession) { Argument("id", at: \.id) }
                Field("oauth2Session", at: GraphQLResolver.oauth2Session) { Argument("id", at: \.id) }
                Field("compatSession", at: GraphQLResolver.compatSession) { Argument("id", at: \.id) }
                Field("oauth2Client", at: GraphQLResolver.oauth2Client) { Argument("id", at: \.id) }
                Field("siteConfig", at: GraphQLResolver.siteConfig)
            }
            Mutation {
                Field("addUser", at: GraphQLResolver.addUser) { Argument("input", at: \.input) }
                Field("lockUser", at: GraphQLResolver.lockUser) { Argument("input", at: \.input) }
                Field("unlockUser", at: GraphQLResolver.unlockUser) { Argument("input", at: \.input) }
                Field("setCanRequestAdmin", at: GraphQLResolver.setCanRequestAdmin) { Argument("input", at: \.input) }
                Field("endOauth2Session", at: GraphQLResolver.endOauth2Session) { Argument("input", at: \.input) }
                Field("endCompatSession", at: GraphQLResolver.endCompatSession) { Argument("input", at: \.input) }
                Field("endBrowserSession", at: GraphQLResolver.endBrowserSession) { Argument("input", at: \.input) }
                Field("setPassword", at: GraphQLResolver.setPassword) { Argument("input", at: \.input) }
            }
        }
    }
}
