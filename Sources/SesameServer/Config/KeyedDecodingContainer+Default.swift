extension KeyedDecodingContainer {
    /// Decodes `key` when present and falls back to `fallback` when absent or null, so a config
    /// file only needs the keys it changes.
    func decode<T: Decodable>(_ key: Key, default fallback: @autoclosure () -> T) throws -> T {
        try decodeIfPresent(T.self, forKey: key) ?? fallback()
    }
}

/// A config section whose keys can be listed, so keys Sesame does not know are reported.
protocol ConfigSection: Codable, Sendable {
    associatedtype CodingKeys: CodingKey & CaseIterable & RawRepresentable where CodingKeys.RawValue == String
}

extension ConfigSection {
    /// The keys this section understands.
    static var knownKeys: Set<String> { Set(CodingKeys.allCases.map(\.rawValue)) }
}
