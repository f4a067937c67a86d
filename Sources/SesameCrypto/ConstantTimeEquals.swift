/// Whether two byte sequences are equal, taking the same time wherever they first differ.
///
/// Use it for every comparison with a secret (shared secrets, client secrets, CSRF tokens), so the
/// response time does not reveal how many leading bytes an attacker guessed right. Only the length leaks.
public func constantTimeEquals(_ lhs: some Sequence<UInt8>, _ rhs: some Sequence<UInt8>) -> Bool {
    let left = Array(lhs)
    let right = Array(rhs)
    var difference = UInt64(left.count ^ right.count)
    // Walk the longer input completely, whatever the other holds, so timing depends on length only.
    for index in 0..<max(left.count, right.count) {
        let a = index < left.count ? left[index] : 0
        let b = index < right.count ? right[index] : 0
        difference |= UInt64(a ^ b)
    }
    return difference == 0
}

/// Whether two strings have the same UTF-8 bytes, compared in constant time.
public func constantTimeEquals(_ lhs: String, _ rhs: String) -> Bool {
    constantTimeEquals(lhs.utf8, rhs.utf8)
}
