import SesameModel
import Testing

@Suite("Scope")
struct ScopeTests {
    @Test("space-separated text parses into tokens and prints sorted")
    func parse() throws {
        let scope = try #require(Scope(parsing: "urn:matrix:client:api:*  openid email"))
        #expect(scope.tokens.count == 3)
        #expect(scope.contains(.openID))
        #expect(scope.description == "email openid urn:matrix:client:api:*")
        // Spaces at either end and between are only separators.
        #expect(Scope(parsing: "  openid   email ")?.tokens == ["email", "openid"])
        #expect(Scope(parsing: "   ")?.isEmpty == true)
    }

    @Test("characters RFC 6749 forbids in a scope token are refused", arguments: [
        "a\"b", "back\\slash", "tab\there", "é",
        // A space followed by a combining mark is one character but still separates tokens; the
        // mark then starts a token of its own, which is refused.
        "openid \u{301}email",
    ])
    func forbidden(text: String) {
        #expect(Scope(parsing: text) == nil)
    }

    @Test("a token parses the same from a substring as from a string")
    func tokenFromSubstring() {
        let text = "scope \"openid\""
        #expect(ScopeToken(text.dropFirst(7).dropLast()) == .openID)
        #expect(ScopeToken(text.dropFirst(6)) == nil)
        #expect(ScopeToken(text.prefix(0)) == nil)
    }

    @Test("an empty string is the empty scope")
    func empty() throws {
        #expect(try #require(Scope(parsing: "")).isEmpty)
    }

    @Test("repeats count once and order does not matter: the same tokens make the same scope")
    func canonical() throws {
        let shuffled = try #require(Scope(parsing: "openid urn:matrix:client:api:* email openid"))
        let sorted = try #require(Scope(parsing: "email openid urn:matrix:client:api:*"))
        #expect(shuffled == sorted)
        #expect(Set([shuffled, sorted]).count == 1)
        #expect(shuffled.tokens == ["email", "openid", "urn:matrix:client:api:*"])
        #expect(Scope(["openid", "email", "email"]).description == "email openid")
        #expect(Scope(["email", "email"]).tokens == ["email"])
    }

    @Test("adding tokens keeps the scope sorted and without repeats, as building it from all of them does")
    func adding() throws {
        let scope = try #require(Scope(parsing: "email openid urn:matrix:client:api:*"))
        let extra: [ScopeToken] = ["zzz", "aaa", "openid", "m", "m"]
        let added = scope.adding(extra)
        #expect(added.tokens == ["aaa", "email", "m", "openid", "urn:matrix:client:api:*", "zzz"])
        #expect(added == Scope(scope.tokens + extra))
        #expect(Scope([]).adding(["b", "a"]).tokens == ["a", "b"])
        #expect(scope.adding([]) == scope)
        // Against the full sort, over many random draws from a small alphabet (so repeats happen).
        var generator = SystemRandomNumberGenerator()
        let pool: [ScopeToken] = ["a", "b", "c", "d", "e", "f", "g"]
        for _ in 0..<200 {
            let base = (0..<Int.random(in: 0...5, using: &generator)).map { _ in pool.randomElement(using: &generator)! }
            let more = (0..<Int.random(in: 0...5, using: &generator)).map { _ in pool.randomElement(using: &generator)! }
            #expect(Scope(base).adding(more).tokens == Scope(base + more).tokens)
        }
    }

    @Test("a large scope finds each of its tokens and none other")
    func containsInALargeScope() throws {
        let present = (0..<1_000).map { ScopeToken("scope-\($0 * 2)")! }
        let absent = (0..<1_000).map { ScopeToken("scope-\($0 * 2 + 1)")! } + ["a", "zzz", "scope-"]
        let scope = Scope(present.shuffled())
        #expect(present.allSatisfy(scope.contains))
        #expect(!absent.contains(where: scope.contains))
        #expect(Scope(present.prefix(10)).isSubset(of: scope))
        #expect(!scope.isSubset(of: Scope(present.dropLast())))
        #expect(!Scope([]).contains("scope-0"))
    }

    @Test("subset compares tokens regardless of order")
    func subset() throws {
        let small = try #require(Scope(parsing: "openid"))
        let large = try #require(Scope(parsing: "email openid"))
        #expect(small.isSubset(of: large))
        #expect(!large.isSubset(of: small))
    }
}
