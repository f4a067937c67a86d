import Testing
@testable import SesameServer

@Suite("branding config")
struct BrandingConfigTests {
    @Test("MAS's branding section loads without warnings and gives the terms-of-service link")
    func tosURI() throws {
        let yaml = """
            branding:
              service_name: Example Chat
              tos_uri: https://example.com/tos
              imprint: Example Ltd.
            """
        let loaded = try ConfigLoader.load(yaml: yaml, source: "mas.yaml")
        #expect(loaded.config.branding.tosURI == "https://example.com/tos")
        #expect(loaded.warnings.isEmpty)
    }

    @Test("an unknown branding key is reported")
    func unknownKey() throws {
        let loaded = try ConfigLoader.load(yaml: "branding:\n  tos_url: https://example.com/tos\n", source: "c.yaml")
        #expect(loaded.warnings.map(\.key) == ["branding.tos_url"])
        #expect(loaded.config.branding.tosURI == nil)
    }
}
