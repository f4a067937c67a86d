import SesameModel
import Testing

@Suite("Username")
struct UsernameTests {
    @Test("Matrix localpart characters are accepted", arguments: ["alice", "bob.smith", "c_d=e-f/g+h", "user1"])
    func valid(name: String) {
        #expect(Username(name)?.rawValue == name)
    }

    @Test("each invalid name gets the reason")
    func problems() {
        #expect(Username.validate("") == .failure(.empty))
        #expect(Username.validate("Alice") == .failure(.invalidCharacter("A")))
        #expect(Username.validate("12345") == .failure(.allDigits))
        #expect(Username.validate(String(repeating: "a", count: 256)) == .failure(.tooLong))
    }
}
