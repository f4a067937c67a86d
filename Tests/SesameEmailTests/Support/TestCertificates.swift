import Foundation
import SesameTestSupport

/// A throw-away certificate authority and a server certificate for `localhost` and 127.0.0.1,
/// made with the `openssl` command in a temporary folder, once per test run.
struct TestCertificates: Sendable {
    let directory: URL
    var caFile: String { directory.appendingPathComponent("ca.pem").path }
    var certificateFile: String { directory.appendingPathComponent("server.pem").path }
    var privateKeyFile: String { directory.appendingPathComponent("server.key").path }

    static let shared: Result<TestCertificates, any Error> = Result { try make() }

    private static func make() throws -> TestCertificates {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("sesame-smtp-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        try "subjectAltName=DNS:localhost,IP:127.0.0.1\nbasicConstraints=CA:FALSE\n".write(
            to: directory.appendingPathComponent("server.ext"), atomically: true, encoding: .utf8
        )
        let ec = ["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes"]
        try openssl(["req", "-x509"] + ec + ["-keyout", "ca.key", "-out", "ca.pem", "-days", "2", "-subj", "/CN=Sesame Test CA",
                     "-addext", "basicConstraints=critical,CA:TRUE", "-addext", "keyUsage=critical,keyCertSign,cRLSign"], in: directory)
        try openssl(["req"] + ec + ["-keyout", "server.key", "-out", "server.csr", "-subj", "/CN=localhost"], in: directory)
        try openssl(["x509", "-req", "-in", "server.csr", "-CA", "ca.pem", "-CAkey", "ca.key", "-CAcreateserial",
                     "-out", "server.pem", "-days", "2", "-extfile", "server.ext"], in: directory)
        return TestCertificates(directory: directory)
    }

    private static func openssl(_ arguments: [String], in directory: URL) throws {
        let errors = try SpawnedProcess.pipe()
        let process: SpawnedProcess
        do {
            defer { close(errors.write) }
            process = try SpawnedProcess(
                executable: "/usr/bin/env", arguments: ["openssl"] + arguments,
                environment: ProcessInfo.processInfo.environment, workingDirectory: directory.path,
                standardError: .descriptor(errors.write)
            )
        } catch {
            close(errors.read)
            throw error
        }
        let output = FileHandle(fileDescriptor: errors.read, closeOnDealloc: true).readDataToEndOfFile()
        guard process.waitUntilExit() == .exited(0) else {
            throw CertificateError(message: "openssl \(arguments.first ?? "") failed: \(String(decoding: output, as: UTF8.self))")
        }
    }

    struct CertificateError: Error, CustomStringConvertible {
        let message: String
        var description: String { message }
    }
}
