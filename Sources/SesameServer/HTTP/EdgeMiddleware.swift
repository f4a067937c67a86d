import HTTPTypes
import Hummingbird
import SesameWeb

/// What every request passes through, in one middleware layer: the client's address, the request
/// metrics, the request log with its `X-Request-Id`, and CORS on the machine-facing paths.
///
/// These were four middlewares. Every Hummingbird middleware layer is another async frame and
/// another copy of the request and its context; merged, a valid-token introspection costs about
/// 8 k instructions less of its 312 k (issue 7). The concerns stay separate types
/// (`TrustedProxies`, `HTTPRequestMetrics`, `RequestLog`, `CORSPolicy`); this one only keeps the
/// order the layers had, outermost first:
/// 1. the client's address behind a trusted proxy, which everything below may read;
/// 2. the metrics, around everything below, so a preflight is counted too;
/// 3. the request log, under the same status as the metrics, and `X-Request-Id` on every answer a
///    handler returns (an error thrown as an answer is logged, and Hummingbird writes it without
///    the header, as before);
/// 4. CORS: a preflight on an open path is answered here, other answers on open paths get the
///    headers.
struct EdgeMiddleware: RouterMiddleware {
    typealias Context = SesameRequestContext

    let trustedProxies: TrustedProxies
    let metrics: HTTPRequestMetrics

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var context = context
        // Without an X-Forwarded-For field (or with no proxy trusted at all) the peer is the
        // client, and the context formats its address only if asked; with one, `clientAddress`
        // decides whether the peer is trusted to have written it.
        if let forwardedFor = trustedProxies.forwardedFor(in: request.headers) {
            context.clientIP = trustedProxies.clientAddress(peer: context.clientIP, forwardedFor: forwardedFor)
        }
        let start = ContinuousClock.now
        var status = 500
        // A thrown error that is not an HTTP answer is counted and logged as a 500.
        defer {
            metrics.record(method: request.method, route: context.endpointPath, status: status, since: start)
            RequestLog.record(request, status: status, since: start, logger: context.logger)
        }
        do {
            let isCrossOriginPath = CORSPolicy.isOpen(request.uri.path)
            var response: Response
            if isCrossOriginPath, request.method == .options {
                response = CORSPolicy.preflight()
            } else {
                response = try await next(request, context)
                if isCrossOriginPath { CORSPolicy.allow(&response) }
            }
            response.headers.setOnly(HTTPField(name: .requestID, value: context.id))
            status = response.status.code
            return response
        } catch let error as any HTTPResponseError {
            status = error.status.code
            throw error
        }
    }
}
