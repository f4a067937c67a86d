/// CRC-32 (ISO-HDLC, the zlib `crc32`), the checksum MAS puts at the end of its opaque tokens.
///
/// Hand-written because none of Sesame's dependencies exposes one; it is a 1 KiB table and a loop.
enum CRC32 {
    /// The reflected polynomial 0x04C11DB7.
    private static let polynomial: UInt32 = 0xEDB8_8320

    /// One entry per byte value, so each input byte costs one lookup.
    private static let table: [UInt32] = (0...255).map { byte in
        var crc = UInt32(byte)
        for _ in 0..<8 {
            crc = (crc & 1 == 1) ? (crc >> 1) ^ polynomial : crc >> 1
        }
        return crc
    }

    /// The checksum of `bytes`.
    static func checksum(_ bytes: some Sequence<UInt8>) -> UInt32 {
        var crc: UInt32 = 0xFFFF_FFFF
        for byte in bytes {
            crc = (crc >> 8) ^ table[Int((crc ^ UInt32(byte)) & 0xFF)]
        }
        return ~crc
    }
}
