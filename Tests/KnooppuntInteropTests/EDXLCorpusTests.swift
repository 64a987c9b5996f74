import Foundation
import KnooppuntTestSupport
import Testing

@testable import KnooppuntInterop

/// The EDXL-DE corpus in ../shared/interop/edxl-de: unwrap, wrap again, and stay valid.
@Suite("EDXL-DE 1.0 and 2.0")
struct EDXLCorpusTests {
    static func files(_ folder: String) throws -> [URL] { try SharedCorpus.files(in: "edxl-de/\(folder)", extension: "xml") }

    @Test("every valid envelope unwraps, wraps again into an envelope xmllint accepts, and unwraps to the same content",
          arguments: [("v1.0", EDXLVersion.v1_0, "schema/v1.0/EDXL-DE_Schema_v1.0.xsd"),
                      ("v2.0", EDXLVersion.v2_0, "schema/v2.0/EDXL-DE-envelope-only.xsd")])
    func roundTrip(folder: String, version: EDXLVersion, schema: String) throws {
        let files = try Self.files("\(folder)/valid")
        #expect(files.count == 4)
        for file in files {
            let first: (envelope: EDXLEnvelope, version: EDXLVersion)
            do { first = try EDXLReader.read(Data(contentsOf: file)) } catch {
                Issue.record("\(file.lastPathComponent) refused: \(error)")
                continue
            }
            #expect(first.version == version)
            #expect(!first.envelope.contents.isEmpty, "\(file.lastPathComponent) has content objects")
            let written = EDXLWriter.xml(first.envelope, version: version)
            let lint = try ExternalTool.xmllint(written, schema: SharedCorpus.interop.appendingPathComponent("edxl-de/\(schema)"))
            #expect(lint.status == 0, "\(file.lastPathComponent): \(lint.output)")
            do {
                let second = try EDXLReader.read(written)
                #expect(second.envelope == first.envelope, "\(file.lastPathComponent) changed in the round trip")
            } catch {
                Issue.record("\(file.lastPathComponent) rewrapped is refused: \(error)")
            }
        }
    }

    @Test("CAP alerts in an envelope come out as CAP: the NSW bushfire envelope carries seven valid alerts")
    func embeddedCAP() throws {
        let data = try Data(contentsOf: SharedCorpus.interop.appendingPathComponent("edxl-de/v1.0/valid/google--bushfire_valid.xml"))
        let envelope = try EDXLReader.read(data).envelope
        let alerts = try envelope.contents.compactMap(\.xml).map { try CAPReader.read($0).alert }
        #expect(alerts.count == 7)
        #expect(alerts.allSatisfy { $0.sender == "webmaster@rfs.nsw.gov.au" })
        #expect(Set(alerts.map(\.identifier)).count == 7)
    }

    @Test("refused: an envelope whose CAP content breaks the CAP rules, and the XXE envelope, each with its reason")
    func invalid() throws {
        let bushfire = try Data(contentsOf: SharedCorpus.interop.appendingPathComponent("edxl-de/v1.0/invalid/google--bushfire_invalid.xml"))
        #expect { try EDXLReader.read(bushfire) } throws: { error in
            (error as? EDXLRefusal)?.description.contains("is a CAP alert that is refused") == true
        }
        let before = SafeXML.refusedExternalLoads
        let xxe = try Data(contentsOf: SharedCorpus.interop.appendingPathComponent("edxl-de/v2.0/invalid/samu--external-entity.xml"))
        #expect { try EDXLReader.read(xxe) } throws: { error in (error as? EDXLRefusal)?.description.contains("DOCTYPE") == true }
        #expect(SafeXML.refusedExternalLoads == before)
        #expect { try EDXLReader.read(Data("<alert xmlns=\"urn:oasis:names:tc:emergency:cap:1.2\"/>".utf8)) } throws: { error in
            (error as? EDXLRefusal)?.description.contains("EDXLDistribution") == true
        }
    }

    @Test("wrapping a CAP alert for another node: sender, recipients, kind and keywords survive, and the alert inside stays valid")
    func wrapCAP() throws {
        let alertData = try Data(contentsOf: SharedCorpus.interop.appendingPathComponent("cap/valid/oasiscap--v1dot2_appendix_adot1.xml"))
        for version in EDXLVersion.allCases {
            let envelope = EDXLEnvelope(
                distributionID: "VR13-2027-0001-1", senderID: "vr13.knooppunt", dateTimeSent: "2027-01-15T09:00:00+01:00",
                dateTimeExpires: "2027-01-16T09:00:00+01:00", status: "Actual", kind: "Report",
                confidentiality: version == .v1_0 ? "UNCLASSIFIED AND NOT SENSITIVE" : "Unclassified", language: "nl-NL",
                keywords: [EDXLValueList(listURN: "urn:knooppunt:kind", values: ["warning"])],
                explicitAddresses: [EDXLAddress(scheme: "knooppunt-node", values: ["kcr2", "vr12"])],
                contents: [EDXLContent(description: "Waarschuwing", xml: alertData)])
            let xml = EDXLWriter.xml(envelope, version: version)
            let schema = version == .v1_0 ? "schema/v1.0/EDXL-DE_Schema_v1.0.xsd" : "schema/v2.0/EDXL-DE-envelope-only.xsd"
            let lint = try ExternalTool.xmllint(xml, schema: SharedCorpus.interop.appendingPathComponent("edxl-de/\(schema)"))
            #expect(lint.status == 0, "\(version): \(lint.output)")
            let read = try EDXLReader.read(xml).envelope
            #expect(read.explicitAddresses == envelope.explicitAddresses)
            #expect(read.keywords == envelope.keywords)
            let inner = try CAPReader.read(try #require(read.contents.first?.xml)).alert
            #expect(inner == (try CAPReader.read(alertData).alert))
        }
    }
}
