import Foundation
import KnooppuntTestSupport
import Testing

@testable import KnooppuntInterop

/// The CAP corpus in ../shared/interop/cap: what a conforming importer must accept and refuse.
@Suite("CAP corpus (OASIS CAP 1.2)")
struct CAPCorpusTests {
    static func validFiles() throws -> [URL] { try SharedCorpus.files(in: "cap/valid", extension: "xml") }

    @Test("every file in cap/valid is accepted, with its bytes kept as they arrived")
    func valid() throws {
        let files = try Self.validFiles()
        #expect(files.count >= 25)
        for file in files {
            let data = try Data(contentsOf: file)
            do {
                let message = try CAPReader.read(data)
                #expect(message.original == data, "\(file.lastPathComponent) bytes changed")
                #expect(!message.alert.identifier.isEmpty)
            } catch {
                Issue.record("\(file.lastPathComponent) refused: \(error)")
            }
        }
    }

    @Test("every CAP 1.1 file in cap/v1.1 is accepted as CAP 1.1, and exports as valid CAP 1.2")
    func version11() throws {
        let files = try SharedCorpus.files(in: "cap/v1.1", extension: "xml")
        #expect(files.count == 9)
        for file in files {
            do {
                let message = try CAPReader.read(Data(contentsOf: file))
                #expect(message.version == .v1_1, "\(file.lastPathComponent)")
                #expect(try CAPReader.read(CAPWriter.xml(message.alert)).version == .v1_2)
            } catch {
                Issue.record("\(file.lastPathComponent) refused: \(error)")
            }
        }
    }

    @Test("every file in cap/invalid is refused with a reason that names the problem")
    func invalid() throws {
        // What each refusal must mention (from cap/invalid/README.md).
        let expected: [String: [String]] = [
            "capparselib--invalid_xmlns.xml": ["namespace", "urn:oasis:names:tc:emergency:alerts:1.2"],
            "google--canada_errors.xml": ["<references>", "Update"],
            "google--invalid.xml": ["scope"],
            "google--xee-feed.xml": ["DOCTYPE"],
            "google--xee.xml": ["DOCTYPE"],
            "wmo--bf-invalid_certificate.xml": ["X509Certificate"],
            "wmo--bf-invalid_digest.xml": ["DigestValue"],
            "wmo--bf-invalid_schema.xml": ["severity"],
            "wmo--bf-invalid_signature.xml": ["SignatureValue"],
            "wmo--sc-invalid_certificate.xml": ["X509Certificate"],
            "wmo--sc-invalid_digest.xml": ["DigestValue"],
            "wmo--sc-invalid_signature.xml": ["SignatureValue"],
        ]
        let files = try SharedCorpus.files(in: "cap/invalid", extension: "xml")
        #expect(Set(files.map(\.lastPathComponent)) == Set(expected.keys))
        for file in files {
            let data = try Data(contentsOf: file)
            do {
                let message = try CAPReader.read(data)
                Issue.record("\(file.lastPathComponent) accepted as \(message.alert.identifier)")
            } catch {
                for fragment in expected[file.lastPathComponent] ?? [] {
                    #expect(error.description.contains(fragment),
                            "\(file.lastPathComponent): reason \"\(error.description)\" does not mention \(fragment)")
                }
            }
        }
    }

    @Test("the XXE samples cause no file or network access and leak nothing")
    func externalEntities() throws {
        for name in ["google--xee.xml", "google--xee-feed.xml"] {
            let data = try Data(contentsOf: SharedCorpus.interop.appendingPathComponent("cap/invalid/\(name)"))
            let before = SafeXML.refusedExternalLoads
            #expect(throws: CAPRefusal.self) { try CAPReader.read(data) }
            do { _ = try CAPReader.read(data) } catch {
                #expect(!error.description.contains("root:"), "\(name) leaked /etc/passwd: \(error)")
            }
            // The parser never even asked for the external resources, so none could be fetched.
            #expect(SafeXML.refusedExternalLoads == before, "\(name) tried to load an external entity")
        }
    }

    @Test("signed alerts verify over the bytes as received")
    func signatures() throws {
        for name in ["wmo--sc-valid.xml", "wmo--bf-valid.xml"] {
            let data = try Data(contentsOf: SharedCorpus.interop.appendingPathComponent("cap/valid/\(name)"))
            let message = try CAPReader.read(data)
            guard case .verified(let signers) = message.signature else {
                Issue.record("\(name): \(message.signature.summary)")
                continue
            }
            #expect(signers.count == 1)
        }
        let unsigned = try CAPReader.read(Data(contentsOf: SharedCorpus.interop.appendingPathComponent("cap/valid/wmo--sc-no_signature.xml")))
        #expect(unsigned.signature == .unsigned)
    }

    @Test("import, export, import gives the same alert content for every valid file")
    func roundTrip() throws {
        for file in try Self.validFiles() {
            guard let first = try? CAPReader.read(Data(contentsOf: file)) else {
                Issue.record("\(file.lastPathComponent) not accepted")
                continue
            }
            let exported = CAPWriter.xml(first.alert)
            do {
                let second = try CAPReader.read(exported)
                #expect(second.alert == first.alert, "\(file.lastPathComponent) changed in the round trip")
                #expect(second.version == .v1_2)
            } catch {
                Issue.record("\(file.lastPathComponent) export refused: \(error)")
            }
        }
    }

    @Test("an exported alert passes xmllint against the OASIS CAP 1.2 schema")
    func exportValidatesWithXmllint() throws {
        let file = SharedCorpus.interop.appendingPathComponent("cap/valid/oasiscap--v1dot2_appendix_adot3.xml")
        let alert = try CAPReader.read(Data(contentsOf: file)).alert
        let result = try ExternalTool.xmllint(CAPWriter.xml(alert),
                                          schema: SharedCorpus.interop.appendingPathComponent("cap/schema/CAP-v1.2.xsd"))
        #expect(result.status == 0, "xmllint: \(result.output)")
    }

    @Test("bad input: empty, not XML, too large, wrong root")
    func badInput() {
        #expect(throws: CAPRefusal("not accepted as XML: the document is empty")) { try CAPReader.read(Data()) }
        #expect { try CAPReader.read(Data("{\"alert\": 1}".utf8)) } throws: { error in
            (error as? CAPRefusal)?.description.hasPrefix("not accepted as XML") == true
        }
        #expect { try CAPReader.read(Data(count: CAPReader.maximumBytes + 1)) } throws: { error in
            (error as? CAPRefusal)?.description.contains("at most") == true
        }
        #expect { try CAPReader.read(Data("<feed xmlns=\"http://www.w3.org/2005/Atom\"/>".utf8)) } throws: { error in
            (error as? CAPRefusal)?.description.contains("not a CAP <alert>") == true
        }
    }
}
