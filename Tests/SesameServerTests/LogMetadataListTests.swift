import Logging
@testable import SesameServer
import Testing

/// The handlers' metadata list must behave as the dictionary it replaced.
@Suite("Log metadata list")
struct LogMetadataListTests {
    @Test("set, read, replace and remove by key, as a dictionary does")
    func behavesAsADictionary() {
        var list = LogMetadataList()
        #expect(list["hb.request.id"] == nil)
        list["hb.request.id"] = "7f3a"
        list["client"] = "01J7R4Z1Q2X3Y4Z5A6B7C8D9EF"
        list["hb.request.id"] = "8b4c"
        #expect(list["hb.request.id"] == "8b4c")
        #expect(list.dictionary == ["hb.request.id": "8b4c", "client": "01J7R4Z1Q2X3Y4Z5A6B7C8D9EF"])
        list["client"] = nil
        list["never-set"] = nil
        #expect(list["client"] == nil)
        #expect(list.dictionary == ["hb.request.id": "8b4c"])
        list.dictionary = ["a": "1", "b": "2"]
        #expect(list["hb.request.id"] == nil)
        #expect(list["b"] == "2")
        #expect(list.dictionary == ["a": "1", "b": "2"])
    }

    @Test("both handlers keep metadata set by key and as a whole")
    func handlers() {
        var json = JSONLogHandler(label: "sesame.test")
        json[metadataKey: "hb.request.id"] = "7f3a"
        json.metadata["client"] = "01J7R4Z1Q2X3Y4Z5A6B7C8D9EF"
        #expect(json.metadata == ["hb.request.id": "7f3a", "client": "01J7R4Z1Q2X3Y4Z5A6B7C8D9EF"])
        #expect(json[metadataKey: "client"] == "01J7R4Z1Q2X3Y4Z5A6B7C8D9EF")
        var text = TextLogHandler(label: "sesame.test")
        text.metadata = ["hb.request.id": "7f3a"]
        text[metadataKey: "hb.request.id"] = nil
        #expect(text.metadata.isEmpty)
    }
}
