import Foundation
import Synchronization

/// Where "now" comes from; passed in so tests control time.
public protocol WallClock: Sendable {
    /// The current time.
    func now() -> Date
}

/// The real clock, truncated to whole microseconds so every stored time survives a
/// round trip through PostgreSQL's microsecond timestamps unchanged.
public struct SystemWallClock: WallClock {
    /// Creates the system clock.
    public init() {}

    public func now() -> Date {
        let micros = (Date().timeIntervalSince1970 * 1_000_000).rounded(.down)
        return Date(timeIntervalSince1970: micros / 1_000_000)
    }
}

/// A clock that only moves when told to, for tests.
public final class ManualWallClock: WallClock {
    private let current: Mutex<Date>
    private let step: TimeInterval

    /// Starts the clock at `start` (by default a fixed, whole-second instant). With a `step`, every
    /// reading moves the clock on by that much, so successive events get distinct, ordered times.
    public init(start: Date = Date(timeIntervalSince1970: 1_800_000_000), step: TimeInterval = 0) {
        current = Mutex(start)
        self.step = step
    }

    public func now() -> Date {
        current.withLock { date in
            defer { date += step }
            return date
        }
    }

    /// Moves the clock forward by `interval` seconds.
    public func advance(by interval: TimeInterval) {
        current.withLock { $0 += interval }
    }
}
