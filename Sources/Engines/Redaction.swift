import Foundation

/// The one place secrets are taken out of text before bench stores, logs, prints or publishes it:
/// values of flags and environment variables whose names look secret, URL userinfo and query
/// values, and the same patterns inside engine log tails (vLLM, for one, prints its non-default
/// arguments, `api_key` included, when it starts).
public enum Redaction {
    /// What a secret is replaced with.
    public static let marker = "REDACTED"

    /// Words that make a name secret when one of its parts (split at `-`, `_`, `.`) is one of them
    /// or ends with one: `--api-key`, `HF_TOKEN`, `hf_token`, `apikey`, `db-password`. Plurals such
    /// as `--max-num-batched-tokens` are counts, not secrets.
    private static let secretWords = [
        "key", "token", "secret", "password", "passwd", "auth", "authorization", "credential", "credentials",
        "bearer", "cookie", "signature", "pat", "apikey",
    ]

    public static func isSecretName(_ name: String) -> Bool {
        let parts = name.lowercased().split { $0 == "-" || $0 == "_" || $0 == "." || $0 == " " }
        return parts.contains { part in
            secretWords.contains { part == $0 || (part.count > $0.count && $0.count >= 3 && part.hasSuffix($0)) }
                || part.hasPrefix("auth")
        }
    }

    /// Command-line arguments: `--api-key=v`, `--api-key v` and `-H 'Authorization: …'`-like
    /// values lose their value; URLs anywhere lose userinfo and query values.
    public static func arguments(_ arguments: [String]) -> [String] {
        var result: [String] = []
        var hideNext = false
        for argument in arguments {
            if hideNext {
                result.append(marker)
                hideNext = false
                continue
            }
            if argument.hasPrefix("-"), let equals = argument.firstIndex(of: "="), isSecretName(String(argument[..<equals])) {
                result.append(argument[...equals] + marker)
            } else if argument.hasPrefix("-"), isSecretName(argument) {
                result.append(argument)
                hideNext = true
            } else {
                result.append(text(argument))
            }
        }
        return result
    }

    /// Environment variables: secret names keep the name only.
    public static func environment(_ variables: [String: String]) -> [String: String] {
        variables.reduce(into: [:]) { $0[$1.key] = isSecretName($1.key) ? marker : text($1.value) }
    }

    /// A URL with its userinfo and every query value replaced.
    public static func url(_ text: String) -> String {
        guard var components = URLComponents(string: text), components.scheme != nil else { return text }
        if components.percentEncodedUser != nil { components.percentEncodedUser = marker }
        if components.percentEncodedPassword != nil { components.percentEncodedPassword = nil }
        if let items = components.percentEncodedQueryItems {
            components.percentEncodedQueryItems = items.map { URLQueryItem(name: $0.name, value: $0.value == nil ? nil : marker) }
        }
        return components.string ?? text
    }

    // name, separator, value: `api_key='sk-1'`, `"api_key": ["sk-1"]`, `--api-key sk-1`, `HF_TOKEN=hf_x`,
    // `Authorization: Bearer x`. A whitespace-only separator counts only after a flag (`--name value`).
    private static let assignment = try! NSRegularExpression(
        pattern: #"(-{0,2}[A-Za-z_][A-Za-z0-9_.-]*)(['"]?\s*[:=]\s*|\s+)((?:Bearer|Basic)\s+[^\s'",;}\]]+|\[[^\]]*\]|'[^']*'|"[^"]*"|[^\s'",;}\]]+)"#)
    private static let urlPattern = try! NSRegularExpression(pattern: #"[A-Za-z][A-Za-z0-9+.-]*://[^\s'"<>\]]+"#)

    /// Free text (a log tail, an error message): every `name = value` whose name looks secret and
    /// every URL's userinfo and query values.
    public static func text(_ text: String) -> String {
        let withURLs = NSMutableString(string: text)
        for match in urlPattern.matches(in: text, range: NSRange(location: 0, length: withURLs.length)).reversed() {
            withURLs.replaceCharacters(in: match.range, with: url(withURLs.substring(with: match.range)))
        }
        let source = withURLs as String, result = NSMutableString(string: source)
        var secrets: [NSRange] = []
        var location = 0
        // One match at a time: a word that is not a secret name gives its value back to the search
        // (in `with HF_TOKEN=x`, `with` must not swallow `HF_TOKEN=x` as its value).
        while location < result.length,
            let match = assignment.firstMatch(in: source, range: NSRange(location: location, length: result.length - location))
        {
            let name = result.substring(with: match.range(at: 1)), separator = result.substring(with: match.range(at: 2))
            let value = result.substring(with: match.range(at: 3))
            let flagOrAssignment = !separator.allSatisfy(\.isWhitespace) || name.hasPrefix("-")
            if isSecretName(name), flagOrAssignment, !value.contains(marker) {
                secrets.append(match.range(at: 3))
                location = NSMaxRange(match.range)
            } else {
                location = match.range(at: 2).location
            }
        }
        for range in secrets.reversed() { result.replaceCharacters(in: range, with: marker) }
        return result as String
    }
}
