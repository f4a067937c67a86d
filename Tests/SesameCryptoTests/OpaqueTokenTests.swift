import Testing

@testable import SesameCrypto

@Suite("Opaque tokens in the MAS format")
struct OpaqueTokenTests {
    // Vectors from Python: base62(zlib.crc32(body)) with MAS's digit order and padding.

    @Test("a token computed with zlib's CRC-32 parses as an access token")
    func knownAccessTokenParses() throws {
        let token = try OpaqueToken(parsing: "mat_abcdefghijklmnopqrstuvwxyz0123_ObV8J1")
        #expect(token.kind == .accessToken)
        #expect(token.value == "mat_abcdefghijklmnopqrstuvwxyz0123_ObV8J1")
    }

    @Test("the checksum matches zlib.crc32 encoded least significant digit first")
    func checksumMatchesZlib() {
        #expect(OpaqueToken.checksum(of: "mat_abcdefghijklmnopqrstuvwxyz0123") == "ObV8J1")
        #expect(OpaqueToken.checksum(of: "mar_ABCDEFGHIJKLMNOPQRSTUVWXYZ0123") == "DHcLn1")
        #expect(OpaqueToken.checksum(of: "mpt_000000000000000000000000000000") == "18Xjk1")
    }

    @Test("a checksum under 62^5 is left-padded with zeros to six characters")
    func shortChecksumIsPadded() throws {
        // zlib.crc32 of this body is 309211314, five base-62 digits.
        #expect(OpaqueToken.checksum(of: "mct_Sesame000000000000000000000000") == "0GzPvK")
        #expect(try TokenKind.parse("mct_Sesame000000000000000000000000_0GzPvK") == .compatAccessToken)
    }

    @Test("the CRC-32 is the ISO-HDLC one (check value of \"123456789\")")
    func crcCheckValue() {
        #expect(CRC32.checksum(Array("123456789".utf8)) == 0xCBF4_3926)
    }

    @Test("each kind's token starts with its MAS prefix", arguments: [
        (TokenKind.accessToken, "mat_"), (.refreshToken, "mar_"), (.compatAccessToken, "mct_"),
        (.compatRefreshToken, "mcr_"), (.personalAccessToken, "mpt_"),
    ])
    func prefixPerKind(kind: TokenKind, prefix: String) throws {
        var generator = SeededGenerator(seed: 1)
        let token = OpaqueToken.generate(kind, using: &generator)
        #expect(token.value.hasPrefix(prefix))
        #expect(try TokenKind.parse(token.value) == kind)
    }

    @Test("a minted token is prefix, 30 alphanumerics and a 6-character checksum")
    func mintedTokenShape() {
        var generator = SeededGenerator(seed: 42)
        let token = OpaqueToken.generate(.refreshToken, using: &generator)
        let parts = token.value.split(separator: "_")
        #expect(parts.count == 3)
        #expect(parts[1].count == 30)
        #expect(parts[2].count == 6)
        #expect(parts[1].allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber) })
        #expect(token.value.count == 41)
    }

    @Test("the same seed mints the same token, so tests can predict tokens")
    func mintingIsDrivenByTheGenerator() {
        var first = SeededGenerator(seed: 7)
        var second = SeededGenerator(seed: 7)
        var third = SeededGenerator(seed: 8)
        let a = OpaqueToken.generate(.accessToken, using: &first)
        let b = OpaqueToken.generate(.accessToken, using: &second)
        let c = OpaqueToken.generate(.accessToken, using: &third)
        #expect(a == b)
        #expect(a != c)
    }

    @Test("system-generated tokens differ and check out")
    func systemTokensDiffer() throws {
        let a = OpaqueToken.generate(.personalAccessToken)
        let b = OpaqueToken.generate(.personalAccessToken)
        #expect(a != b)
        #expect(try OpaqueToken(parsing: a.value) == a)
    }

    @Test("a token with one character changed fails its checksum")
    func tamperedTokenRejected() {
        #expect(throws: OpaqueTokenError.badChecksum) {
            try OpaqueToken(parsing: "mat_abcdefghijklmnopqrstuvwxyz0124_ObV8J1")
        }
    }

    @Test("a valid body under another prefix fails its checksum, so kinds cannot be swapped")
    func prefixSwapRejected() {
        #expect(throws: OpaqueTokenError.badChecksum) {
            try OpaqueToken(parsing: "mar_abcdefghijklmnopqrstuvwxyz0123_ObV8J1")
        }
    }

    @Test("an unknown prefix is named in the error")
    func unknownPrefix() {
        #expect(throws: OpaqueTokenError.unknownPrefix("syt")) {
            try TokenKind.parse("syt_abcdefghijklmnopqrstuvwxyz0123_ObV8J1")
        }
    }

    @Test("a random part of the wrong length is rejected with its length")
    func wrongRandomLength() {
        #expect(throws: OpaqueTokenError.wrongRandomLength(29)) {
            try TokenKind.parse("mat_abcdefghijklmnopqrstuvwxyz012_ObV8J1")
        }
    }

    @Test("a checksum of the wrong length is rejected with its length")
    func wrongChecksumLength() {
        #expect(throws: OpaqueTokenError.wrongChecksumLength(5)) {
            try TokenKind.parse("mat_abcdefghijklmnopqrstuvwxyz0123_ObV8J")
        }
    }

    @Test("anything but three underscore-separated parts is malformed", arguments: [
        "", "mat", "mat_abcdefghijklmnopqrstuvwxyz0123", "mat_abcdefghijklmnopqrstuvwxyz0123_ObV8J1_",
        "Bearer mat_abc",
    ])
    func malformed(token: String) {
        #expect(throws: OpaqueTokenError.malformed) { try TokenKind.parse(token) }
    }

    @Test("non-ASCII letters in the random part are rejected")
    func nonAlphanumericRejected() {
        #expect(throws: OpaqueTokenError.invalidCharacter) {
            try TokenKind.parse("mat_abcdefghijklmnopqrstuvwxyz012é_ObV8J1")
        }
    }

    @Test("random bytes of 248 and above are skipped, so every digit is equally likely")
    func rejectionSampling() {
        // Bytes 0…29 give the first 30 digits; the same bytes with 255s between them give the same token.
        var plain = ByteListGenerator(Array(0..<30))
        var padded = ByteListGenerator(Array(0..<30).flatMap { [$0, 255, 248] })
        let expected = "mat_0123456789ABCDEFGHIJKLMNOPQRST_"
        #expect(OpaqueToken.generate(.accessToken, using: &plain).value.hasPrefix(expected))
        var again = ByteListGenerator(Array(0..<30))
        #expect(OpaqueToken.generate(.accessToken, using: &padded).value == OpaqueToken.generate(.accessToken, using: &again).value)
    }

    @Test("a byte 62 above another gives the same digit (byte modulo 62)")
    func moduloDigits() {
        var generator = ByteListGenerator(Array(repeating: 62 + 10, count: 30))
        #expect(OpaqueToken.generate(.refreshToken, using: &generator).value.hasPrefix("mar_" + String(repeating: "A", count: 30) + "_"))
    }

    @Test("a token whose random part has a character outside base 62 at the end is rejected")
    func punctuationRejected() {
        #expect(throws: OpaqueTokenError.invalidCharacter) {
            try TokenKind.parse("mat_abcdefghijklmnopqrstuvwxyz012-_ObV8J1")
        }
        #expect(throws: OpaqueTokenError.invalidCharacter) {
            try TokenKind.parse("mat_abcdefghijklmnopqrstuvwxyz0123_ObV8J-")
        }
    }

    @Test("interpolating a token into a log line shows only its prefix")
    func descriptionIsRedacted() throws {
        let token = try OpaqueToken(parsing: "mat_abcdefghijklmnopqrstuvwxyz0123_ObV8J1")
        #expect("\(token)" == "mat_[redacted]")
    }
}

/// Hands out the given bytes in order, eight per `next()`, least significant first, then zeros.
private struct ByteListGenerator: RandomNumberGenerator {
    let bytes: [UInt8]
    var position = 0

    init(_ bytes: [UInt8]) { self.bytes = bytes }

    mutating func next() -> UInt64 {
        var word: UInt64 = 0
        for shift in stride(from: 0, to: 64, by: 8) {
            let byte = position < bytes.count ? bytes[position] : 0
            position += 1
            word |= UInt64(byte) << UInt64(shift)
        }
        return word
    }
}
