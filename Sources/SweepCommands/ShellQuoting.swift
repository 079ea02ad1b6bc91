/// Quoting for the command lines that ticketsweep prints or writes into job scripts, so that a
/// path with spaces or shell characters (`out dir $(touch X)`) reaches the program as one word
/// and nothing in it is run.
enum ShellQuoting {
    /// Characters that never need quoting in a POSIX shell word (`=` is left out: a first word
    /// `a=b` would be an assignment).
    private static let plain = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789@%+:,./_-")

    /// `word` as one POSIX shell word: unchanged when it holds only plain characters, else in
    /// single quotes (each `'` written as `'\''`).
    static func word(_ word: String) -> String {
        if !word.isEmpty && word.allSatisfy(plain.contains) { return word }
        return "'" + word.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }

    /// `words` as one shell command line.
    static func command(_ words: [String]) -> String {
        words.map(word).joined(separator: " ")
    }
}
