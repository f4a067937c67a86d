import Foundation
import Mustache

/// Turns mail contents into an `OutgoingMail` from the bundled templates: a text and an HTML body
/// per kind of mail (`Templates/<name>.text.mustache`, `Templates/<name>.html.mustache`), so the
/// wording can change without touching code.
public struct MailComposer: Sendable {
    let library: MustacheLibrary

    /// Loads the templates from the module's bundle; a missing or broken template is a packaging
    /// error and throws.
    public init() throws {
        try self.init(bundle: .module)
    }

    init(bundle: Bundle) throws {
        guard let folder = bundle.url(forResource: "Templates", withExtension: nil) else { throw MailTemplateError.missing("Templates") }
        var library = MustacheLibrary()
        for file in try FileManager.default.contentsOfDirectory(atPath: folder.path) where file.hasSuffix(".mustache") {
            let name = String(file.dropLast(".mustache".count))
            do {
                try library.register(try String(contentsOf: folder.appendingPathComponent(file), encoding: .utf8), named: name)
            } catch {
                throw MailTemplateError.invalid(name, "\(error)")
            }
        }
        for name in Self.templateNames where library.getTemplate(named: name) == nil {
            throw MailTemplateError.missing("\(name).mustache")
        }
        self.library = library
    }

    /// Every template the composer needs.
    static let templateNames = ["verification_code.text", "verification_code.html", "recovery_link.text", "recovery_link.html"]

    /// The verification-code mail.
    public func compose(_ mail: VerificationCodeMail) -> OutgoingMail {
        let values: [String: Any] = [
            "code": mail.code, "serverName": mail.serverName, "validMinutes": mail.validMinutes,
            "registration": mail.reason == .registration, "addEmail": mail.reason == .addEmail,
        ]
        return OutgoingMail(
            to: mail.to, subject: "Your verification code for \(mail.serverName): \(mail.code)",
            text: render("verification_code.text", values), html: render("verification_code.html", values)
        )
    }

    /// The password-recovery mail.
    public func compose(_ mail: RecoveryLinkMail) -> OutgoingMail {
        let values: [String: Any] = [
            "link": mail.link, "username": mail.username, "serverName": mail.serverName, "validMinutes": mail.validMinutes,
        ]
        return OutgoingMail(
            to: mail.to, subject: "Reset your password on \(mail.serverName)",
            text: render("recovery_link.text", values), html: render("recovery_link.html", values)
        )
    }

    private func render(_ template: String, _ values: [String: Any]) -> String {
        library.render(values, withTemplate: template) ?? ""
    }
}

/// A mail template is missing from the SesameEmail bundle or does not parse.
public enum MailTemplateError: Error, CustomStringConvertible {
    case missing(String)
    case invalid(String, String)

    public var description: String {
        switch self {
        case .missing(let path): "the mail template \(path) is missing from the SesameEmail bundle"
        case .invalid(let name, let reason): "the mail template \(name) does not parse: \(reason)"
        }
    }
}
