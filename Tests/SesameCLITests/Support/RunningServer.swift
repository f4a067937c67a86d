import Foundation
import Testing

/// A `sesame server` started in a sandbox and answering `GET /health` with 200.
struct RunningServer {
    let process: ChildProcess
    let baseURL: URL

    func url(_ path: String) -> URL { URL(string: path, relativeTo: baseURL)!.absoluteURL }
}

/// `sesame server` exited, or never became healthy.
struct ServerDidNotStart: Error, CustomStringConvertible {
    let transcript: String
    var description: String { "sesame server did not become healthy\n\(transcript)" }
}

extension Sandbox {
    /// Writes the standard config listening on a free port and starts `sesame server` on it.
    /// Another process may grab the port between choosing and binding it, so a start that fails
    /// with "Address already in use" is retried on a new port.
    func startServer(timeout: Duration = .seconds(90)) async throws -> RunningServer {
        for _ in 1...5 {
            let port = try freeLocalPort()
            try writeConfig("""
                http:
                  public_base: http://127.0.0.1:\(port)/
                  listeners:
                  - name: web
                    binds:
                    - address: "127.0.0.1:\(port)"

                """)
            let server = RunningServer(process: try launch(Binaries.sesame, ["server"]), baseURL: URL(string: "http://127.0.0.1:\(port)/")!)
            if try await server.waitUntilHealthy(timeout: timeout) { return server }
            _ = await server.process.waitForExit(timeout: .seconds(5))
            guard server.process.standardError.text.contains("Address already in use") else {
                server.process.killAndReap()
                throw ServerDidNotStart(transcript: server.process.transcript)
            }
        }
        throw ServerDidNotStart(transcript: "no free port after 5 attempts")
    }
}

extension RunningServer {
    /// Polls `/health` until it answers 200; false when the process exits or time runs out.
    func waitUntilHealthy(timeout: Duration) async throws -> Bool {
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline, process.isRunning {
            if let response = try? await LocalHTTP.get(url("health")), response.status == 200 { return true }
            try await Task.sleep(for: .milliseconds(100))
        }
        return false
    }
}
