@testable import SesameServer
import Testing

/// The metric key hashes only lengths and the status; equality must still tell every label apart.
@Suite("HTTP metric key")
struct HTTPMetricKeyTests {
    @Test("keys with the same lengths but different labels stay apart in a table")
    func sameLengthsDistinct() {
        let keys = [
            HTTPMetricKey(method: "GET", route: "/oauth2/token", status: 200),
            HTTPMetricKey(method: "PUT", route: "/oauth2/token", status: 200),
            HTTPMetricKey(method: "GET", route: "/oauth2/tokem", status: 200),
            HTTPMetricKey(method: "GET", route: "/oauth2/token", status: 400),
        ]
        var counts: [HTTPMetricKey: Int] = [:]
        for (index, key) in keys.enumerated() { counts[key, default: 0] += index + 1 }
        counts[HTTPMetricKey(method: "GET", route: "/oauth2/token", status: 200), default: 0] += 10
        #expect(counts.count == 4)
        #expect(counts[keys[0]] == 11)
        #expect(counts[keys[1]] == 2)
        #expect(counts[keys[2]] == 3)
        #expect(counts[keys[3]] == 4)
    }
}
