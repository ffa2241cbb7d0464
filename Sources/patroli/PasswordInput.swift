import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads a new password: from a terminal without echo (asked twice), or the first line of
/// standard input when it is piped or `--password-stdin` is given.
enum PasswordInput {
    static let minimumLength = 10

    static func read(fromStandardInput: Bool) throws -> String {
        let password: String
        if fromStandardInput || isatty(STDIN_FILENO) == 0 {
            guard let line = Swift.readLine(strippingNewline: true) else {
                throw PasswordInputError("no password on standard input (pipe one line, e.g. `printf '%s\\n' \"$PASSWORD\" | patroli users add NAME --password-stdin`)")
            }
            password = line.hasSuffix("\r") ? String(line.dropLast()) : line
        } else {
            let first = try readHidden(prompt: "New password: ")
            let second = try readHidden(prompt: "Repeat the password: ")
            guard first == second else { throw PasswordInputError("the two passwords differ; nothing was changed") }
            password = first
        }
        guard password.count >= minimumLength else {
            throw PasswordInputError("the password is too short: use at least \(minimumLength) characters")
        }
        return password
    }

    /// One line from the terminal with echo switched off (and back on afterwards).
    private static func readHidden(prompt: String) throws -> String {
        FileHandle.standardError.write(Data(prompt.utf8))
        var original = termios()
        guard tcgetattr(STDIN_FILENO, &original) == 0 else {
            throw PasswordInputError("cannot read the terminal's settings; pipe the password with --password-stdin instead")
        }
        var silent = original
        silent.c_lflag &= ~tcflag_t(ECHO)
        silent.c_lflag |= tcflag_t(ICANON)
        tcsetattr(STDIN_FILENO, TCSANOW, &silent)
        defer {
            tcsetattr(STDIN_FILENO, TCSANOW, &original)
            FileHandle.standardError.write(Data("\n".utf8))
        }
        guard let line = Swift.readLine(strippingNewline: true) else {
            throw PasswordInputError("no password was typed")
        }
        return line
    }
}

struct PasswordInputError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
