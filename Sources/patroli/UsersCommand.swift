import ArgumentParser
import Foundation
import PatroliQueue
import PatroliWeb

/// `patroli users …`: the officers who may sign in to the review page.
struct UsersCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "users",
        abstract: "Manage review-page accounts: add, list, remove.",
        subcommands: [UsersAddCommand.self, UsersListCommand.self, UsersRemoveCommand.self])
}

extension AccountRole: ExpressibleByArgument {}

struct UsersAddCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "add",
        abstract: "Add an account (or, with --replace, set a new password and role).",
        discussion: """
            The password is asked twice without echo on a terminal, or read as the first line of \
            standard input when it is piped (or with --password-stdin). It is stored only as a salted \
            bcrypt hash. At least \(PasswordInput.minimumLength) characters.
            """)
    @OptionGroup var queue: QueueOptions
    @Argument(help: "Account name (letters, digits, . _ - @; at most 64).") var name: String
    @Option(name: .long, help: "reviewer (decides items), analyst (also exports) or admin.") var role: AccountRole = .reviewer
    @Flag(name: .long, help: "Read the password from the first line of standard input.") var passwordStdin = false
    @Flag(name: .long, help: "Replace an existing account's password and role (signs it out everywhere).") var replace = false

    func validate() throws {
        try UsersAddCommand.validateName(name)
    }

    static func validateName(_ name: String) throws {
        let allowed = CharacterSet.alphanumerics.union(CharacterSet(charactersIn: "._-@"))
        guard !name.isEmpty, name.count <= 64, name.unicodeScalars.allSatisfy({ allowed.contains($0) && $0.isASCII }) else {
            throw ValidationError("account names use letters, digits and . _ - @ (1 to 64 characters), not `\(name)`")
        }
    }

    func run() throws {
        let password: String
        do {
            password = try PasswordInput.read(fromStandardInput: passwordStdin)
        } catch {
            Console.error("\(error)")
            throw ExitCode(2)
        }
        let store = try queue.open()
        let (name, role, replace) = (self.name, self.role, self.replace)
        do {
            try blockingCall {
                let hash = await PasswordHasher().hash(password)
                if replace, try await store.account(name: name) != nil {
                    try await store.updateAccount(name: name, role: role, passwordHash: hash)
                } else {
                    try await store.addAccount(Account(name: name, role: role, passwordHash: hash, createdAt: Date()))
                }
            }
        } catch {
            Console.error("\(error)")
            throw ExitCode(2)
        }
        print("account \(name) (\(role.rawValue)) \(replace ? "saved" : "added")")
    }
}

struct UsersListCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "List accounts and their roles.")
    @OptionGroup var queue: QueueOptions

    func run() throws {
        let store = try queue.open()
        let accounts = try blockingCall { try await store.accounts() }
        print("name\trole\tcreated")
        let iso = ISO8601DateFormatter()
        for account in accounts {
            print("\(account.name)\t\(account.role.rawValue)\t\(iso.string(from: account.createdAt))")
        }
    }
}

struct UsersRemoveCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "remove", abstract: "Remove an account and end its sessions.")
    @OptionGroup var queue: QueueOptions
    @Argument(help: "Account name.") var name: String

    func run() throws {
        let store = try queue.open()
        let name = self.name
        guard try blockingCall({ try await store.removeAccount(name: name) }) else {
            Console.error("\(ReviewStoreError.accountNotFound(name))")
            throw ExitCode(2)
        }
        print("account \(name) removed")
    }
}
