import Foundation

/// A small estimate of how hard a new password is to guess, on zxcvbn's 0–4 scale (which MAS's
/// `passwords.minimum_complexity` uses): 0 < 10³ guesses, 1 < 10⁶, 2 < 10⁸, 3 < 10¹⁰, 4 beyond.
///
/// Like zxcvbn's brute-force fallback it counts about one decimal digit of guesses per character,
/// less for characters that repeat or continue a sequence ("aaaa", "1234", "abcd"), a little more
/// when several character classes are mixed. Very common passwords and passwords built around the
/// username score 0 whatever their length.
public struct PasswordStrength: Sendable {
    /// Shortest password accepted whatever its score.
    public static let minimumLength = 8

    /// Why a password was refused.
    public enum Problem: Error, Equatable, Sendable {
        case tooShort(minimum: Int)
        case tooCommon
        case containsUsername
        case tooWeak(score: Int, required: Int)
    }

    /// The score a new password must reach (0–4).
    public let minimumScore: Int

    /// Creates the check; `minimumScore` is clamped to 0…4.
    public init(minimumScore: Int) {
        self.minimumScore = min(max(minimumScore, 0), 4)
    }

    /// Nil when `password` is acceptable for `username`; otherwise the first problem found.
    public func problem(with password: String, username: String?) -> Problem? {
        if password.count < Self.minimumLength { return .tooShort(minimum: Self.minimumLength) }
        let lowered = password.lowercased()
        if Self.isCommon(lowered) { return .tooCommon }
        if let username, username.count >= 3, lowered.contains(username.lowercased()) { return .containsUsername }
        let score = Self.score(password)
        return score < minimumScore ? .tooWeak(score: score, required: minimumScore) : nil
    }

    /// The 0–4 score of `password`.
    public static func score(_ password: String) -> Int {
        if isCommon(password.lowercased()) { return 0 }
        let digits = log10Guesses(password)
        switch digits {
        case ..<3: return 0
        case ..<6: return 1
        case ..<8: return 2
        case ..<10: return 3
        default: return 4
        }
    }

    /// log₁₀ of the estimated number of guesses.
    static func log10Guesses(_ password: String) -> Double {
        let scalars = Array(password.unicodeScalars)
        var total = 0.0
        for (index, scalar) in scalars.enumerated() {
            guard index > 0 else { total += 1; continue }
            let previous = scalars[index - 1]
            let step = Int(scalar.value) - Int(previous.value)
            // A repeat or the next step of a run adds almost nothing to an attacker's work.
            total += (step == 0 || abs(step) == 1) ? 0.2 : 1
        }
        let classes = [
            scalars.contains { ("a"..."z").contains($0) }, scalars.contains { ("A"..."Z").contains($0) },
            scalars.contains { ("0"..."9").contains($0) },
            scalars.contains { !("a"..."z").contains($0) && !("A"..."Z").contains($0) && !("0"..."9").contains($0) },
        ].filter { $0 }.count
        return total + 0.5 * Double(max(classes - 1, 0))
    }

    /// True for the most common passwords, also with digits or punctuation tacked on the end
    /// ("password1!", "qwerty2024").
    static func isCommon(_ lowered: String) -> Bool {
        if common.contains(lowered) { return true }
        let stem = String(lowered.reversed().drop { !$0.isLetter }.reversed())
        return stem.count >= 4 && common.contains(stem)
    }

    /// A short list of the passwords seen most often in breaches.
    static let common: Set<String> = [
        "password", "passw0rd", "p@ssword", "p@ssw0rd", "123456", "12345678", "123456789", "1234567890", "qwerty", "qwertyuiop",
        "asdfghjkl", "zxcvbnm", "1q2w3e4r", "1qaz2wsx", "qazwsx", "zaq12wsx", "abc123", "letmein", "welcome", "iloveyou",
        "admin", "administrator", "root", "monkey", "dragon", "football", "baseball", "soccer", "hockey", "sunshine",
        "princess", "trustno1", "master", "shadow", "superman", "batman", "starwars", "hello", "freedom", "whatever",
        "michael", "jennifer", "jordan", "hunter", "ranger", "buster", "charlie", "thomas", "secret", "changeme",
        "computer", "internet", "login", "access", "matrix", "synapse", "element", "default", "guest", "test",
        "testing", "qwerty123", "password123", "iloveyou123", "correcthorsebatterystaple", "correct horse battery staple",
        "000000", "111111", "121212", "654321", "666666", "696969", "7777777", "88888888", "987654321", "11111111",
    ]
}
