import ArgumentParser
import Foundation
import KnooppuntCore

/// `knooppunt report access --since DATE`: accountability for access afterwards.
struct ReportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report", abstract: "Reports for accountability afterwards.", subcommands: [Access.self])

    struct Access: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Every link, change, disconnection, break-glass opening and confidential read since a date.")
        @Option(help: "A date (2026-11-01) or an ISO 8601 moment.") var since: String
        @Option(help: "text (default) or csv.") var format: String = "text"
        @OptionGroup var storage: StorageOptions

        func run() async throws {
            bootstrapLogging()
            guard let from = AccessReport.parseSince(since) else {
                throw ValidationError("--since must be a date (2026-11-01) or an ISO 8601 moment, not '\(since)'")
            }
            guard ["text", "csv"].contains(format) else { throw ValidationError("--format must be text or csv") }
            var config = try storage.configuration()
            config.autoMigrate = false
            let lines = try await withApplication(config) { app in try await AccessReport.lines(since: from, on: app.db) }
            if format == "csv" {
                print(AccessReport.csv(lines), terminator: "")
                return
            }
            for line in lines {
                var text = "\(line.at)  \(line.kind)  \(line.actor) (\(line.actorOrganisation)) → \(line.organisation)"
                if let until = line.validUntil { text += " until \(JournalTime.string(from: until))" }
                if let purpose = line.purpose { text += "  \"\(purpose)\"" }
                if let incident = line.incident { text += "  incident \(incident)" }
                print(text)
            }
            print("\(lines.count) access events since \(JournalTime.string(from: from))")
        }
    }
}
