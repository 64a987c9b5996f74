import ArgumentParser
import Fluent
import Foundation
import KnooppuntCore
import KnooppuntInterop
import Vapor

/// `knooppunt import cap FILE…`.
struct ImportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import", abstract: "Take in messages from other systems.", subcommands: [CAP.self])

    struct CAP: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "cap",
            abstract: "Take in CAP 1.2 (or 1.1) alerts as warnings; each is checked on its own, and a refused file changes nothing.")
        @ArgumentParser.Argument(help: "CAP alert files (XML).") var files: [String]
        @ArgumentParser.Option(name: .customLong("as"), help: "The user the warnings are taken in as (region staff or the national node).")
        var username: String
        @OptionGroup var storage: StorageOptions

        func run() async throws {
            bootstrapLogging()
            let refused = try await withApplication(try storage.configuration()) { app in
                try await CommandErrors.reporting {
                    let subject = try await Subjects.active(username, on: app.db, at: app.knooppunt.clock.now())
                    let intake = WarningIntake(db: app.db, context: app.knooppunt)
                    var refused = 0
                    for file in files {
                        let data: Data
                        do { data = try Data(contentsOf: URL(fileURLWithPath: file)) } catch {
                            print("\(file): refused: cannot read the file")
                            refused += 1
                            continue
                        }
                        do {
                            let message = try CAPReader.read(data)
                            let outcome = try await intake.take(message, by: .init(subject: subject))
                            let incidents = outcome.incidents.map(\.reference).joined(separator: ", ")
                            print("\(file): \(outcome.duplicate ? "already taken in" : "taken in") as \(message.alert.identifier)"
                                + " (\(message.signature.summary))" + (incidents.isEmpty ? "" : "; added to \(incidents)"))
                        } catch let refusal as CAPRefusal {
                            print("\(file): refused: \(refusal.description)")
                            refused += 1
                        }
                    }
                    return refused
                }
            }
            if refused > 0 { throw ExitCode(1) }
        }
    }
}
