import Foundation

extension AgenticTrace {
    /// The trace as one line of a Weka trace file (what `AgenticTraceFile` reads back).
    public var jsonLine: String {
        func request(_ request: TraceRequest) -> String {
            var text = #"{"t":\#(request.t),"type":"\#(request.type.rawValue)","in":\#(request.inputTokens),"out":\#(request.outputTokens)"#
            text += #","hash_ids":[\#(request.hashIDs.map(String.init).joined(separator: ","))]"#
            if let apiTime = request.apiTime { text += #","api_time":\#(apiTime)"# }
            if let thinkTime = request.thinkTime { text += #","think_time":\#(thinkTime)"# }
            if let ttft = request.ttft { text += #","ttft":\#(ttft)"# }
            return text + "}"
        }
        let entries = entries.map { entry in
            switch entry {
            case .request(let turn): request(turn)
            case .subagent(let subagent):
                #"{"t":\#(subagent.t),"type":"subagent","agent_id":\#(quoted(subagent.agentID)),"requests":[\#(subagent.requests.map(request).joined(separator: ","))]}"#
            }
        }
        return #"{"id":\#(quoted(id)),"block_size":\#(blockSize),"hash_id_scope":"local","requests":[\#(entries.joined(separator: ","))]}"#
    }
}

/// A JSON string literal for ids (escapes quotes, backslashes and control characters).
private func quoted(_ text: String) -> String {
    var out = "\""
    for scalar in text.unicodeScalars {
        switch scalar {
        case "\"": out += "\\\""
        case "\\": out += "\\\\"
        case _ where scalar.value < 0x20: out += String(format: "\\u%04x", scalar.value)
        default: out.unicodeScalars.append(scalar)
        }
    }
    return out + "\""
}
