import Foundation

/// Where the executables under test are: `$SESAME_BIN_DIR`, else `<package root>/.build/debug`,
/// which `swift build --build-tests` fills.
enum Binaries {
    static let directory: URL = {
        if let folder = ProcessInfo.processInfo.environment["SESAME_BIN_DIR"], !folder.isEmpty {
            return URL(fileURLWithPath: folder, isDirectory: true)
        }
        return packageRoot().appendingPathComponent(".build/debug", isDirectory: true)
    }()

    /// The `sesame` command-line tool.
    static var sesame: URL { directory.appendingPathComponent("sesame") }

    /// The crash-consistency fixture (Sources/SesameCrashWriter).
    static var crashWriter: URL { directory.appendingPathComponent("sesame-crash-writer") }

    /// The folder holding Package.swift, found by walking up from this source file.
    private static func packageRoot(from file: String = #filePath) -> URL {
        var folder = URL(fileURLWithPath: file).deletingLastPathComponent()
        while folder.path != "/" {
            if FileManager.default.fileExists(atPath: folder.appendingPathComponent("Package.swift").path) { return folder }
            folder.deleteLastPathComponent()
        }
        return URL(fileURLWithPath: FileManager.default.currentDirectoryPath, isDirectory: true)
    }
}
