extension Sequence<UInt8> {
    /// Lower-case hex, two characters per byte, written straight into the string's storage (every
    /// token presented is hashed and hexed: issue 7). Bytes already in one piece are read in place.
    var lowerHex: String {
        withContiguousStorageIfAvailable(hex) ?? Array(self).withUnsafeBufferPointer(hex)
    }

    private func hex(_ bytes: UnsafeBufferPointer<UInt8>) -> String {
        String(unsafeUninitializedCapacity: bytes.count * 2) { output in
            for (index, byte) in bytes.enumerated() {
                output[2 * index] = Self.hexDigit(byte >> 4)
                output[2 * index + 1] = Self.hexDigit(byte & 0x0F)
            }
            return bytes.count * 2
        }
    }

    private static func hexDigit(_ nibble: UInt8) -> UInt8 {
        nibble < 10 ? UInt8(ascii: "0") + nibble : UInt8(ascii: "a") + nibble - 10
    }
}
