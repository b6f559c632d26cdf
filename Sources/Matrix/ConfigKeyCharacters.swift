/// The characters a config key may have: InferenceX's keys are lower-case words joined by `-`
/// (dsr1-fp8-h200-sglang); letters of either case, digits, `-`, `_`, `.` and `+` are accepted.
public enum ConfigKeyCharacters {
    public static let allowedText = "letters, digits, '-', '_', '.' and '+'"

    public struct Invalid: Equatable {
        /// Position of the first bad character, counted in Unicode scalars from 0.
        public var offset: Int
        public var scalar: Unicode.Scalar

        /// `'$'` or `U+000A` for one that does not print.
        public var description: String {
            let hex = String(scalar.value, radix: 16, uppercase: true)
            let code = "U+" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
            return scalar.value >= 0x21 && scalar.value < 0x7F ? "'\(Character(scalar))' (\(code))" : code
        }
    }

    /// The first character outside the set, or nil.
    public static func firstInvalid(in key: String) -> Invalid? {
        for (offset, scalar) in key.unicodeScalars.enumerated() where !isAllowed(scalar) {
            return Invalid(offset: offset, scalar: scalar)
        }
        return nil
    }

    static func isAllowed(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x30...0x39, 0x41...0x5A, 0x61...0x7A: true
        default: "-_.+".unicodeScalars.contains(scalar)
        }
    }
}
