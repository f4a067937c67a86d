import ArgumentParser

/// The `sesame` executable.
@main
struct SesameCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sesame",
        abstract: "An OAuth 2.0 and OpenID Connect server for Matrix homeservers.",
        discussion: """
            Exit codes: 0 success, 1 runtime failure (e.g. database unreachable), 2 invalid configuration, \
            3 no such user, 4 already exists, 64 bad command line, 65 invalid input value.
            """,
        subcommands: [ServerCommand.self, ConfigCommand.self, DatabaseCommand.self, ManageCommand.self, DoctorCommand.self]
    )
}
