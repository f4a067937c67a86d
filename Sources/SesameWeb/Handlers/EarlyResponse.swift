import Hummingbird

/// A step that cannot continue and already knows what to answer (a redirect to the login page, an
/// error page); thrown so handlers read as their happy path.
struct EarlyResponse: Error {
    let response: Response

    init(_ response: Response) { self.response = response }
}
