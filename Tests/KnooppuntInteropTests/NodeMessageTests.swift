import Foundation
import KnooppuntTestSupport
import Testing

@testable import KnooppuntInterop

@Suite("Node messages (EDXL-DE 2.0, Ed25519)")
struct NodeMessageTests {
    static let message = NodeMessage(
        sender: "vr13", recipient: "kcr2", sequence: 7, kind: "incident-summary", sent: "2027-01-15T09:00:00+01:00",
        body: Data(#"{"incident":"VR13-2027-0001","grip":2}"#.utf8))

    @Test("a node message is a valid EDXL-DE 2.0 envelope and reads back the same")
    func roundTrip() throws {
        let envelope = Self.message.envelope(expires: "2027-01-22T09:00:00+01:00")
        let lint = try ExternalTool.xmllint(envelope, schema: SharedCorpus.interop.appendingPathComponent("edxl-de/schema/v2.0/EDXL-DE-envelope-only.xsd"))
        #expect(lint.status == 0, "\(lint.output)")
        #expect(try NodeMessage.read(envelope) == Self.message)
    }

    @Test("a signature verifies only over the exact bytes and with the signer's key")
    func signatures() throws {
        let signer = NodeKeys.generate()
        let other = NodeKeys.generate()
        let envelope = Self.message.envelope(expires: "2027-01-22T09:00:00+01:00")
        let signature = try NodeKeys.sign(envelope, privateKey: signer.privateKey)
        #expect(NodeKeys.verify(envelope, signature: signature, publicKey: signer.publicKey))
        #expect(!NodeKeys.verify(envelope, signature: signature, publicKey: other.publicKey))
        var altered = envelope
        altered.append(0x20)
        #expect(!NodeKeys.verify(altered, signature: signature, publicKey: signer.publicKey))
        #expect(!NodeKeys.verify(envelope, signature: "not base64!", publicKey: signer.publicKey))
        #expect(NodeKeys.publicKey("AAAA") == nil)
    }

    @Test("an envelope without sequence, kind or recipient is refused naming what is missing")
    func incomplete() throws {
        let plain = EDXLWriter.xml(EDXLEnvelope(
            distributionID: UUID().uuidString, senderID: "vr13", dateTimeSent: "2027-01-15T09:00:00+01:00",
            dateTimeExpires: "2027-01-16T09:00:00+01:00", status: "Actual", kind: "Report",
            contents: [EDXLContent(mimeType: "application/json", data: Data("{}".utf8))]), version: .v2_0)
        #expect { try NodeMessage.read(plain) } throws: { error in
            (error as? EDXLRefusal)?.description.contains("sequence number") == true
        }
    }
}
