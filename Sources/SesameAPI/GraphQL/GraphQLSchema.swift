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
            Enum(CompatSessionType.self) {
                Value(.ssoLogin).description("The session was created by a SSO login")
                Value(.unknown).description("The session was created by an unknown method")
            }.description("The type of a compatibility session")
            Enum(GraphQLResolver.UserState.self) { Value(.active); Value(.locked); Value(.deactivated) }
            Enum(LockUserStatus.self) { Value(.locked); Value(.notFound) }
            Enum(UnlockUserStatus.self) { Value(.unlocked); Value(.notFound) }
            Enum(AddUserStatus.self) { Value(.added); Value(.exists); Value(.reserved); Value(.invalid) }
            Enum(EndSessionStatus.self, as: "EndSessionStatus") { Value(.ended); Value(.notFound) }
            Enum(SetDisplayNameStatus.self) { Value(.set); Value(.invalid) }
            Enum(DeactivateUserStatus.self) { Value(.deactivated); Value(.incorrectPassword) }
            Enum(SetSessionNameStatus.self, as: "SetSessionNameStatus") { Value(.updated); Value(.notFound); Value(.invalid) }
            Enum(PersonalSessionState.self) { Value(.active); Value(.revoked) }
            Enum(CreatePersonalSessionStatus.self) {
                Value(.created); Value(.invalidName); Value(.invalidScope); Value(.invalidExpiry); Value(.scopeNotAllowed)
            }
            Enum(RevokePersonalSessionStatus.self) { Value(.revoked); Value(.notFound) }
            Enum(AddEmailStatus.self) { Value(.added); Value(.exists); Value(.invalid); Value(.denied) }
            Enum(RemoveEmailStatus.self) { Value(.removed); Value(.notFound); Value(.incorrectPassword) }
            Enum(StartEmailAuthenticationStatus.self) {
                Value(.started); Value(.invalidEmailAddress); Value(.rateLimited); Value(.denied); Value(.inUse); Value(.exists)
            }
            Enum(CompleteEmailAuthenticationStatus.self) { Value(.completed); Value(.invalidCode); Value(.codeExpired); Value(.inUse); Value(.rateLimited) }
            Enum(ResendEmailAuthenticationCodeStatus.self) { Value(.resent); Value(.completed); Value(.rateLimited) }
            Enum(ResendRecoveryEmailStatus.self) { Value(.noSuchRecoveryTicket); Value(.rateLimited); Value(.sent) }
            Enum(SetPasswordStatus.self) {
                Value(.allowed); Value(.notFound); Value(.noCurrentPassword); Value(.wrongPassword); Value(.invalidNewPassword)
                Value(.passwordChangesDisabled); Value(.noSuchRecoveryTicket); Value(.recoveryTicketAlreadyUsed); Value(.expiredRecoveryTicket)
            }

            Interface((any GraphQLNode).self, as: "Node") {
                Field("id", at: \.id)
            }.description("An object with a global ID")
            Union((any GraphQLViewer).self, as: "Viewer", members: UserNode.self, AnonymousNode.self)
            Union((any GraphQLViewerSession).self, as: "ViewerSession", members: BrowserSessionNode.self, OAuth2SessionNode.self, AnonymousNode.self)
            Union((any GraphQLAppSession).self, as: "AppSession", members: CompatSessionNode.self, OAuth2SessionNode.self)
                .description("A session of a Matrix client: OAuth 2.0 or compatibility (legacy login)")

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
                Field("matrix", at: UserNode.matrix).description("The user as the homeserver knows them")
                Field("emails", at: UserNode.emails) {
                    Argument("first", at: \.first); Argument("after", at: \.after); Argument("last", at: \.last); Argument("before", at: \.before)
                }
                Field("browserSessions", at: UserNode.browserSessions) {
                    Argument("first", at: \.first); Argument("after", at: \.after); Argument("last", at: \.last); Argument("before", at: \.before)
                    Argument("state", at: \.state)
                    Argument("lastActive", at: \.lastActive).description("List only sessions last active between the given bounds")
                }
                Field("oauth2Sessions", at: UserNode.oauth2Sessions) {
                    Argument("first", at: \.first); Argument("after", at: \.after); Argument("last", at: \.last); Argument("before", at: \.before)
                    Argument("state", at: \.state)
                    Argument("client", at: \.client).description("List only sessions for the given client")
                    Argument("lastActive", at: \.lastActive).description("List only sessions last active between the given bounds")
                }
                Field("compatSessions", at: UserNode.compatSessions) {
                    Argument("first", at: \.first); Argument("after", at: \.after); Argument("last", at: \.last); Argument("before", at: \.before)
                    Argument("state", at: \.state)
                    Argument("type", at: \.type).description("List only sessions with the given type")
                    Argument("lastActive", at: \.lastActive).description("List only sessions last active between the given bounds")
                }
                Field("appSessions", at: UserNode.appSessions) {
                    Argument("first", at: \.first); Argument("after", at: \.after); Argument("last", at: \.last); Argument("before", at: \.before)
                    Argument("state", at: \.state); Argument("device", at: \.device); Argument("browserSession", at: \.browserSession)
                    Argument("lastActive", at: \.lastActive).description("List only sessions last active between the given bounds")
                }.description("OAuth 2.0 and compatibility sessions together, oldest first")
                Field("personalSessions", at: UserNode.personalSessions) {
                    Argument("first", at: \.first); Argument("after", at: \.after); Argument("last", at: \.last); Argument("before", at: \.before)
                    Argument("state", at: \.state)
                }.description("Personal access tokens acting as the user")
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
                Field("passwordLoginEnabled", at: \.passwordLoginEnabled)
                Field("passwordRegistrationEnabled", at: \.passwordRegistrationEnabled)
                Field("passwordChangeAllowed", at: \.passwordChangeAllowed)
                Field("emailChangeAllowed", at: \.emailChangeAllowed)
                Field("displayNameChangeAllowed", at: \.displayNameChangeAllowed)
                Field("accountDeactivationAllowed", at: \.accountDeactivationAllowed)
                Field("minimumPasswordComplexity", at: \.minimumPasswordComplexity)
            }
            Type(UserEmailAuthenticationNode.self, as: "UserEmailAuthentication", interfaces: [(any GraphQLNode).self]) {
                Field("id", at: \.id)
                Field("createdAt", at: \.createdAt)
                Field("completedAt", at: \.completedAt)
                Field("email", at: \.email)
            }
            Type(MatrixUserNode.self, as: "MatrixUser") {
                Field("mxid", at: \.mxid)
                Field("displayName", at: \.displayName)
                Field("deactivated", at: \.deactivated)
            }
            Type(PersonalSessionNode.self, as: "PersonalSession", interfaces: [(any GraphQLNode).self]) {
                Field("id", at: \.id)
                Field("createdAt", at: \.createdAt)
                Field("revokedAt", at: \.revokedAt)
                Field("state", at: \.state)
                Field("humanName", at: \.humanName)
                Field("scope", at: \.scope)
                Field("expiresAt", at: \.expiresAt)
                Field("lastActiveAt", at: \.lastActiveAt)
                Field("lastActiveIp", at: \.lastActiveIp)
                Field("actor", at: PersonalSessionNode.actor)
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
            Type(GraphQLEdge<any GraphQLAppSession>.self, as: "AppSessionEdge") { Field("cursor", at: \.cursor); Field("node", at: \.node) }
            Type(GraphQLConnection<any GraphQLAppSession>.self, as: "AppSessionConnection") {
                Field("edges", at: \.edges); Field("nodes", at: \.nodes); Field("pageInfo", at: \.pageInfo); Field("totalCount", at: \.totalCount)
            }
            Type(GraphQLEdge<PersonalSessionNode>.self, as: "PersonalSessionEdge") { Field("cursor", at: \.cursor); Field("node", at: \.node) }
            Type(GraphQLConnection<PersonalSessionNode>.self, as: "PersonalSessionConnection") {
                Field("edges", at: \.edges); Field("nodes", at: \.nodes); Field("pageInfo", at: \.pageInfo); Field("totalCount", at: \.totalCount)
            }
            Type(GraphQLEdge<CompatSessionNode>.self, as: "CompatSessionEdge") { Field("cursor", at: \.cursor); Field("node", at: \.node) }
            Type(GraphQLConnection<CompatSessionNode>.self, as: "CompatSessionConnection") {
                Field("edges", at: \.edges); Field("nodes", at: \.nodes); Field("pageInfo", at: \.pageInfo); Field("totalCount", at: \.totalCount)
            }

            Input(DateFilter.self) {
                InputField("after", at: \.after).description("The lower bound of the date range")
                InputField("before", at: \.before).description("The upper bound of the date range")
            }.description("A filter for dates, with a lower bound and an upper bound")
            Input(LockUserInput.self) { InputField("userId", at: \.userId); InputField("deactivate", at: \.deactivate) }
            Input(UnlockUserInput.self) { InputField("userId", at: \.userId) }
            Input(AddUserInput.self) { InputField("username", at: \.username); InputField("skipHomeserverCheck", at: \.skipHomeserverCheck) }
            Input(SetCanRequestAdminInput.self) { InputField("userId", at: \.userId); InputField("canRequestAdmin", at: \.canRequestAdmin) }
            Input(EndOAuth2SessionInput.self) { InputField("oauth2SessionId", at: \.oauth2SessionId) }
            Input(EndCompatSessionInput.self) { InputField("compatSessionId", at: \.compatSessionId) }
            Input(EndBrowserSessionInput.self) { InputField("browserSessionId", at: \.browserSessionId) }
            Input(ResendRecoveryEmailInput.self) { InputField("ticket", at: \.ticket).description("The secret of a recovery link, possibly expired") }
            Input(SetPasswordByRecoveryInput.self) {
                InputField("ticket", at: \.ticket).description("The secret of the recovery link mailed by /recover")
                InputField("newPassword", at: \.newPassword)
            }
            Input(SetPasswordInput.self) {
                InputField("userId", at: \.userId); InputField("currentPassword", at: \.currentPassword); InputField("newPassword", at: \.newPassword)
            }
            Input(SetDisplayNameInput.self) { InputField("userId", at: \.userId); InputField("displayName", at: \.displayName) }
            Input(DeactivateUserInput.self) { InputField("hsErase", at: \.hsErase); InputField("password", at: \.password) }
            Input(AllowUserCrossSigningResetInput.self) { InputField("userId", at: \.userId) }
            Input(SetOAuth2SessionNameInput.self, as: "SetOAuth2SessionNameInput") {
                InputField("oauth2SessionId", at: \.oauth2SessionId); InputField("humanName", at: \.humanName)
            }
            Input(SetCompatSessionNameInput.self) { InputField("compatSessionId", at: \.compatSessionId); InputField("humanName", at: \.humanName) }
            Input(CreateOAuth2SessionInput.self, as: "CreateOAuth2SessionInput") {
                InputField("scope", at: \.scope); InputField("userId", at: \.userId); InputField("permanent", at: \.permanent)
            }
            Input(CreatePersonalSessionInput.self) {
                InputField("humanName", at: \.humanName); InputField("scope", at: \.scope); InputField("expiresIn", at: \.expiresIn)
            }
            Input(RevokePersonalSessionInput.self) { InputField("personalSessionId", at: \.personalSessionId) }
            Input(AddEmailInput.self) {
                InputField("email", at: \.email); InputField("userId", at: \.userId)
                InputField("skipVerification", at: \.skipVerification)
                    .description("Skip the email address verification; only allowed for admins. As in MAS, addresses added here are always confirmed, so this changes nothing")
                InputField("skipPolicyCheck", at: \.skipPolicyCheck)
                    .description("Skip the email address policy check; only allowed for admins. Sesame has no email policy, so this changes nothing: an address confirmed on another account is refused (DENIED) either way")
            }
            Input(RemoveEmailInput.self) { InputField("userEmailId", at: \.userEmailId); InputField("password", at: \.password) }
            Input(StartEmailAuthenticationInput.self) {
                InputField("email", at: \.email)
                InputField("language", at: \.language).description("The language of the email; accepted for MAS compatibility and ignored: mails are in English")
            }
            Input(CompleteEmailAuthenticationInput.self) { InputField("id", at: \.id); InputField("code", at: \.code) }
            Input(ResendEmailAuthenticationCodeInput.self) {
                InputField("id", at: \.id)
                InputField("language", at: \.language).description("The language of the email; accepted for MAS compatibility and ignored: mails are in English")
            }
            Type(AddEmailPayload.self) { Field("status", at: \.status); Field("email", at: \.email); Field("user", at: \.user) }
            Type(RemoveEmailPayload.self) { Field("status", at: \.status); Field("email", at: \.email); Field("user", at: \.user) }
            Type(StartEmailAuthenticationPayload.self) { Field("status", at: \.status); Field("authentication", at: \.authentication) }
            Type(CompleteEmailAuthenticationPayload.self) { Field("status", at: \.status) }
            Type(ResendEmailAuthenticationCodePayload.self) { Field("status", at: \.status) }
            Type(SetDisplayNamePayload.self) { Field("status", at: \.status); Field("user", at: \.user) }
            Type(DeactivateUserPayload.self) { Field("status", at: \.status); Field("user", at: \.user) }
            Type(AllowUserCrossSigningResetPayload.self) { Field("user", at: \.user) }
            Type(SetOAuth2SessionNamePayload.self, as: "SetOAuth2SessionNamePayload") { Field("status", at: \.status); Field("oauth2Session", at: \.oauth2Session) }
            Type(SetCompatSessionNamePayload.self) { Field("status", at: \.status); Field("compatSession", at: \.compatSession) }
            Type(CreateOAuth2SessionPayload.self, as: "CreateOAuth2SessionPayload") {
                Field("accessToken", at: \.accessToken); Field("refreshToken", at: \.refreshToken); Field("oauth2Session", at: \.oauth2Session)
            }
            Type(CreatePersonalSessionPayload.self) {
                Field("status", at: \.status); Field("accessToken", at: \.accessToken); Field("personalSession", at: \.personalSession)
            }
            Type(RevokePersonalSessionPayload.self) { Field("status", at: \.status); Field("personalSession", at: \.personalSession) }
            Type(LockUserPayload.self) { Field("status", at: \.status); Field("user", at: \.user) }
            Type(UnlockUserPayload.self) { Field("status", at: \.status); Field("user", at: \.user) }
            Type(AddUserPayload.self) { Field("status", at: \.status); Field("user", at: \.user) }
            Type(SetCanRequestAdminPayload.self) { Field("user", at: \.user) }
            Type(EndOAuth2SessionPayload.self) { Field("status", at: \.status); Field("oauth2Session", at: \.oauth2Session) }
            Type(EndCompatSessionPayload.self) { Field("status", at: \.status); Field("compatSession", at: \.compatSession) }
            Type(EndBrowserSessionPayload.self) { Field("status", at: \.status); Field("browserSession", at: \.browserSession) }
            Type(SetPasswordPayload.self) { Field("status", at: \.status) }
            Type(ResendRecoveryEmailPayload.self) {
                Field("status", at: \.status)
                Field("progressUrl", at: \.progressUrl).description("MAS's recovery progress page; always null: Sesame has none")
            }

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
                Field("session", at: GraphQLResolver.session) { Argument("userId", at: \.userId); Argument("deviceId", at: \.deviceId) }
                    .description("The active session holding a device of a user")
                Field("personalSession", at: GraphQLResolver.personalSession) { Argument("id", at: \.id) }
                Field("userEmailAuthentication", at: GraphQLResolver.userEmailAuthentication) { Argument("id", at: \.id) }
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
                Field("setPasswordByRecovery", at: GraphQLResolver.setPasswordByRecovery) { Argument("input", at: \.input) }
                    .description("Set the password for yourself, using a recovery ticket sent by e-mail; only without a session or token")
                Field("resendRecoveryEmail", at: GraphQLResolver.resendRecoveryEmail) { Argument("input", at: \.input) }
                    .description("Mail a fresh recovery link to the address a (usually expired) recovery ticket was sent to")
                Field("setDisplayName", at: GraphQLResolver.setDisplayName) { Argument("input", at: \.input) }
                Field("addEmail", at: GraphQLResolver.addEmail) { Argument("input", at: \.input) }
                    .description("Add a confirmed email address to a user; admins only")
                Field("removeEmail", at: GraphQLResolver.removeEmail) { Argument("input", at: \.input) }
                Field("startEmailAuthentication", at: GraphQLResolver.startEmailAuthentication) { Argument("input", at: \.input) }
                    .description("Mail a code proving an address to the viewer's account")
                Field("resendEmailAuthenticationCode", at: GraphQLResolver.resendEmailAuthenticationCode) { Argument("input", at: \.input) }
                Field("completeEmailAuthentication", at: GraphQLResolver.completeEmailAuthentication) { Argument("input", at: \.input) }
                Field("deactivateUser", at: GraphQLResolver.deactivateUser) { Argument("input", at: \.input) }
                    .description("Deactivate the viewer's own account; give the password when the account has one")
                Field("allowUserCrossSigningReset", at: GraphQLResolver.allowUserCrossSigningReset) { Argument("input", at: \.input) }
                Field("setOauth2SessionName", at: GraphQLResolver.setOauth2SessionName) { Argument("input", at: \.input) }
                Field("setCompatSessionName", at: GraphQLResolver.setCompatSessionName) { Argument("input", at: \.input) }
                Field("createOauth2Session", at: GraphQLResolver.createOauth2Session) { Argument("input", at: \.input) }
                    .description("Create an OAuth 2.0 session for a user; admins only")
                Field("createPersonalSession", at: GraphQLResolver.createPersonalSession) { Argument("input", at: \.input) }
                    .description("Create a personal access token acting as the viewer; the token is shown only in this answer")
                Field("revokePersonalSession", at: GraphQLResolver.revokePersonalSession) { Argument("input", at: \.input) }
            }
        }
    }
}
