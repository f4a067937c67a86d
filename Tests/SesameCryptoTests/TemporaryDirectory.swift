import Foundation

/// A fresh, not-yet-created directory path under the system temporary directory, removed by `cleanUp()`.
struct TemporaryDirectory {
    let root: URL

    init() {
        root = FileManager.default.temporaryDirectory
            .appendingPathComponent("sesame-crypto-tests-\(UUID().uuidString)")
    }

    /// The POSIX permission bits of the file at `url`.
    func permissions(of url: URL) throws -> Int {
        let attributes = try FileManager.default.attributesOfItem(atPath: url.path)
        return (attributes[.posixPermissions] as? NSNumber)?.intValue ?? -1
    }

    /// Names of the visible files in `directory`, sorted.
    func files(in directory: URL) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: directory.path).filter { !$0.hasPrefix(".") }.sorted()
    }

    func cleanUp() {
        try? FileManager.default.removeItem(at: root)
    }
}
