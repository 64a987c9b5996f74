import ArgumentParser
import Foundation
import KnooppuntCore

/// `knooppunt user add|passwd|disable|unlock`.
struct UserCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "user", abstract: "Manage user accounts.", subcommands: [Add.self, Passwd.self, Disable.self, Unlock.self])

    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Add a user; the password is read from standard input.")
        @Argument(help: "Login name.") var username: String
        @Option(help: "Full name shown in the UI.") var name: String
        @Option(help: "Organisation code, e.g. VR13 or KCR2.") var organisation: String
        @Option(help: "Role: \(Role.allCases.map(\.rawValue).joined(separator: ", ")).") var role: String
        @OptionGroup var storage: StorageOptions

        func run() async throws {
            bootstrapLogging()
            guard let role = Role(rawValue: role) else {
                throw ValidationError("unknown role '\(self.role)'; choose one of \(Role.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            let password = try PasswordInput.read()
            try await withApplication(try storage.configuration()) { app in
                try await CommandErrors.reporting {
                    try await AccountService(application: app).createUser(
                        username: username, displayName: name, organisationCode: organisation, role: role,
                        password: password, actor: .commandLine)
                }
            }
            print("user \(username) added")
        }
    }

    struct Passwd: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Set a user's password (read from standard input).")
        @Argument var username: String
        @OptionGroup var storage: StorageOptions

        func run() async throws {
            bootstrapLogging()
            let password = try PasswordInput.read()
            try await withApplication(try storage.configuration()) { app in
                try await CommandErrors.reporting {
                    try await AccountService(application: app).setPassword(
                        username: username, password: password, actor: .commandLine)
                }
            }
            print("password of \(username) changed; their sessions were ended")
        }
    }

    struct Disable: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Disable a user and end their sessions.")
        @Argument var username: String
        @OptionGroup var storage: StorageOptions

        func run() async throws {
            bootstrapLogging()
            try await withApplication(try storage.configuration()) { app in
                try await CommandErrors.reporting {
                    try await AccountService(application: app).disable(username: username, actor: .commandLine)
                }
            }
            print("user \(username) disabled")
        }
    }
}

extension UserCommand {
    struct Unlock: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Clear a user's failed logins from every address.")
        @Argument var username: String
        @OptionGroup var storage: StorageOptions

        func run() async throws {
            bootstrapLogging()
            let removed = try await withApplication(try storage.configuration()) { app in
                try await CommandErrors.reporting {
                    try await AccountService(application: app).unlock(username: username, actor: .commandLine)
                }
            }
            print("user \(username) unlocked (\(removed) failed logins cleared)")
        }
    }
}

/// Reads a new password: prompted twice on a terminal, else one line of standard input.
enum PasswordInput {
    static func read() throws -> String {
        if isatty(STDIN_FILENO) == 1 {
            let first = String(cString: getpass("New password: "))
            let second = String(cString: getpass("Repeat it: "))
            guard first == second else { throw ValidationError("the passwords do not match") }
            return first
        }
        guard let line = readLine(strippingNewline: true), !line.isEmpty else {
            throw ValidationError("no password on standard input")
        }
        return line
    }
}

/// Turns a domain problem into a command-line error message.
enum CommandErrors {
    static func reporting<T>(_ body: () async throws -> T) async throws -> T {
        do {
            return try await body()
        } catch let problem as Problem {
            throw ValidationError(problem.detail)
        }
    }
}
