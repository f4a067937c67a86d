#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// An IPv4 or IPv6 address as its bytes (4 or 16). IPv4-mapped IPv6 addresses (`::ffff:a.b.c.d`)
/// are read as the IPv4 address they carry, so one rule covers both ways a peer can appear.
struct IPAddress: Hashable, Sendable {
    let bytes: [UInt8]

    /// Parses dotted IPv4 or textual IPv6 (no zone, no brackets); nil for anything else.
    init?(_ text: some StringProtocol) {
        let text = String(text)
        var v4 = in_addr()
        if inet_pton(AF_INET, text, &v4) == 1 {
            bytes = withUnsafeBytes(of: &v4) { Array($0) }
            return
        }
        var v6 = in6_addr()
        guard inet_pton(AF_INET6, text, &v6) == 1 else { return nil }
        let raw = withUnsafeBytes(of: &v6) { Array($0) }
        bytes = raw.prefix(12).elementsEqual([0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xFF, 0xFF]) ? Array(raw.suffix(4)) : raw
    }
}

/// A network in CIDR notation (`10.0.0.0/8`, `::1/128`); a bare address is a network of one.
struct IPNetwork: Sendable, Equatable {
    let address: IPAddress
    let prefixLength: Int

    /// Parses `address[/prefix]`; nil when either part is invalid.
    init?(_ text: String) {
        let parts = text.trimmingCharacters(in: .whitespaces).split(separator: "/", maxSplits: 1)
        guard let first = parts.first, let address = IPAddress(first) else { return nil }
        let bits = address.bytes.count * 8
        // An IPv4 network written as IPv4-mapped IPv6 keeps its meaning on the IPv4 bytes.
        var length = bits
        if parts.count == 2 {
            guard let given = Int(parts[1]), given >= 0 else { return nil }
            length = first.contains(":") && bits == 32 ? given - 96 : given
            guard (0...bits).contains(length) else { return nil }
        }
        self.address = address
        prefixLength = length
    }

    /// True when `candidate` lies inside this network.
    func contains(_ candidate: IPAddress) -> Bool {
        guard candidate.bytes.count == address.bytes.count else { return false }
        var remaining = prefixLength
        for (mine, theirs) in zip(address.bytes, candidate.bytes) where remaining > 0 {
            let mask: UInt8 = remaining >= 8 ? 0xFF : ~(0xFF >> UInt8(remaining))
            guard mine & mask == theirs & mask else { return false }
            remaining -= 8
        }
        return true
    }
}
