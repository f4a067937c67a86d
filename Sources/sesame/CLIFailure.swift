import ArgumentParser
import SesameAccounts
import SesameStorage
import SesameServer

/// A failure a shell script can branch on: a message on standard error and a documented exit code.
enum CLIFailure: Error {
    case runtime(String)
    case config(String)
    case notFound(String)
    case conflict(String)
    case invalidInput(String)

    var exitCode: Int32 {
        switch self {
        case .runtime: 1
        case .config: 2
        case .notFound: 3
        case .conflict: 4
        case .invalidInput: 65
        }
    }

    var message: String {
        switch self {
        case .runtime(let message), .config(let message), .notFound(let message), .conflict(let message), .invalidInput(let message): message
        }
    }

    /// Classifies any error from the lower layers.
    static func from(_ error: any Error) -> CLIFailure {
        switch error {
        case let failure as CLIFailure: return failure
        case let error as ConfigError: return .config(error.description)
        case let error as AccountError:
            switch error {
            case .userNotFound: return .notFound(error.description)
            case .usernameTaken: return .conflict(error.description)
            case .invalidUsername, .emptyPassword: return .invalidInput(error.description)
            }
        case let error as StorageError: return .runtime(error.description)
        case let error as StartupError: return .config(error.description)
        default: return .runtime(String(describing: error))
        }
    }
}

/// Runs a command body, turning failures into one line on standard error and the right exit code.
func runReportingFailures(_ body: () async throws -> Void) async throws {
    do {
        try await body()
    } catch let error as ExitCode {
        throw error
    } catch {
        let failure = CLIFailure.from(error)
        printError("error: \(failure.message)")
        throw ExitCode(failure.exitCode)
    }
}
