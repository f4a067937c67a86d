import Foundation

/// RFC 2047 encoded words: non-ASCII text in a header as `=?UTF-8?B?…?=`.
enum EncodedWord {
    /// RFC 2047 §2: an encoded word is at most 75 characters; `=?UTF-8?B?` and `?=` take 12,
    /// leaving 63 base64 characters, i.e. 45 bytes (a multiple of 3, so no padding mid-text).
    static let maximumBytesPerWord = 45

    /// `text` as one or more encoded words joined by `separator` (a folding `"\r\n "` in a
    /// long header). Words end on character boundaries: RFC 2047 §5 forbids splitting a
    /// multi-byte character across words.
    static func encode(_ text: String, separator: String) -> String {
        var words: [String] = []
        var chunk: [UInt8] = []
        for character in text {
            let bytes = Array(String(character).utf8)
            if !chunk.isEmpty && chunk.count + bytes.count > maximumBytesPerWord {
                words.append(word(chunk))
                chunk = []
            }
            chunk += bytes
        }
        if !chunk.isEmpty || words.isEmpty { words.append(word(chunk)) }
        return words.joined(separator: separator)
    }

    private static func word(_ bytes: [UInt8]) -> String {
        "=?UTF-8?B?\(Data(bytes).base64EncodedString())?="
    }
}
