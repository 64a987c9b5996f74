import ArgumentParser
import Foundation
import KnooppuntCore

/// `knooppunt node init|show|trust`: this node's identity and the peers it trusts.
struct NodeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "node", abstract: "This node's identity among the nodes, and the peers it trusts.",
        subcommands: [Init.self, Show.self, Trust.self])

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
        @OptionGroup var storage: StorageOptions

        func run() async throws {
            bootstrapLogging()
            let peer = try await withApplication(try storage.configuration()) { app in
                try await CommandErrors.reporting {
                    try await FederationService(db: app.db, context: app.knooppunt).trust(name: name, url: url, publicKey: publicKey)
                }
            }
            print("trusting \(peer.name) at \(peer.url)")
        }
    }
}
