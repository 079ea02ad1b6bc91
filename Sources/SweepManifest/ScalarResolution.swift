import SweepCore

/// How the text of a scalar becomes a value, and how numbers become text again.
///
/// Plain (unquoted) scalars follow YAML 1.2's core schema, not YAML 1.1's: `yes`, `no`, `on`
/// and `off` are strings, `1e5` is a number, digits may be grouped with `_` (`20_261_125`).
/// Quoted and block scalars are always strings.
enum PlainScalar {
    static func resolve(_ text: String) -> ConfigValue {
        switch text {
        case "", "~", "null", "Null", "NULL": return .null
        case "true", "True", "TRUE": return .bool(true)
        case "false", "False", "FALSE": return .bool(false)
        default: break
        }
        if let x = number(text) { return .number(x) }
        return .string(text)
    }

    /// The number a plain scalar denotes, or `nil` when it is not one. `.inf` and `.nan` are
    /// numbers here (and rejected later as not finite, with a clear message).
    static func number(_ text: String) -> Double? {
        var body = Substring(text)
        var negative = false
        if let first = body.first, first == "-" || first == "+" {
            negative = first == "-"
            body = body.dropFirst()
        }
        switch body {
        case ".inf", ".Inf", ".INF": return negative ? -.infinity : .infinity
        case ".nan", ".NaN", ".NAN": return text == body ? .nan : nil
        default: break
        }
        if body.hasPrefix("0x") || body.hasPrefix("0o") {
            let radix: Double = body.hasPrefix("0x") ? 16 : 8
            guard let digits = groupedDigits(body.dropFirst(2), radix: Int(radix)) else { return nil }
            var value = 0.0
            for d in digits { value = value * radix + Double(d) }
            return negative ? -value : value
        }
        guard isDecimal(body) else { return nil }
        guard let value = Double(String(body.filter { $0 != "_" })) else { return nil }
        return negative ? -value : value
    }

    /// The exact value of a plain decimal integer that a `Double` cannot hold exactly (above 2^53),
    /// so that a large `seed` keeps every digit.
    static func exactUnsigned(_ text: String) -> UInt64? {
        let digits = text.hasPrefix("+") ? String(text.dropFirst()) : text
        guard !digits.isEmpty, digits.allSatisfy({ $0.isASCII && ($0.isNumber || $0 == "_") }),
              digits.first != "_", digits.last != "_" else { return nil }
        return UInt64(digits.filter { $0 != "_" })
    }

    /// Digits of `radix` with optional single `_` between digits.
    private static func groupedDigits(_ text: Substring, radix: Int) -> [Int]? {
        guard let first = text.first, first != "_", text.last != "_" else { return nil }
        var digits: [Int] = []
        var previousUnderscore = false
        for c in text {
            if c == "_" {
                if previousUnderscore { return nil }
                previousUnderscore = true
                continue
            }
            previousUnderscore = false
            guard let d = c.hexDigitValue, d < radix else { return nil }
            digits.append(d)
        }
        return digits
    }

    /// `digits [. digits?] [e [+-] digits]` or `. digits [e ...]`, digits optionally grouped by `_`.
    private static func isDecimal(_ text: Substring) -> Bool {
        var rest = text
        var mantissaDigits = 0
        func digitRun(_ s: inout Substring) -> Int {
            var count = 0
            var lastWasDigit = false
            while let c = s.first {
                if c.isASCII && c.isNumber {
                    count += 1
                    lastWasDigit = true
                } else if c == "_" && lastWasDigit, s.dropFirst().first.map({ $0.isASCII && $0.isNumber }) == true {
                    lastWasDigit = false
                } else {
                    break
                }
                s = s.dropFirst()
            }
            return count
        }
        mantissaDigits += digitRun(&rest)
        if rest.first == "." {
            rest = rest.dropFirst()
            mantissaDigits += digitRun(&rest)
        }
        guard mantissaDigits > 0 else { return false }
        if let e = rest.first, e == "e" || e == "E" {
            rest = rest.dropFirst()
            if let s = rest.first, s == "+" || s == "-" { rest = rest.dropFirst() }
            guard digitRun(&rest) > 0 else { return false }
        }
        return rest.isEmpty
    }
}

/// Text of numbers in messages, labels and the canonical manifest: SweepCore's `NumberFormat`
/// (the project's one number formatter), with YAML's `.inf`, `-.inf`, `.nan` for the values a
/// manifest may not hold.
enum ScalarText {
    static func number(_ x: Double) -> String {
        if x.isNaN { return ".nan" }
        if x.isInfinite { return x < 0 ? "-.inf" : ".inf" }
        return NumberFormat.text(x)
    }

    /// A whole bound with all its digits (`9223372036854775808`, not `9.223372036854776e+18`).
    static func bound(_ x: Double) -> String {
        if x >= 0, x <= 18_446_744_073_709_549_568, x == x.rounded() { return String(UInt64(x)) }
        return number(x)
    }
}
