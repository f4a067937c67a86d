import Hummingbird
import SesameAPI
import SesameCrypto
import SesameEmail
import SesameOAuth
import SesameWeb

/// Lists every path Sesame serves; the handlers live with their concern.
public enum SesameRouter {
    /// Builds the router over the given parts.
    public static func make(_ parts: ServerParts) -> Router<SesameRequestContext> {
        let router = Router(context: SesameRequestContext.self)
        let oauth = parts.oauth
        router.add(middleware: EdgeMiddleware(
            trustedProxies: TrustedProxies(parts.config.http.trustedProxies), metrics: HTTPRequestMetrics(registry: parts.metrics)
        ))
        HealthRoutes(storage: parts.storage).register(on: router)
        MetricsRoutes(registry: parts.metrics).register(on: router)
        KeysRoutes(signingKeys: parts.signingKeys).register(on: router)
        OAuthRoutes(services: oauth, accounts: parts.accounts).register(on: router)
        UserinfoRoutes(services: oauth).register(on: router)
        WebRoutes(services: oauth, accounts: parts.accounts, options: parts.webOptions, compatSSO: CompatSSOApproverAdapter(service: parts.compatLogin), rateLimits: parts.rateLimits, mailer: parts.mailer).register(on: router)
        let site = SiteConfiguration(parts.config)
        AdminAPIRoutes(services: oauth, accounts: parts.accounts, site: site).register(on: router)
        let emailCodes = (try? MailComposer()).map { composer in
            MailingEmailCodeSender(
                mailer: parts.mailer, composer: composer, limits: parts.rateLimits.emailAuthentication, serverName: parts.config.matrix.homeserver
            )
        }
        let recoveryLinks = (try? MailComposer()).map { composer in
            MailingRecoveryLinkSender(
                mailer: parts.mailer, composer: composer, limits: parts.rateLimits.accountRecovery, settings: oauth.settings, serverName: parts.config.matrix.homeserver
            )
        }
        GraphQLRoutes(
            services: oauth, accounts: parts.accounts, playgroundEnabled: parts.config.http.graphQLPlaygroundEnabled, site: site, emailCodes: emailCodes,
            recoveryLinks: recoveryLinks
        ).register(on: router)
        CompatRoutes(service: parts.compatLogin).register(on: router)
        return router
    }
}
