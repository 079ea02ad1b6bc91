/// The address of one parameter (or one whole part) of the model, relative to `base`.
///
/// Dotted keys with optional selectors: `pricing.quotient`, `pricing.target.pool`,
/// `buyers[lottery].count` (a buyer class by name), `buyers[0].count` (by index, from 0),
/// `builders.skills[2]`. A selector of digits only is an index.
public struct ParameterPath: Sendable, Hashable, CustomStringConvertible {
    public enum Component: Sendable, Hashable {
        /// A key of a map.
        case key(String)
        /// The element of a list whose `name` is this (a buyer class).
        case name(String)
        /// The element of a list at this index, from 0.
        case index(Int)
    }

    public var components: [Component]

    public init(components: [Component]) {
        self.components = components
    }

    /// Parses the text form; the error has no file and no position (callers attach them).
    public init(parsing text: String) throws(ManifestError) {
        func fail(_ why: String) -> ManifestError {
            ManifestError(file: "", mark: nil, message: "invalid parameter path '\(text)': \(why)")
        }
        var components: [Component] = []
        var rest = Substring(text)
        guard !rest.isEmpty else { throw fail("it is empty") }
        while true {
            let key = rest.prefix(while: { ParameterPath.isKeyCharacter($0) })
            guard let first = key.first else {
                throw fail(rest.isEmpty ? "it ends with '.'" : "expected a key at '\(rest)'")
            }
            guard first.isLetter || first == "_" else { throw fail("a key starts with a letter: '\(key)'") }
            components.append(.key(String(key)))
            rest = rest.dropFirst(key.count)
            while rest.first == "[" {
                rest = rest.dropFirst()
                let selector = rest.prefix(while: { $0 != "]" })
                guard rest.dropFirst(selector.count).first == "]" else { throw fail("a '[' without ']'") }
                rest = rest.dropFirst(selector.count + 1)
                if !selector.isEmpty, selector.allSatisfy({ $0.isASCII && $0.isNumber }) {
                    guard selector.count <= 9, let index = Int(selector) else { throw fail("index \(selector) is too large") }
                    components.append(.index(index))
                } else if !selector.isEmpty, selector.allSatisfy({ ParameterPath.isNameCharacter($0) }) {
                    components.append(.name(String(selector)))
                } else {
                    throw fail("'[\(selector)]' is neither an index nor a class name (letters, digits, '_', '-')")
                }
            }
            if rest.isEmpty { break }
            guard rest.first == "." else { throw fail("unexpected '\(rest.first!)'") }
            rest = rest.dropFirst()
        }
        self.components = components
    }

    public var description: String {
        var text = ""
        for component in components {
            switch component {
            case .key(let key): text += text.isEmpty ? key : ".\(key)"
            case .name(let name): text += "[\(name)]"
            case .index(let index): text += "[\(index)]"
            }
        }
        return text
    }

    /// Whether `other` starts with every component of this path.
    func isPrefix(of other: ParameterPath) -> Bool {
        other.components.count >= components.count && Array(other.components.prefix(components.count)) == components
    }

    static func isKeyCharacter(_ c: Character) -> Bool {
        c.isASCII && (c.isLetter || c.isNumber || c == "_" || c == "-")
    }

    /// Characters of a buyer class name: `[A-Za-z0-9_-]`.
    static func isNameCharacter(_ c: Character) -> Bool {
        c.isASCII && (c.isLetter || c.isNumber || c == "_" || c == "-")
    }
}
