import Foundation
import Testing

/// `sesame server`: started, probed, restarted and stopped the way a service manager would.
@Suite("sesame server")
struct ServerTests {
    /// The `kid`s published at /oauth2/keys.json.
    static func publishedKeyIDs(_ server: RunningServer) async throws -> Set<String> {
        let response = try await LocalHTTP.get(server.url("oauth2/keys.json"))
        try #require(response.status == 200, "\(response)")
        let document = try #require(try JSONSerialization.jsonObject(with: Data(response.body.utf8)) as? [String: Any])
        let keys = try #require(document["keys"] as? [[String: Any]], "\(response.body)")
        return Set(keys.compactMap { $0["kid"] as? String })
    }

    /// The generated key files in `<data>/keys/`, name → contents.
    static func keyFiles(_ sandbox: Sandbox) throws -> [String: Data] {
        let folder = sandbox.dataDirectory.appendingPathComponent("keys")
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path)
        return try Dictionary(uniqueKeysWithValues: names.map { ($0, try Data(contentsOf: folder.appendingPathComponent($0))) })
    }

    /// Stops the server with SIGTERM and waits for it, as setup for the next step.
    static func stop(_ server: RunningServer) async throws {
        server.process.send(SIGTERM)
        let exitCode = await server.process.waitForExit(timeout: .seconds(15))
        try #require(exitCode == 0, "\(server.process.transcript)")
    }

    @Test("it answers /health with 200 and counts requests in /metrics")
    func healthAndMetrics() async throws {
        try await withSandbox { sandbox in
            let server = try await sandbox.startServer()

            let health = try await LocalHTTP.get(server.url("health"))
            let metrics = try await LocalHTTP.get(server.url("metrics"))

            #expect(health.status == 200)
            #expect(health.body.contains(#""status":"ok""#), "\(health.body)")
            #expect(metrics.status == 200)
            #expect(metrics.body.contains("http_requests_total"), "\(metrics.body)")
            #expect(metrics.body.contains(#"route="/health""#), "\(metrics.body)")
        }
    }

    @Test("a restart reuses the signing keys generated on first start")
    func restartReusesKeys() async throws {
        try await withSandbox { sandbox in
            let first = try await sandbox.startServer()
            let filesBefore = try Self.keyFiles(sandbox)
            let kidsBefore = try await Self.publishedKeyIDs(first)
            try await Self.stop(first)

            let second = try await sandbox.startServer()
            let filesAfter = try Self.keyFiles(sandbox)
            let kidsAfter = try await Self.publishedKeyIDs(second)

            #expect(filesBefore.count == 2, "\(filesBefore.keys.sorted())")
            #expect(filesAfter == filesBefore, "before \(filesBefore.keys.sorted()), after \(filesAfter.keys.sorted())")
            #expect(kidsBefore.count == 2, "\(kidsBefore)")
            #expect(kidsAfter == kidsBefore)
            for kid in kidsBefore {
                #expect(filesBefore.keys.contains { $0.contains(kid) }, "no key file for kid \(kid)")
            }
        }
    }

    @Test("SIGTERM stops it with exit 0 within seconds, logging Sesame stopped")
    func gracefulStop() async throws {
        try await withSandbox { sandbox in
            let server = try await sandbox.startServer()

            server.process.send(SIGTERM)
            let exitCode = await server.process.waitForExit(timeout: .seconds(10))

            #expect(exitCode == 0, "\(server.process.transcript)")
            #expect(server.process.standardError.text.contains("Sesame stopped"), "\(server.process.transcript)")
            let failures = server.process.standardError.text.split(separator: "\n").filter { line in
                let level = line.split(separator: " ").dropFirst().first
                return line.hasPrefix("error:") || level == "error" || level == "critical"
            }
            #expect(failures.isEmpty, "\(server.process.transcript)")
        }
    }
}
