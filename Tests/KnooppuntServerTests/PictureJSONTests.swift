import Foundation
import KnooppuntCore
import KnooppuntInterop
import Testing
import Vapor
import VaporTesting

@testable import KnooppuntServer

@Suite("The picture's JSON")
struct PictureJSONTests {
    /// Texts the encoder escapes, or must not: quotes, backslashes, every control character, DEL, slashes,
    /// non-ASCII letters, an emoji, the line and paragraph separators, a byte order mark.
    static let awkward: [String] = [
        "", #"Zij zei: "brand!" \ en toen"#, String((0..<0x20).map { Character(Unicode.Scalar(UInt8($0))) }),
        "\u{7F}/a/b/\u{80}\u{A0}", "Café Noordzee – €5 😀 \u{2028}\u{2029}\u{FEFF}", "regel 1\r\nregel 2\ttab",
        String(repeating: "lange tekst ", count: 400),
    ]

    /// Locations as entries keep them: geometries with awkward numbers, and JSON the encoder writes differently.
    static let locations = [
        #"{"type":"Point","coordinates":[4.9000000000000004,52.37,1e-7]}"#, #"{"coordinates":[-0.0,0,1E21,-180.5],"type":"Point"}"#,
        #"{"type":"Polygon","coordinates":[[[4.1,52.1],[4.2,52.1],[4.2,52.2],[4.1,52.1]]],"z\"\u0001/":null,"b":[true,false,"é\n"]}"#,
        #"{"type":"Point","coordinates":[5,52],"Zé":1,"Z":2,"e\u0301":3}"#, #"{"type":"Point","coordinates":[5,52],"é":1}"#,
    ]

    static func row(_ index: Int, text: String, at: Int64, full: Bool) -> EntryVersionRow {
        EntryVersionRow(
            entryID: UUID(), version: 1 + index % 9, validFrom: at, author: "im-vr13", authorOrganisation: text.isEmpty ? "VR13" : text,
            theme: ["algemeen", "brandweer", "partner:RWS", "meldkamer"][index % 4], text: text, source: "OvD \(text)",
            observedAt: at - Int64(index) * 1_234_567, priority: ["laag", "normaal", "hoog", "spoed"][index % 4],
            location: full ? locations[index % locations.count] : nil,
            verification: ["unverified", "verified", "contradicted", "withdrawn"][index % 4], verifiedBy: full ? text : nil,
            verifiedAt: full ? at + 999_999 : nil, admittedBy: full ? "hin-vr13" : nil, admittedAt: full ? at + 1 : nil,
            classification: ["public", "internal", "confidential"][index % 3], awaitingAdmission: index % 2 == 0,
            onBehalfOf: full ? "RWS" : nil)
    }

    @Test("entries with every field, awkward texts and dates from 1850 to 2300 are written byte for byte as the encoder writes them")
    func sameBytes() async throws {
        try await withTestApp(clock: ManualClock(Picture.start)) { app in
            // setup: a real picture, its entries replaced by awkward ones
            let im = try await HTTP.login(app, "im-vr13")
            let incident = try await Picture.createIncident(app, token: im)
            var picture = try await Picture.picture(app, incident.id, token: im)
            let moments: [Int64] = [
                Microseconds.from(Picture.start), Microseconds.from(Picture.start) + 999_999, 0, -1, -500_000, 951_782_400_000_000,
                -3_786_825_600_000_000, 10_413_792_000_123_456, 1_800_000_059_999_999,
            ]
            var entries: [EntryView] = []
            for (index, text) in Self.awkward.enumerated() {
                for (offset, at) in moments.enumerated() {
                    let full = (index + offset) % 2 == 0
                    let now = Microseconds.date(at + Int64(offset) * 1_800_000_000)
                    entries.append(try EntryView(Self.row(index + offset, text: text, at: at, full: full), now: now))
                }
            }
            picture.entries = entries
            picture.at = Microseconds.date(1_800_000_000_500_000)

            // MUT
            var headers = HTTPHeaders()
            let encoder = try ContentConfiguration.global.requireEncoder(for: .json)
            let written = try PictureJSON.encode(picture, headers: &headers)

            // validate
            var expected = ByteBuffer()
            var expectedHeaders = HTTPHeaders()
            try encoder.encode(picture, to: &expected, headers: &expectedHeaders)
            #expect(String(buffer: written) == String(buffer: expected))
            // With the entries' JSON remembered: written, then from memory.
            let memory = EntryJSONMemory()
            for _ in 0..<2 { #expect(String(buffer: try PictureJSON.encode(picture, memory: memory, headers: &headers)) == String(buffer: expected)) }
            #expect(headers.contentType == expectedHeaders.contentType)
            // Every field is written: one added to the view must be added to PictureJSON too.
            #expect(Mirror(reflecting: entries[0]).children.count == 21, "EntryView's fields changed: write them in PictureJSON.write")
            #expect(Mirror(reflecting: picture).children.count == 11, "PictureView's fields changed: split them in PictureJSON")
        }
    }

    @Test("dates are written as the encoder's ISO 8601 strategy writes them, to the second, across four centuries")
    func dates() throws {
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .iso8601
        var random = SystemRandomNumberGenerator()
        var dates = (0..<5_000).map { _ in Date(timeIntervalSince1970: Double.random(in: -2_300_000_000...11_000_000_000, using: &random)) }
        dates += [0, -1, 1, 86_399.999_999, 86_400, 951_782_400, 4_107_542_400].flatMap { [$0, $0.nextDown, $0.nextUp] }
            .map(Date.init(timeIntervalSince1970:))
        for date in dates {
            var bytes: [UInt8] = []
            let expected = String(decoding: try encoder.encode([date]), as: UTF8.self).dropFirst().dropLast()
            if PictureJSON.writeDate(date, into: &bytes) {
                #expect(String(decoding: bytes, as: UTF8.self) == expected, "\(date.timeIntervalSince1970)")
            } else {
                // Left to the encoder: only outside the years 1900 to 9999.
                #expect(date < Date(timeIntervalSince1970: -2_208_988_800) || date >= Date(timeIntervalSince1970: 253_402_300_800))
            }
        }
    }

    @Test("every Unicode scalar, alone and among text, is written as the encoder writes it")
    func strings() throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let scalars = (0...0x10FFFF).compactMap(Unicode.Scalar.init).filter { $0.value < 0x800 || $0.value % 97 == 0 }
        let texts = scalars.map { "a\(Character($0))b" } + stride(from: 0, to: scalars.count, by: 64).map {
            String(String.UnicodeScalarView(scalars[$0..<min($0 + 64, scalars.count)]))
        }
        for text in texts {
            var bytes: [UInt8] = []
            PictureJSON.writeString(text, into: &bytes)
            #expect(String(decoding: bytes, as: UTF8.self) == String(decoding: try encoder.encode([text]), as: UTF8.self).dropFirst().dropLast())
        }
    }

    @Test("UUIDs are read and written as Foundation reads and writes them")
    func uuids() {
        for id in (0..<2_000).map({ _ in UUID() }) + [UUID(uuid: (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0))] {
            var bytes: [UInt8] = []
            UUIDText.write(id, into: &bytes)
            #expect(String(decoding: bytes, as: UTF8.self) == id.uuidString)
            #expect(UUIDText.parse(id.uuidString) == id)
            #expect(UUIDText.parse(id.uuidString.lowercased()) == id)
        }
        for text in ["", "not a uuid", "E621E1F8-C36C-495A-93FC-0C247A3E6E5", "E621E1F8-C36C-495A-93FC-0C247A3E6E5FF",
                     "E621E1F8xC36C-495A-93FC-0C247A3E6E5F", "G621E1F8-C36C-495A-93FC-0C247A3E6E5F", "{E621E1F8-C36C-495A-93FC-0C247A3E6E5F}"] {
            #expect(UUIDText.parse(text) == UUID(uuidString: text), "\(text)")
        }
    }

    @Test("locations are read and written as the decoder and the encoder do: awkward numbers, keys and texts, canonically equal texts apart")
    func locations() async throws {
        // The API's encoder, as configure sets it: what an object with a key outside ASCII is left to.
        try await withTestApp(demo: false) { _ in
            let encoder = try ContentConfiguration.global.requireEncoder(for: .json)
            func encoded(_ value: KnooppuntInterop.JSONValue) throws -> String {
                var body = ByteBuffer()
                var headers = HTTPHeaders()
                try encoder.encode([value], to: &body, headers: &headers)
                return String(String(buffer: body).dropFirst().dropLast())
            }
            var random = SystemRandomNumberGenerator()
            let numbers: [Double] = [0, -0.0, 1, -1, 0.1, 1e-7, 1e21, 1e300, -1e-300, 4.9, 52.300000000000004, .pi, 123456789012345680]
                + (0..<2_000).map { _ in Double(bitPattern: UInt64.random(in: 0...UInt64.max, using: &random)) }.filter(\.isFinite)
                + (0..<2_000).map { _ in Double.random(in: -180...180, using: &random) }
            let texts = Self.locations + numbers.map { #"{"type":"Point","coordinates":[\#($0),\#(-$0)]}"# }
            for text in texts + texts {
                // Read twice: the second time from memory.
                let value = try LocationJSON.value(text)
                #expect(value == (try JSONDecoder().decode(KnooppuntInterop.JSONValue.self, from: Data(text.utf8))))
                var bytes: [UInt8] = []
                try LocationJSON.write(value, into: &bytes)
                #expect(String(decoding: bytes, as: UTF8.self) == (try encoded(value)), "\(text)")
            }
            // "é" as one scalar and as e with an accent are equal Strings, but not equal JSON.
            var precomposed: [UInt8] = [], decomposed: [UInt8] = []
            try LocationJSON.write(try LocationJSON.value(#"{"name":"\#u{E9}"}"#), into: &precomposed)
            try LocationJSON.write(try LocationJSON.value(#"{"name":"e\#u{301}"}"#), into: &decomposed)
            #expect(precomposed != decomposed)
        }
    }
}
