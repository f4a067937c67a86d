import Foundation
import SesameModel
import Testing

@Suite("ULID")
struct ULIDTests {
    @Test("text form is 26 Crockford characters and parses back to the same value")
    func roundTrip() throws {
        let ulid = ULID(date: Date(timeIntervalSince1970: 1_700_000_000.123))
        let text = ulid.description
        #expect(text.count == 26)
        #expect(text.allSatisfy { "0123456789ABCDEFGHJKMNPQRSTVWXYZ".contains($0) })
        #expect(ULID(text) == ulid)
        #expect(ULID(text.lowercased()) == ulid)
    }

    @Test("the time part is the creation time to the millisecond")
    func timestamp() {
        let date = Date(timeIntervalSince1970: 1_700_000_000.123)
        #expect(abs(ULID(date: date).date.timeIntervalSince(date)) < 0.001)
    }

    @Test("a known ULID decodes to its documented timestamp")
    func knownVector() throws {
        // The ULID spec's example; its time part decoded independently with Python (base-32 digits >> 80).
        let ulid = try #require(ULID("01ARZ3NDEKTSV4RRFFQ69G5FAV"))
        #expect(ulid.date.timeIntervalSince1970 * 1000 == 1_469_922_850_259)
        #expect(ulid.description == "01ARZ3NDEKTSV4RRFFQ69G5FAV")
    }

    @Test("a ULID inside longer text parses from a substring")
    func substring() throws {
        let text = "id=01ARZ3NDEKTSV4RRFFQ69G5FAV;"
        let part = text.dropFirst(3).dropLast()
        #expect(ULID(part)?.description == "01ARZ3NDEKTSV4RRFFQ69G5FAV")
        #expect(ULID(text.dropFirst(2).dropLast()) == nil)
    }

    @Test("IDs minted later sort after earlier ones as text")
    func ordering() {
        let early = ULID(date: Date(timeIntervalSince1970: 1_000))
        let late = ULID(date: Date(timeIntervalSince1970: 1_001))
        #expect(early < late)
        #expect(early.description < late.description)
    }

    @Test("malformed text is refused", arguments: [
        "", "01ARZ3NDEKTSV4RRFFQ69G5FA", "01ARZ3NDEKTSV4RRFFQ69G5FAVX", "01ARZ3NDEKTSV4RRFFQ69G5FA!", "81ARZ3NDEKTSV4RRFFQ69G5FAV",
        // 26 characters, 27 bytes.
        "01ARZ3NDEKTSV4RRFFQ69G5FAé",
    ])
    func malformed(text: String) {
        #expect(ULID(text) == nil)
        // Its bytes too, as a database column's are read in place.
        #expect(Array(text.utf8).withUnsafeBufferPointer { ULID(utf8: $0) } == nil)
    }

    @Test("the bytes of the text form parse as the text does")
    func fromBytes() throws {
        let ulid = try #require(ULID("01ARZ3NDEKTSV4RRFFQ69G5FAV"))
        #expect(Array("01ARZ3NDEKTSV4RRFFQ69G5FAV".utf8).withUnsafeBufferPointer { ULID(utf8: $0) } == ulid)
        #expect(Array("01arz3ndektsv4rrffq69g5fav".utf8).withUnsafeBufferPointer { ULID(utf8: $0) } == ulid)
    }

    @Test("typed IDs of different entities cannot be confused but share the text form")
    func typedIDs() throws {
        let user = UserID(date: Date())
        let parsed = try #require(UserID(user.description))
        #expect(parsed == user)
        let json = try JSONEncoder().encode(user)
        #expect(String(decoding: json, as: UTF8.self) == "\"\(user.description)\"")
    }
}
