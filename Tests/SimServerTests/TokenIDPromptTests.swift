import Foundation
import Testing

@testable import SimServer

@Suite struct TokenIDPromptTests {
    private func scan(_ json: String) -> TokenIDPrompt? { TokenIDPrompt(body: Data(json.utf8), vocabulary: 100) }

    @Test func flatIdArraysAreCountedInPlace() throws {
        let found = try #require(scan(#"{"model":"m", "prompt" : [1, 2,3 ,99],"max_tokens":4}"#))
        #expect(found.count == 4 && found.valid)
        let rest = try #require(try JSONSerialization.jsonObject(with: found.rest) as? [String: Any])
        #expect(rest["model"] as? String == "m" && rest["max_tokens"] as? Int == 4)
        #expect(scan(#"{"prompt":[1,100]}"#)?.valid == false)
        #expect(scan(#"{"prompt":[]}"#)?.count == 0)
    }

    @Test func everythingElseGoesToTheGeneralParser() {
        #expect(scan(#"{"prompt":"text [1,2]"}"#) == nil)
        #expect(scan(#"{"prompt":[[1,2]]}"#) == nil)
        #expect(scan(#"{"prompt":[1.5]}"#) == nil)
        #expect(scan(#"{"prompt":[-1]}"#) == nil)
        #expect(scan(#"{"prompt":[01]}"#) == nil)
        #expect(scan(#"{"prompt":[1,2"#) == nil)
        #expect(scan(#"{"other":{"prompt":[1]}}"#) == nil, "only the top-level key")
        #expect(scan(#"{"model":"\"prompt\":[1]"}"#) == nil, "not inside a string")
    }
}
