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
}
