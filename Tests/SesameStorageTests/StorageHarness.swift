import Foundation
import Logging
import NIOPosix
import PostgresNIO
import SesameModel
import SesameStorage
import Testing
@_exported import SesameTestSupport

/// A clock and small factories so tests state only what matters to them.
struct Fixtures {
    let clock = ManualWallClock()

    func user(_ name: String = "alice", canRequestAdmin: Bool = false) -> User {
        User(id: UserID(date: clock.now()), username: Username(name)!, createdAt: clock.now(), canRequestAdmin: canRequestAdmin)
    }

    func client(redirectURIs: [String] = ["https://app.example.com/callback"]) -> OAuthClient {
        OAuthClient(id: ClientID(date: clock.now()), clientName: "Example", clientURI: "https://app.example.com/", redirectURIs: redirectURIs, createdAt: clock.now())
    }

    /// A fresh random hex string standing in for a token hash.
    func tokenHash() -> String {
        (0..<32).map { _ in String(format: "%02x", UInt8.random(in: 0...255)) }.joined()
    }
}
