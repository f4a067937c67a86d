import SesameAccounts
import Testing

@Suite("Password strength")
struct PasswordStrengthTests {
    @Test("short, repetitive and sequential passwords score low; long mixed ones score high")
    func scores() {
        #expect(PasswordStrength.score("aaaaaaaa") == 0)
        #expect(PasswordStrength.score("abcdefgh") == 0)
        #expect(PasswordStrength.score("12345678") == 0)
        #expect(PasswordStrength.score("k7#Qp2") == 2)
        #expect(PasswordStrength.score("long enough secret") == 4)
        #expect(PasswordStrength.score("tr0ub4dor&3x") == 4)
    }

    @Test("common passwords score 0 even with digits or punctuation added")
    func common() {
        #expect(PasswordStrength.score("password") == 0)
        #expect(PasswordStrength.score("Password123!") == 0)
        #expect(PasswordStrength.score("qwerty2024") == 0)
    }

    @Test("the check names the first problem: length, commonness, the username, then the score")
    func problems() {
        let check = PasswordStrength(minimumScore: 3)
        #expect(check.problem(with: "Sh0rt!", username: "carol") == .tooShort(minimum: 8))
        #expect(check.problem(with: "iloveyou!!", username: "carol") == .tooCommon)
        #expect(check.problem(with: "Carol-was-here-1999", username: "carol") == .containsUsername)
        #expect(check.problem(with: "zyxwvuts", username: "carol") == .tooWeak(score: 0, required: 3))
        #expect(check.problem(with: "long enough secret", username: "carol") == nil)
    }

    @Test("complexity 0 only keeps the length and commonness rules")
    func lenient() {
        let check = PasswordStrength(minimumScore: 0)
        #expect(check.problem(with: "zyxwvuts", username: nil) == nil)
        #expect(check.problem(with: "password", username: nil) == .tooCommon)
    }
}
