import ArgumentParser
import Fluent
import Foundation
import KnooppuntCore
import KnooppuntInterop
import Vapor

/// `knooppunt import cap FILE…`, `knooppunt import meldkamer FILE`.
struct ImportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import", abstract: "Take in messages from other systems.", subcommands: [CAP.self, Meldkamer.self])

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

    struct Meldkamer: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "meldkamer",
            abstract: "Take in meldkamer messages (JSON lines or raw P2000 lines): all at once into the database, or with --replay "
                + "fed to a running node at their original pace (or --speed N times faster) for an exercise.")
        @ArgumentParser.Argument(help: "A file of JSON lines (text/message, receivedAt/timestamp, lat, lon, source) or P2000 lines.")
        var file: String
        @ArgumentParser.Option(help: "The meldkamer that sent them, e.g. MK-AA (without --replay).") var meldkamer: String?
        @ArgumentParser.Flag(help: "Mark the messages as an exercise: they form exercise proposals.") var exercise = false
        @ArgumentParser.Flag(help: "Feed the messages to a running node (--url, --token) at their pace.") var replay = false
        @ArgumentParser.Option(help: "With --replay: this many times faster than the original (1 to 100000).") var speed: Double = 1
        @ArgumentParser.Option(help: "With --replay: the node's address, e.g. http://127.0.0.1:8080.") var url: String?
        @ArgumentParser.Option(help: "With --replay: a calamiteitencoördinator's bearer token (or KNOOPPUNT_TOKEN).") var token: String?
        @OptionGroup var storage: StorageOptions

        func run() async throws {
            bootstrapLogging()
            let text: String
            do { text = try String(contentsOfFile: file, encoding: .utf8) } catch {
                throw ValidationError("cannot read \(file) as UTF-8 text")
            }
            let inputs: [MeldkamerIntake.MessageInput]
            do { inputs = try MeldkamerFile.read(text) } catch let problem as Problem { throw ValidationError(problem.detail) }
            guard !inputs.isEmpty else { throw ValidationError("\(file) holds no messages") }
            if replay {
                try await MeldkamerReplayClient(
                    url: url, token: token ?? ProcessInfo.processInfo.environment["KNOOPPUNT_TOKEN"], speed: speed, exercise: exercise
                ).run(inputs)
                return
            }
            guard let meldkamer, KnooppuntCore.Meldkamers.meldkamer(code: meldkamer) != nil else {
                throw ValidationError("--meldkamer must be one of \(KnooppuntCore.Meldkamers.all.map(\.code).joined(separator: ", "))")
            }
            let marked = inputs.map { input -> MeldkamerIntake.MessageInput in
                var input = input
                input.exercise = exercise
                return input
            }
            try await withApplication(try storage.configuration()) { app in
                try await CommandErrors.reporting {
                    let intake = MeldkamerIntake(db: app.db, context: app.knooppunt)
                    var stored = 0, duplicates = 0, unreadable = 0
                    var proposals = Set<UUID>()
                    for start in stride(from: 0, to: marked.count, by: MeldkamerIntake.maximumBatch) {
                        let batch = Array(marked[start..<min(start + MeldkamerIntake.maximumBatch, marked.count)])
                        let checked: [MeldkamerIntake.Checked]
                        do { checked = try intake.check(batch) } catch let problem as Problem {
                            throw ValidationError("messages \(start + 1)–\(start + batch.count): \(problem.detail) (\(problem.field ?? "-"))")
                        }
                        let result = try await intake.take(
                            checked, meldkamer: meldkamer, by: .init(username: "cli", organisation: meldkamer), threadPool: app.threadPool)
                        stored += result.stored
                        duplicates += result.duplicates
                        unreadable += result.unreadable
                        for message in result.messages { if let id = message.proposal?.id { proposals.insert(id) } }
                    }
                    print("\(file): \(marked.count) messages: \(stored) stored, \(duplicates) already there, \(unreadable) unreadable (kept); "
                        + "incident proposals: \(proposals.count)")
                }
            }
        }
    }
}
