import Foundation
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// The harness every CLI test stands on: if it misreports an exit or leaks a pipe, the other
/// suites would pass or hang for the wrong reason. The timeouts are generous because the whole
/// bundle runs at once on two cores; each wait returns as soon as the child has answered.
@Suite("child processes started by the tests")
struct ChildProcessTests {
    private func shell(_ script: String, in directory: URL = FileManager.default.temporaryDirectory) -> ChildProcess {
        ChildProcess(
            executable: URL(fileURLWithPath: "/bin/sh"), arguments: ["-c", script],
            workingDirectory: directory, environment: ["PATH": "/usr/bin:/bin", "GREETING": "hello"]
        )
    }

    @Test("exit status, standard output and standard error come back separately")
    func exitAndStreams() async throws {
        let child = shell("echo \"$GREETING out\"; echo err >&2; exit 3")
        try child.start()
        #expect(await child.waitForExit(timeout: .seconds(60)) == 3)
        #expect(child.standardOutput.text == "hello out\n")
        #expect(child.standardError.text == "err\n")
    }

    @Test("standard input is the given text, then end of file")
    func input() async throws {
        let child = shell("cat; echo done")
        try child.start(input: "line one\n")
        #expect(await child.waitForExit(timeout: .seconds(60)) == 0)
        #expect(child.standardOutput.text == "line one\ndone\n")
    }

    @Test("a child that closes its input unread ends normally, and so does the test process")
    func inputClosedUnread() async throws {
        // More than a pipe holds, so the write is still going when the child closes its end.
        let child = shell("exec 0<&-; sleep 0.3; echo closed")
        try child.start(input: String(repeating: "x", count: 1 << 20))
        #expect(await child.waitForExit(timeout: .seconds(60)) == 0)
        #expect(child.standardOutput.text == "closed\n")
    }

    @Test("it starts in the working directory it was given")
    func workingDirectory() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("sesame-child-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let child = shell("pwd -P", in: directory)
        try child.start()
        #expect(await child.waitForExit(timeout: .seconds(60)) == 0)
        #expect(child.standardOutput.text == directory.resolvingSymlinksInPath().path + "\n")
    }

    @Test("a signal that ends it is reported as 128 + the signal, as a shell would")
    func signalled() async throws {
        let child = shell("echo ready; exec sleep 30")
        try child.start()
        #expect(await child.waitForOutput(containing: "ready", timeout: .seconds(60)))
        #expect(child.isRunning)
        child.send(SIGTERM)
        #expect(await child.waitForExit(timeout: .seconds(60)) == 128 + SIGTERM)
    }

    @Test("a child holds only its three standard descriptors, so no other child's pipe stays open")
    func noInheritedDescriptors() async throws {
        // Open a descriptor without close-on-exec, as Foundation and other code may do.
        let leaky = open("/dev/null", O_RDONLY)
        defer { close(leaky) }
        let child = shell("ls /proc/self/fd")
        try child.start()
        #expect(await child.waitForExit(timeout: .seconds(60)) == 0)
        // `ls` itself opens one descriptor to read the directory.
        let descriptors = child.standardOutput.text.split(separator: "\n").compactMap { Int($0) }
        #expect(descriptors.filter { $0 > 3 } == [], "child saw \(descriptors)")
        #expect(Array(descriptors.prefix(3)) == [0, 1, 2])
    }
}
