import Foundation

extension SigningKeySet {
    /// Loads every `*.pem` key in `directory`, first generating a key for each of `algorithms` that has none.
    ///
    /// On first start this creates the directory (0700) and writes `rs256-<kid>.pem` and `es256-<kid>.pem` (0600);
    /// later starts reuse them. To rotate, add a new key file: keys are ordered by modification time, so the
    /// newest of each algorithm signs while the older ones stay in the JWKS. Remove a file to retire its key.
    public static func loadOrGenerate(
        directory: URL,
        algorithms: [SigningAlgorithm] = [.rs256, .es256]
    ) async throws -> SigningKeySet {
        try SecretFile.ensureDirectory(directory)
        var keys = try loadKeys(in: directory)
        let loadedCount = keys.count
        for algorithm in algorithms where !keys.contains(where: { $0.algorithm == algorithm }) {
            let key = try SigningKey.generate(algorithm)
            let file = directory.appendingPathComponent("\(algorithm.rawValue.lowercased())-\(key.kid).pem")
            try SecretFile.save(key.pemRepresentation, to: file)
            keys.append(key)
        }
        // Read back from disk after generating, so the first start orders keys exactly as every later start will.
        if keys.count != loadedCount { keys = try loadKeys(in: directory) }
        return try await SigningKeySet(keys: keys)
    }

    /// The keys in `directory`'s `*.pem` files, oldest first (by modification time, then by name for ties).
    private static func loadKeys(in directory: URL) throws -> [SigningKey] {
        let files = try FileManager.default.contentsOfDirectory(
            at: directory, includingPropertiesForKeys: [.contentModificationDateKey], options: [.skipsHiddenFiles]
        ).filter { $0.pathExtension == "pem" }

        let dated = files.map { file in
            (file, (try? file.resourceValues(forKeys: [.contentModificationDateKey]))?.contentModificationDate ?? .distantPast)
        }
        let ordered = dated.sorted { lhs, rhs in
            lhs.1 != rhs.1 ? lhs.1 < rhs.1 : lhs.0.lastPathComponent < rhs.0.lastPathComponent
        }

        return try ordered.map { file, _ in
            guard let pem = try? String(contentsOf: file, encoding: .utf8) else {
                throw SigningKeyError.unreadableFile(path: file.path)
            }
            do throws(SigningKeyError) {
                return try SigningKey(pem: pem)
            } catch {
                throw SigningKeyError.inFile(path: file.path, error)
            }
        }
    }
}
