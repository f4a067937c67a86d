/// One mail address with an optional display name, as written in `From:` or `To:`
/// (RFC 5322 §3.4): `"Sesame" <noreply@example.org>`, `Sesame <noreply@example.org>` or
/// `noreply@example.org`.
public struct Mailbox: Sendable, Equatable, CustomStringConvertible {
    /// The name shown to the reader, if any.
    public let displayName: String?
    /// The `local@domain` address used on the SMTP envelope.
    public let address: String

    /// Parses a mailbox; rejects anything that could smuggle SMTP commands or headers.
    public init(parsing text: String) throws(MailboxError) {
        let trimmed = text.trimmingMailWhitespace()
        guard !trimmed.isEmpty else { throw .empty }
        guard !trimmed.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) else {
            throw .invalid(text, reason: "control characters (such as line breaks) are not allowed")
        }
        if trimmed.hasSuffix(">"), let open = trimmed.lastIndex(of: "<") {
            let address = String(trimmed[trimmed.index(after: open)..<trimmed.index(before: trimmed.endIndex)])
            let name = Self.unquote(String(trimmed[..<open]).trimmingMailWhitespace())
            try self.init(displayName: name.isEmpty ? nil : name, address: address)
        } else {
            try self.init(displayName: nil, address: trimmed)
        }
    }

    /// A mailbox from its parts; the address is checked.
    public init(displayName: String?, address: String) throws(MailboxError) {
        try Self.check(address: address)
        self.displayName = displayName
        self.address = address
    }

    /// The mailbox as a header value: the name quoted or RFC 2047-encoded as needed.
    public var headerValue: String {
        guard let displayName, !displayName.isEmpty else { return address }
        return "\(Self.phrase(displayName)) <\(address)>"
    }

    /// The domain part of the address.
    public var domain: Substring { address[address.index(after: address.lastIndex(of: "@")!)...] }

    public var description: String { headerValue }

    private static func check(address: String) throws(MailboxError) {
        guard let at = address.lastIndex(of: "@") else { throw .invalid(address, reason: "an address needs an @") }
        let local = address[..<at]
        let domain = address[address.index(after: at)...]
        guard !local.isEmpty, !domain.isEmpty else { throw .invalid(address, reason: "both sides of the @ must be non-empty") }
        // SMTPUTF8 is not spoken, so addresses stay ASCII; no spaces, brackets or controls so
        // the address can go into `RCPT TO:<…>` as it is.
        let forbidden: Set<Character> = ["<", ">", " ", "\t", "\r", "\n", "\"", "(", ")", ",", ";", "\\"]
        guard address.allSatisfy({ $0.isASCII && !forbidden.contains($0) }) else {
            throw .invalid(address, reason: "only ASCII letters, digits and . _ % + - are allowed around the @")
        }
        guard domain.contains(".") || domain == "localhost" else { throw .invalid(address, reason: "the domain must be a host name such as example.org") }
    }

    private static func unquote(_ name: String) -> String {
        guard name.count >= 2, name.hasPrefix("\""), name.hasSuffix("\"") else { return name }
        var result = ""
        var escaped = false
        for character in name.dropFirst().dropLast() {
            if escaped || character != "\\" {
                result.append(character)
                escaped = false
            } else {
                escaped = true
            }
        }
        return result
    }

    /// RFC 5322 §3.2.5 phrase: atoms as they are, other ASCII quoted, non-ASCII as encoded words.
    private static func phrase(_ name: String) -> String {
        if !name.allSatisfy(\.isASCII) { return EncodedWord.encode(name, separator: " ") }
        let atext = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789!#$%&'*+-/=?^_`{|}~ ")
        if name.allSatisfy({ atext.contains($0) }) && !name.hasPrefix(" ") && !name.hasSuffix(" ") { return name }
        let escaped = name.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
        return "\"\(escaped)\""
    }
}

/// Why text is not a usable mailbox.
public enum MailboxError: Error, Sendable, Equatable, CustomStringConvertible {
    case empty
    case invalid(String, reason: String)

    public var description: String {
        switch self {
        case .empty: "no mail address given"
        case .invalid(let text, let reason): "\"\(text)\" is not a mail address: \(reason)"
        }
    }
}

extension StringProtocol {
    func trimmingMailWhitespace() -> String {
        var scalars = Substring(self)
        while let first = scalars.first, first.isWhitespace { scalars = scalars.dropFirst() }
        while let last = scalars.last, last.isWhitespace { scalars = scalars.dropLast() }
        return String(scalars)
    }
}
