import NIOCore
import NIOPosix

/// The event loops that serve HTTP: half the cores, at least one.
///
/// Hummingbird reads each request on an event loop and answers it from a task on Swift's
/// cooperative pool (one thread per core), so a request crosses threads twice. With as many event
/// loops as cores (NIO's shared default) each loop has so little to do between requests that it
/// sleeps in `epoll_wait` and must be woken through its eventfd for nearly every answer. Fewer,
/// busier loops mostly find the next answer already queued. Measured on 2 cores (issue 7, valid-token
/// introspection, wrk with 64 connections on the same cores): one loop served 21–25 k/s at 62–74 µs
/// of server CPU per request, two loops 16–21 k/s at 75–97 µs; a malformed token, which never waits,
/// lost 5–10 %. The ceiling server gained nothing from one loop, so the ceilings keep NIO's default.
enum HTTPEventLoops {
    static func count(cores: Int) -> Int { max(1, cores / 2) }

    /// A group of its own, so the database and HTTP clients keep NIO's shared loops.
    static func makeGroup() -> MultiThreadedEventLoopGroup {
        MultiThreadedEventLoopGroup(numberOfThreads: count(cores: System.coreCount))
    }
}
