import Hummingbird

/// Lists every path Sesame serves; the handlers live with their concern.
public enum SesameRouter {
    /// Builds the router over the given parts.
    public static func make(_ parts: ServerParts) -> Router<BasicRequestContext> {
        let router = Router()
        router.add(middleware: HTTPMetricsMiddleware(registry: parts.metrics))
        router.add(middleware: RequestLogMiddleware())
        HealthRoutes(storage: parts.storage).register(on: router)
        MetricsRoutes(registry: parts.metrics).register(on: router)
        KeysRoutes(signingKeys: parts.signingKeys).register(on: router)
        return router
    }
}
