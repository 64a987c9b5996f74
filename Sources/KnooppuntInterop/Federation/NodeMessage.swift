import Crypto
import Foundation

/// A message between Knooppunt nodes: an EDXL-DE 2.0 envelope whose distributionID is the message's
/// unique id, whose senderID is the sending node, with the sender's sequence number and the message
/// kind as keywords and a JSON body as its content. It travels with a detached Ed25519 signature over
/// the envelope's exact bytes.
public struct NodeMessage: Sendable, Equatable {
    public static let sequenceList = "urn:knooppunt:sequence"
    public static let kindList = "urn:knooppunt:message-kind"
    public static let addressScheme = "knooppunt-node"

    public var id: UUID
    public var sender: String
    public var recipient: String
    public var sequence: Int64
    public var kind: String
    /// EDXL date-time, e.g. 2027-01-15T09:00:00+01:00.
    public var sent: String
    /// The message body, JSON.
    public var body: Data

    public init(id: UUID = UUID(), sender: String, recipient: String, sequence: Int64, kind: String, sent: String, body: Data) {
        self.id = id
        self.sender = sender
        self.recipient = recipient
        self.sequence = sequence
        self.kind = kind
        self.sent = sent
        self.body = body
    }

    /// The envelope as sent.
    public func envelope(expires: String) -> Data {
        EDXLWriter.xml(EDXLEnvelope(
            distributionID: id.uuidString.lowercased(), senderID: sender, dateTimeSent: sent, dateTimeExpires: expires,
            status: "Actual", kind: "Report", confidentiality: "Unclassified",
            keywords: [EDXLValueList(listURN: Self.sequenceList, values: [String(sequence)]),
                       EDXLValueList(listURN: Self.kindList, values: [kind])],
            explicitAddresses: [EDXLAddress(scheme: Self.addressScheme, values: [recipient])],
            contents: [EDXLContent(description: kind, mimeType: "application/json", data: body)]), version: .v2_0)
    }

    /// Reads a node message out of an EDXL-DE 2.0 envelope, naming what is missing.
    public static func read(_ data: Data) throws(EDXLRefusal) -> NodeMessage {
        let (envelope, version) = try EDXLReader.read(data)
        guard version == .v2_0 else { throw EDXLRefusal("node messages travel in EDXL-DE 2.0, not \(version.rawValue)") }
        guard let id = UUID(uuidString: envelope.distributionID) else {
            throw EDXLRefusal("distributionID \"\(envelope.distributionID)\" is not a message id (UUID)")
        }
        guard let sequenceText = envelope.keywords.first(where: { $0.listURN == sequenceList })?.values.first,
              let sequence = Int64(sequenceText), sequence >= 1 else {
            throw EDXLRefusal("the envelope carries no sender sequence number (keyword \(sequenceList), 1 or more)")
        }
        guard let kind = envelope.keywords.first(where: { $0.listURN == kindList })?.values.first, !kind.isEmpty else {
            throw EDXLRefusal("the envelope names no message kind (keyword \(kindList))")
        }
        guard let recipient = envelope.explicitAddresses.first(where: { $0.scheme == addressScheme })?.values.first else {
            throw EDXLRefusal("the envelope names no recipient node (explicitAddress \(addressScheme))")
        }
        guard let content = envelope.contents.first, content.mimeType == "application/json", let body = content.data,
              (try? JSONSerialization.jsonObject(with: body)) != nil else {
            throw EDXLRefusal("the envelope's content is not a JSON body")
        }
        return NodeMessage(id: id, sender: envelope.senderID, recipient: recipient, sequence: sequence, kind: kind,
                           sent: envelope.dateTimeSent, body: body)
    }
}

/// Node keys: Ed25519, exchanged as base64 of the 32 raw bytes.
public enum NodeKeys {
    public static func generate() -> (privateKey: String, publicKey: String) {
        let key = Curve25519.Signing.PrivateKey()
        return (key.rawRepresentation.base64EncodedString(), key.publicKey.rawRepresentation.base64EncodedString())
    }

    /// The public key's base64, if `text` is a valid one.
    public static func publicKey(_ text: String) -> String? {
        guard let raw = Data(base64Encoded: text.trimmingCharacters(in: .whitespacesAndNewlines)),
              let key = try? Curve25519.Signing.PublicKey(rawRepresentation: raw) else { return nil }
        return key.rawRepresentation.base64EncodedString()
    }

    public static func sign(_ data: Data, privateKey: String) throws -> String {
        guard let raw = Data(base64Encoded: privateKey) else { throw XMLProblem("the node's private key is damaged") }
        let key = try Curve25519.Signing.PrivateKey(rawRepresentation: raw)
        return try key.signature(for: data).base64EncodedString()
    }

    public static func verify(_ data: Data, signature: String, publicKey: String) -> Bool {
        guard let signatureBytes = Data(base64Encoded: signature.trimmingCharacters(in: .whitespaces)),
              let raw = Data(base64Encoded: publicKey),
              let key = try? Curve25519.Signing.PublicKey(rawRepresentation: raw) else { return false }
        return key.isValidSignature(signatureBytes, for: data)
    }
}
