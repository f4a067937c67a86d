import Foundation
import SesameModel

/// Device authorization requests (RFC 8628).
public protocol DeviceCodeGrantRepository: Sendable {
    /// Stores a pending grant with the hash of its device code; the user code must be unique.
    func add(_ grant: DeviceCodeGrant, deviceCodeHash: String) async throws
    func find(id: DeviceCodeGrantID) async throws -> DeviceCodeGrant?
    func find(deviceCodeHash: String) async throws -> DeviceCodeGrant?
    func find(userCode: String) async throws -> DeviceCodeGrant?
    /// Approves a pending grant; false if it was not pending.
    func fulfill(id: DeviceCodeGrantID, browserSessionID: BrowserSessionID, at date: Date) async throws -> Bool
    /// Denies a pending grant; false if it was not pending.
    func reject(id: DeviceCodeGrantID, browserSessionID: BrowserSessionID, at date: Date) async throws -> Bool
    /// Marks a fulfilled grant exchanged for tokens of `sessionID`; false if already exchanged.
    func exchange(id: DeviceCodeGrantID, sessionID: OAuthSessionID, at date: Date) async throws -> Bool
    func recordPoll(id: DeviceCodeGrantID, at date: Date) async throws
}
