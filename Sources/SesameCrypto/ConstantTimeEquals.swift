/// Whether two byte sequences are equal, taking the same time wherever they first differ.
///
/// Use it for every comparison with a secret (shared secrets, client secrets, CSRF tokens), so the
/// response time does not reveal how many leading bytes an attacker guessed right. Only the length leaks.
public func constantTimeEquals(_ lhs: some Sequence<UInt8>, _ rhs: some Sequence<UInt8>) -> Bool {
    let left = Array(lhs)
    let right = Array(rhs)
    return left.withUnsafeBufferPointer { left in
        right.withUnsafeBufferPointer { right in constantTimeEquals(left, right) }
    }
}

/// Whether two strings have the same UTF-8 bytes, compared in constant time.
///
/// Native strings are compared in place. The homeserver's shared secret is compared on every
/// introspection, and copying both sides into arrays first was two allocations per request (issue 7).
public func constantTimeEquals(_ lhs: String, _ rhs: String) -> Bool {
    let inPlace = lhs.utf8.withContiguousStorageIfAvailable { left in
        rhs.utf8.withContiguousStorageIfAvailable { right in constantTimeEquals(left, right) }
    }
    return (inPlace ?? nil) ?? constantTimeEquals(lhs.utf8, rhs.utf8)
}

/// The comparison itself: every byte of both inputs is visited, whatever they hold.
private func constantTimeEquals(_ left: UnsafeBufferPointer<UInt8>, _ right: UnsafeBufferPointer<UInt8>) -> Bool {
    let (shorter, longer) = left.count <= right.count ? (left, right) : (right, left)
    var difference = UInt64(left.count ^ right.count)
    for index in shorter.indices {
        difference |= UInt64(shorter[index] ^ longer[index])
    }
    // The longer input's remaining bytes are read too (compared with zero), so the time depends
    // on the longer length only, never on where the inputs differ.
    for index in shorter.count..<longer.count {
        difference |= UInt64(longer[index])
    }
    return difference == 0
}
