import Foundation

/// Where requests go: `--url` parsed once. A URL without a path (or `/`) gets the OpenAI path of
/// the endpoint; one ending in `/v1` gets `/completions` or `/chat/completions` appended; any
/// other path is used as given.
public struct LoadTarget: Sendable, Equatable {
    public var secure: Bool
    public var host: String
    public var port: Int
    public var path: String

    public init(url text: String, endpoint: Workload.Endpoint) throws(LoadError) {
        guard let url = URLComponents(string: text), let scheme = url.scheme?.lowercased(), scheme == "http" || scheme == "https",
            let host = url.host, !host.isEmpty
        else {
            throw LoadError.invalidArgument("--url \(text) is not an http:// or https:// URL with a host (e.g. http://127.0.0.1:8000)")
        }
        secure = scheme == "https"
        self.host = host
        port = url.port ?? (secure ? 443 : 80)
        let openAIPath = endpoint == .chat ? "/chat/completions" : "/completions"
        var base = url.percentEncodedPath
        while base.hasSuffix("/") { base.removeLast() }
        if base.isEmpty { path = "/v1" + openAIPath } else if base.hasSuffix("/v1") { path = base + openAIPath } else { path = base }
        if let query = url.percentEncodedQuery { path += "?" + query }
    }

    /// The Host header: the port only when it is not the scheme's default.
    var hostHeader: String {
        let name = host.contains(":") ? "[\(host)]" : host
        return port == (secure ? 443 : 80) ? name : "\(name):\(port)"
    }
}

public enum LoadError: Error, CustomStringConvertible, Equatable {
    case invalidArgument(String)

    public var description: String {
        switch self {
        case .invalidArgument(let message): message
        }
    }
}
