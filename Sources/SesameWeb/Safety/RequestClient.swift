/// The client address of the request a page handler is answering. `WebRoutes` binds it around
/// each handler from `SesameRequestContext.clientIP` (the peer, or what a trusted proxy reports:
/// `TrustedProxies`), so helpers deep in a page (session records, rate limits) read the same answer without every
/// signature carrying the context. Scoped to the handler's task; never set anywhere else.
enum RequestClient {
    @TaskLocal static var ip: String?
}
