import Foundation

/// The text of every page, from one catalogue per language (`Templates/strings/en.json`), so the
/// pages can be translated without touching templates or code. Placeholders are `{name}`.
struct WebStrings: Sendable {
    let table: [String: String]

    /// Loads the catalogue for `language` from the module's resources.
    init(language: String = "en", bundle: Bundle) throws {
        guard let url = bundle.url(forResource: language, withExtension: "json", subdirectory: "Templates/strings") else {
            throw WebResourceError.missing("Templates/strings/\(language).json")
        }
        table = try JSONDecoder().decode([String: String].self, from: Data(contentsOf: url))
    }

    /// The text for `key`; the key itself when missing, so a gap shows instead of crashing.
    subscript(_ key: String) -> String { table[key] ?? key }

    /// The text for `key` with each `{name}` replaced by its value.
    func format(_ key: String, _ values: [String: String]) -> String {
        var text = self[key]
        for (name, value) in values {
            text = text.replacingOccurrences(of: "{\(name)}", with: value)
        }
        return text
    }
}

/// A resource the web pages need is missing from the bundle or cannot be parsed.
enum WebResourceError: Error, CustomStringConvertible {
    case missing(String)
    case invalidTemplate(String, any Error)

    var description: String {
        switch self {
        case .missing(let path): "the web resource \(path) is missing from the SesameWeb bundle"
        case .invalidTemplate(let name, let error): "the template \(name) does not parse: \(error)"
        }
    }
}
