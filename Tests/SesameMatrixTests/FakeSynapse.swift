import Foundation
import Hummingbird
import NIOCore
import Synchronization

/// A tiny in-process HTTP server answering under `/_synapse/mas/` like Synapse does, recording
/// every request so tests can check the exact paths, bodies and headers Sesame sends.
final class FakeSynapse: Sendable {
    /// One request as received.
    struct Received: Sendable {
        var method: String
        var path: String
        var query: String
        var authorization: String?
        var contentType: String?
        var body: String

        /// The JSON body as a dictionary.
        var json: [String: Any] { (try? JSONSerialization.jsonObject(with: Data(body.utf8))) as? [String: Any] ?? [:] }
    }

    /// What to answer: status and JSON body.
    typealias Answer = @Sendable (Received) -> (Int, String)

    private let state = Mutex<(requests: [Received], answer: Answer)>(([], { _ in (200, "{}") }))

    var requests: [Received] { state.withLock { $0.requests } }

    func answer(_ answer: @escaping Answer) {
        state.withLock { $0.answer = answer }
    }

    /// Runs the server on a free loopback port for the duration of `body`.
    func run<T: Sendable>(_ body: (URL) async throws -> T) async throws -> T {
        let router = Router()
        let handler: @Sendable (Request, BasicRequestContext) async throws -> Response = { [self] request, _ in
            let bytes = try await request.body.collect(upTo: 1 << 20)
            let received = Received(
                method: request.method.rawValue, path: request.uri.path, query: request.uri.query ?? "",
                authorization: request.headers[.authorization], contentType: request.headers[.contentType], body: String(buffer: bytes)
            )
            let answer = state.withLock { state in
                state.requests.append(received)
                return state.answer
            }
            let (status, json) = answer(received)
            return Response(
                status: .init(code: status), headers: [.contentType: "application/json"],
                body: .init(byteBuffer: ByteBuffer(string: json))
            )
        }
        router.get("/_synapse/mas/:call", use: handler)
        router.post("/_synapse/mas/:call", use: handler)
        let (ports, continuation) = AsyncStream.makeStream(of: Int.self)
        let app = Application(
            router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0)),
            onServerRunning: { channel in continuation.yield(channel.localAddress?.port ?? 0) }
        )
        let server = Task { try await app.run() }
        defer { server.cancel() }
        var iterator = ports.makeAsyncIterator()
        guard let port = await iterator.next() else { throw CancellationError() }
        return try await body(URL(string: "http://127.0.0.1:\(port)/")!)
    }
}
