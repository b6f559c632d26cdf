/// The simulated engine's tokenizer, a documented deterministic rule instead of a vocabulary:
/// a text costs, for each whitespace-separated word, ⌈UTF-8 bytes / 4⌉ tokens. A chat prompt
/// costs its messages' contents plus `perMessage` template tokens each and `replyPrimer` for
/// the assistant header. Generated text is made of 1-token words, so it re-tokenizes exactly.
public enum PromptTokens {
    public static let perMessage = 4
    public static let replyPrimer = 3

    public static func count(text: String) -> Int {
        var tokens = 0
        var wordBytes = 0
        for byte in text.utf8 {
            if byte == 0x20 || byte == 0x0A || byte == 0x09 || byte == 0x0D {
                tokens += (wordBytes + 3) / 4
                wordBytes = 0
            } else {
                wordBytes += 1
            }
        }
        return tokens + (wordBytes + 3) / 4
    }

    public static func count(chat contents: [String]) -> Int {
        contents.reduce(replyPrimer) { $0 + count(text: $1) + perMessage }
    }

    /// Output token `index` of request `request`: a space and a word of at most four bytes.
    public static func outputWord(request: Int, index: Int) -> String {
        words[(request &* 31 &+ index) & (words.count - 1)]
    }

    private static let words = [
        " the", " of", " and", " to", " in", " is", " it", " for",
        " on", " as", " at", " by", " we", " be", " or", " an",
    ]
}
