import Foundation
import KnooppuntTestSupport
import Testing

@testable import KnooppuntInterop

/// The EDXL-RM 1.0 corpus in ../shared/interop/edxl-rm.
@Suite("EDXL-RM 1.0 (RequestResource, CommitResource, ReleaseResource)")
struct RMCorpusTests {
    static func schema(_ kind: RMKind) -> URL {
        SharedCorpus.interop.appendingPathComponent("edxl-rm/schema/em-serializers/EDXL-RM\(kind.rawValue).xsd")
    }

    @Test("every valid sample is read, written again as a message xmllint accepts, and read back the same")
    func validSamples() throws {
        let files = try SharedCorpus.files(in: "edxl-rm/valid", extension: "xml")
        #expect(files.count == 6)
        for file in files {
            let message: RMMessage
            do { message = try RMReader.read(Data(contentsOf: file)) } catch {
                Issue.record("\(file.lastPathComponent) refused: \(error)")
                continue
            }
            #expect(!message.messageID.isEmpty && !message.resources.isEmpty, "\(file.lastPathComponent)")
            let written = RMWriter.xml(message)
            let lint = try ExternalTool.xmllint(written, schema: Self.schema(message.kind))
            #expect(lint.status == 0, "\(file.lastPathComponent): \(lint.output)")
            #expect(try RMReader.read(written) == message, "\(file.lastPathComponent) changed in the round trip")
        }
        let request = try RMReader.read(Data(contentsOf: files.first { $0.lastPathComponent == "xcore--RequestResource.1.xml" }!))
        #expect(request.kind == .requestResource)
        #expect(request.totalQuantity == 4)
        #expect(request.resources.first?.typeDescription == "Track Dozer, Type I")
        #expect(request.contactDescription == "Arlington Fire Station")
        #expect(request.resources.first?.locationText == "Arlington Waste Facility")
        let commit = try RMReader.read(Data(contentsOf: files.first { $0.lastPathComponent == "xcore--CommitResource.1.xml" }!))
        #expect(commit.originatingMessageID == "RequestResource.1")
        #expect(commit.resources.map(\.responseType) == ["Accept", "Accept"])
        #expect(commit.totalQuantity == 2, "two dozers, each in its own element")
    }

    @Test("the invalid sample is refused with the schema's reason")
    func invalidSample() throws {
        let file = SharedCorpus.interop.appendingPathComponent("edxl-rm/invalid/xcore--CommitResource-Decline.xml")
        #expect(throws: EDXLRefusal.self) { try RMReader.read(Data(contentsOf: file)) }
        let data = try Data(contentsOf: file)
        do { _ = try RMReader.read(data) } catch {
            #expect(error.description.contains("not a valid EDXL-RM CommitResource"))
            #expect(error.description.contains("PersonName"))
        }
    }

    @Test("a release written by Knooppunt is valid; hostile and foreign documents are refused by name")
    func releaseAndRefusals() throws {
        let release = RMMessage(
            kind: .releaseResource, messageID: "urn:knooppunt:vrijgave:1", sent: "2026-12-01T10:00:00+01:00",
            originatingMessageID: "urn:knooppunt:bijstand:BIJ-VR13-2026-0001", precedingMessageID: "urn:knooppunt:toezegging:1",
            incidentID: "VR13-2026-0001", contactDescription: "Veiligheidsregio Amsterdam-Amstelland", contactRole: "Requester",
            resources: [RMResource(elementID: "1", precedingElementID: "1", responseType: "Accept", name: "Pomp — Kazerne Haarlem",
                                   typeListURN: "urn:knooppunt:capacity-type", typeValue: "pomp", quantity: 2, scheduleType: "ActualReturnDeparture",
                                   scheduleTime: "2026-12-01T10:00:00+01:00", locationText: "Amsteldijk Noord & <Ouderkerk>")])
        let written = RMWriter.xml(release)
        let lint = try ExternalTool.xmllint(written, schema: Self.schema(.releaseResource))
        #expect(lint.status == 0, "\(lint.output)")
        #expect(try RMReader.read(written) == release)
        let xxe = Data(#"<?xml version="1.0"?><!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]><r>&x;</r>"#.utf8)
        #expect(throws: EDXLRefusal.self) { try RMReader.read(xxe) }
        do { _ = try RMReader.read(Data(#"<alert xmlns="urn:oasis:names:tc:emergency:cap:1.2"/>"#.utf8)) } catch {
            #expect(error.description.contains("expected an EDXL-RM 1.0"))
        }
    }
}
