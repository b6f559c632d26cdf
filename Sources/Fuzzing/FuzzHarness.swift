/// What the fuzzer feeds one target: valid inputs to mutate and the parser that reads them.
public struct FuzzHarness {
    var seeds: [[UInt8]]
    var parse: ([UInt8]) -> Int
}
