import HTTPTypes

extension HTTPFields {
    /// What `self[name]` answers — the field's value, or every value joined when the field was sent
    /// more than once — without its cost when the field was sent once. HTTPTypes' subscript always
    /// joins through a lazy generic `joined`, about 4 k instructions per lookup on the homeserver's
    /// introspection path (issue 7).
    public func value(of name: HTTPField.Name) -> String? {
        var found: String?
        for field in self where field.name == name {
            // Sent again: the subscript's joined form, separators and all.
            guard found == nil else { return self[name] }
            found = field.value
        }
        return found
    }
}

extension HTTPFields {
    /// Whether `Content-Type` starts with `mediaType`, ignoring ASCII case (media types are
    /// case-insensitive, RFC 9110 §8.3.1) — what `value(of: .contentType)?.lowercased().hasPrefix(…)`
    /// answers for a lowercase `mediaType`, without allocating the lowercased copy on every
    /// token request (issue 7).
    public func contentTypeStarts(with mediaType: String) -> Bool {
        guard var value = value(of: .contentType) else { return false }
        var mediaType = mediaType
        return value.withUTF8 { sent in
            mediaType.withUTF8 { expected in
                guard sent.count >= expected.count else { return false }
                for index in expected.indices where Self.asciiLowercased(sent[index]) != Self.asciiLowercased(expected[index]) {
                    return false
                }
                return true
            }
        }
    }

    private static func asciiLowercased(_ byte: UInt8) -> UInt8 {
        byte &- UInt8(ascii: "A") < 26 ? byte | 0x20 : byte
    }
}

extension HTTPFields {
    /// Makes `field` the only field of its name: replaces the ones there, or appends it when there
    /// are none (the usual case: one scan of the names). What `self[field.name] = field.value`
    /// does, for a field built once: the subscript validates the value and goes through a generic
    /// replacement on every call, on every answer the edge middleware adds a header to (issue 7).
    public mutating func setOnly(_ field: HTTPField) {
        if contains(field.name) {
            self[fields: field.name] = [field]
        } else {
            append(field)
        }
    }
}
