import SesameModel
import Testing

@Suite("Matrix scopes")
struct MatrixScopeTests {
    @Test("API and device scopes are recognised in the stable spelling")
    func stable() throws {
        let scope = try #require(Scope(parsing: "openid urn:matrix:client:api:* urn:matrix:client:device:ABCDEFGHIJ"))
        let summary = try MatrixScope.summarize(scope)
        #expect(summary.grantsAPI)
        #expect(summary.deviceID?.rawValue == "ABCDEFGHIJ")
        #expect(summary.form == .stable)
        #expect(!summary.isSynapseAdmin)
    }

    @Test("the unstable MSC2967 spelling is recognised too")
    func unstable() throws {
        let scope = try #require(Scope(parsing: "urn:matrix:org.matrix.msc2967.client:api:* urn:matrix:org.matrix.msc2967.client:device:XYZ"))
        let summary = try MatrixScope.summarize(scope)
        #expect(summary.form == .unstable)
        #expect(summary.deviceID?.rawValue == "XYZ")
    }

    @Test("mixing spellings is refused")
    func mixed() throws {
        let scope = try #require(Scope(parsing: "urn:matrix:client:api:* urn:matrix:org.matrix.msc2967.client:device:XYZ"))
        #expect(throws: MatrixScope.Problem.mixedForms) { try MatrixScope.summarize(scope) }
    }

    @Test("which problem is reported: an empty device ID first, then mixed spellings, then several devices")
    func problemOrder() throws {
        let emptyDevice = try #require(Scope(parsing:
            "urn:matrix:client:api:* urn:matrix:org.matrix.msc2967.client:api:* urn:matrix:org.matrix.msc2967.client:device:"))
        #expect(throws: MatrixScope.Problem.invalidDeviceID("")) { try MatrixScope.summarize(emptyDevice) }
        let mixedAndTwo = try #require(Scope(parsing: "urn:matrix:client:device:A urn:matrix:org.matrix.msc2967.client:device:B"))
        #expect(throws: MatrixScope.Problem.mixedForms) { try MatrixScope.summarize(mixedAndTwo) }
    }

    @Test("two device scopes are refused")
    func twoDevices() throws {
        let scope = try #require(Scope(parsing: "urn:matrix:client:device:A urn:matrix:client:device:B"))
        #expect(throws: MatrixScope.Problem.severalDevices) { try MatrixScope.summarize(scope) }
    }

    @Test("introspection gets both spellings of every Matrix scope")
    func bothForms() throws {
        let scope = try #require(Scope(parsing: "openid urn:matrix:client:api:* urn:matrix:client:device:DEV"))
        let both = MatrixScope.withBothForms(scope)
        #expect(both.description == "openid urn:matrix:client:api:* urn:matrix:client:device:DEV urn:matrix:org.matrix.msc2967.client:api:* urn:matrix:org.matrix.msc2967.client:device:DEV")
    }

    @Test("both spellings from the unstable one too, each once when both were stored; other scopes as they are")
    func bothFormsFromEitherSide() throws {
        let expected = "urn:matrix:client:api:* urn:matrix:client:device:DEV urn:matrix:org.matrix.msc2967.client:api:* urn:matrix:org.matrix.msc2967.client:device:DEV"
        let unstable = try #require(Scope(parsing: "urn:matrix:org.matrix.msc2967.client:api:* urn:matrix:org.matrix.msc2967.client:device:DEV"))
        #expect(MatrixScope.withBothForms(unstable).description == expected)
        let stored = try #require(Scope(parsing: expected))
        #expect(MatrixScope.withBothForms(stored).description == expected)
        #expect(MatrixScope.withBothForms(stored).tokens.count == 4)
        let plain = try #require(Scope(parsing: "email openid urn:synapse:admin:*"))
        #expect(MatrixScope.withBothForms(plain) == plain)
    }
}
