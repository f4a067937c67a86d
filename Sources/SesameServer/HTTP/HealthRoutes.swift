import Foundation
import Hummingbird
import SesameStorage

/// `GET /health`: 200 when the database answers, 503 with the reason when it does not.
struct HealthRoutes {
    let storage: any Storage

    struct Status: ResponseEncodable {
        let status: String
        let database: String
        let reason: String?
    }

    func register(on router: Router<some RequestContext>) {
        router.get("health") { _, context -> Response in
            do {
                try await storage.checkHealth()
                return try JSONResponse.make(Status(status: "ok", database: storage.backend.rawValue, reason: nil), status: .ok)
            } catch {
                context.logger.error("health check failed", metadata: ["error": "\(error)"])
                return try JSONResponse.make(Status(status: "unavailable", database: storage.backend.rawValue, reason: "database unreachable"), status: .serviceUnavailable)
            }
        }
    }
}
