import Foundation
import SesameModel

/// What each user has agreed to let each client do, so consent is asked once per new scope.
public protocol ConsentRepository: Sendable {
    /// The scope tokens `userID` has granted `clientID` so far.
    func grantedScope(userID: UserID, clientID: ClientID) async throws -> Scope
    /// Records consent to every token of `scope` (tokens already granted are kept as they are).
    func grant(userID: UserID, clientID: ClientID, scope: Scope, at date: Date) async throws
    /// Forgets everything `userID` granted `clientID` (the next authorization asks again).
    func revokeAll(userID: UserID, clientID: ClientID) async throws
}
