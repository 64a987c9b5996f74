import Fluent
import ArgumentParser
import Foundation
import KnooppuntCore

/// `knooppunt node init|show|trust`: this node's identity and the peers it trusts.
struct NodeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "node", abstract: "This node's identity among the nodes, and the peers it trusts.",
        subcommands: [Init.self, Show.self, Trust.self, Send.self, Outbox.self, Inbox.self, Checkpoints.self])

    struct Init: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Make this node's Ed25519 key pair and print its public key.")
        @ArgumentParser.Option(help: "The node's name among the nodes, e.g. vr13 or kcr2.") var name: String
        @OptionGroup var storage: StorageOptions

        func run() async throws {
            bootstrapLogging()
            let identity = try await withApplication(try storage.configuration()) { app in
                try await CommandErrors.reporting { try await FederationService(db: app.db, context: app.knooppunt).initialise(name: name) }
            }
            print("node \(identity.name)\npublic key \(identity.publicKey)")
        }
    }

    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Print this node's name and public key, and the peers it trusts.")
        @OptionGroup var storage: StorageOptions

        func run() async throws {
            bootstrapLogging()
            let text = try await withApplication(try storage.configuration()) { app -> String in
                guard let me = try await FederationService(db: app.db, context: app.knooppunt).identity() else {
                    throw ValidationError("this node has no identity yet; run `knooppunt node init --name NAME`")
                }
                let peers = try await NodePeerModel.query(on: app.db).sort(\.$name).all()
                return (["node \(me.name)", "public key \(me.publicKey)"]
                    + peers.map { "trusts \($0.name) at \($0.url) with key \($0.publicKey)" }).joined(separator: "\n")
            }
            print(text)
        }
    }

    struct Trust: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Trust a peer node: its name, URL and public key.")
        @ArgumentParser.Argument(help: "The peer's node name.") var name: String
        @ArgumentParser.Argument(help: "Where the peer is reached, e.g. https://kcr2.example.nl.") var url: String
        @ArgumentParser.Argument(help: "The peer's public key, as its `knooppunt node init` printed it.") var publicKey: String
        @ArgumentParser.Flag(help: "The peer is the national node: incident summaries go to it.") var national = false
        @ArgumentParser.Flag(help: "The peer is a regional node.") var regional = false
        @OptionGroup var storage: StorageOptions

        func run() async throws {
            bootstrapLogging()
            let peer = try await withApplication(try storage.configuration()) { app in
                try await CommandErrors.reporting {
                    try await FederationService(db: app.db, context: app.knooppunt).trust(
                        name: name, url: url, publicKey: publicKey, role: national ? "national" : regional ? "region" : nil)
                }
            }
            print("trusting \(peer.name) at \(peer.url)")
        }
    }

    struct Send: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Queue a message for a peer; `serve` delivers it, or --deliver tries at once.")
        @ArgumentParser.Argument(help: "The peer's node name.") var peer: String
        @ArgumentParser.Option(help: "The message kind, e.g. advisory.") var kind: String
        @ArgumentParser.Option(help: "The message body, JSON.") var body: String
        @ArgumentParser.Flag(help: "Try to deliver the outbox now.") var deliver = false
        @OptionGroup var storage: StorageOptions

        func run() async throws {
            bootstrapLogging()
            guard (try? JSONSerialization.jsonObject(with: Data(body.utf8))) != nil else {
                throw ValidationError("--body must be JSON, e.g. '{\"text\":\"…\"}'")
            }
            let (sequence, delivered) = try await withApplication(try storage.configuration()) { app -> (Int64, Int) in
                try await CommandErrors.reporting {
                    let now = app.knooppunt.clock.now()
                    let sequence = try await app.knooppunt.write(on: app.db) { db in
                        try await FederationOutbox.enqueue(kind: kind, body: Data(body.utf8), to: peer, on: db, at: now)
                    }
                    let delivered = deliver
                        ? try await FederationOutbox(db: app.db, context: app.knooppunt).deliverDue(transport: app.knooppunt.transport) : 0
                    return (sequence, delivered)
                }
            }
            print("queued for \(peer) as sequence \(sequence)" + (deliver ? "; delivered now: \(delivered)" : ""))
        }
    }

    /// One message as `node outbox --json` and `node inbox --json` list it.
    struct MessageLine: Encodable {
        let peer: String
        let sequence: Int64
        let message: UUID
        let kind: String
        /// Outbox: whether the peer acknowledged it, and how many attempts it took so far.
        let delivered: Bool?
        var attempts: Int? = nil
    }

    static func printJSON(_ lines: [MessageLine]) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        print(String(decoding: try encoder.encode(lines), as: UTF8.self))
    }

    struct Outbox: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "What waits for each peer, and the last delivery error.")
        @OptionGroup var storage: StorageOptions
        @Flag(help: "List every queued message (peer, sequence, id, kind, delivered) as JSON instead.") var json = false

        func run() async throws {
            bootstrapLogging()
            if json {
                let messages = try await withApplication(try storage.configuration()) { app in
                    try await NodeOutboxModel.query(on: app.db).sort(\.$peer).sort(\.$sequence).all().map {
                        MessageLine(peer: $0.peer, sequence: $0.sequence, message: $0.messageID, kind: $0.kind, delivered: $0.deliveredAt != nil,
                                    attempts: $0.attempts)
                    }
                }
                try NodeCommand.printJSON(messages)
                return
            }
            let lines = try await withApplication(try storage.configuration()) { app -> [String] in
                var lines: [String] = []
                for peer in try await NodePeerModel.query(on: app.db).sort(\.$name).all() {
                    let waiting = try await NodeOutboxModel.query(on: app.db).filter(\.$peer == peer.name).filter(\.$deliveredAt == nil)
                        .sort(\.$sequence).all()
                    let delivered = try await NodeOutboxModel.query(on: app.db).filter(\.$peer == peer.name).filter(\.$deliveredAt != nil).count()
                    var line = "\(peer.name): \(delivered) delivered, \(waiting.count) waiting"
                    if let head = waiting.first {
                        line += " (next: sequence \(head.sequence), \(head.attempts) attempts" + (head.lastError.map { ", last error: \($0)" } ?? "") + ")"
                    }
                    lines.append(line)
                }
                return lines
            }
            print(lines.isEmpty ? "no peers trusted" : lines.joined(separator: "\n"))
        }
    }

    struct Inbox: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "The messages applied from peers, in the order applied, as JSON (peer, sequence, id, kind).")
        @OptionGroup var storage: StorageOptions
        @Option(help: "Only this peer's messages.") var peer: String?

        func run() async throws {
            bootstrapLogging()
            let peer = self.peer?.lowercased()
            let messages = try await withApplication(try storage.configuration()) { app in
                var query = NodeInboxModel.query(on: app.db)
                if let peer { query = query.filter(\.$peer == peer) }
                return try await query.sort(\.$receivedAt).sort(\.$sequence).all().map {
                    MessageLine(peer: $0.peer, sequence: $0.sequence, message: $0.messageID, kind: $0.kind, delivered: nil)
                }
            }
            try NodeCommand.printJSON(messages)
        }
    }

    struct Checkpoints: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Signed journal checkpoints as JSON lines: this node's own, or (on the national node) a peer's, for `verify-journal --anchors`.")
        @OptionGroup var storage: StorageOptions
        @Option(help: "The peer whose checkpoints this node keeps (on the national node).") var peer: String?
        @Flag(help: "Sign the current journal head first (when it moved since the last checkpoint).") var now = false

        func run() async throws {
            bootstrapLogging()
            let peer = self.peer?.lowercased()
            let now = self.now
            let lines = try await withApplication(try storage.configuration()) { app in
                if now { try await JournalCheckpoints(db: app.db, context: app.knooppunt).make() }
                return try await JournalCheckpoints.list(peer: peer, on: app.db).map(\.jsonLine)
            }
            for line in lines { print(line) }
        }
    }
}
