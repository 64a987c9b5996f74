import Foundation
import KnooppuntCore
import Testing

@testable import KnooppuntInterop

/// Reading meldkamer pager lines from their text alone, measured on the shared Amsterdam set
/// (../shared/data/p2000) and on the project's own raw lines with abbreviated places.
@Suite("Meldkamer messages read from their text")
struct MeldkamerReadingTests {
    static let areas: [MunicipalityArea] = AffectedAreaTests.municipalities

    static let gazetteer: Gazetteer = {
        let url = SharedCorpus.interop.deletingLastPathComponent().appendingPathComponent("data/veiligheidsregios.csv")
        let rows = ((try? String(contentsOf: url, encoding: .utf8)) ?? "").split(whereSeparator: \.isNewline).dropFirst()
        var names: [(String, RegionCode)] = []
        for row in rows {
            let fields = row.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            guard fields.count >= 3, let code = RegionCode(fields[0]) else { continue }
            names.append((fields[1], code))
            names.append((fields[2], code))
        }
        return Gazetteer(areas: areas, regionNames: names)
    }()

    static func read(_ text: String, at point: Position? = nil) -> MeldkamerReading {
        MeldkamerReader.read(text, coordinates: point, gazetteer: gazetteer) { point in
            Gazetteer.municipality(at: point, in: areas).flatMap { gazetteer.municipality(code: $0.code) }
        }
    }

    struct SetMessage: Decodable {
        let message: String
        let timestamp: String?
        let gemeente: String?
        let vr_code: String?
        let street: String?
    }

    static let amsterdamSet: [SetMessage] = {
        let url = SharedCorpus.interop.deletingLastPathComponent()
            .appendingPathComponent("data/p2000/p2000_brandweer_nye2019_amsterdam.jsonl")
        let text = (try? String(contentsOf: url, encoding: .utf8)) ?? ""
        return text.split(separator: "\n").compactMap { try? JSONDecoder().decode(SetMessage.self, from: Data($0.utf8)) }
    }()

    @Test("every municipality the place table names is a CBS municipality")
    func placeTableResolves() {
        #expect(Self.gazetteer.municipalities.count == 342)
        #expect(Self.gazetteer.unresolvedNames.isEmpty, "not CBS names: \(Self.gazetteer.unresolvedNames)")
    }

    @Test("the Amsterdam set, coordinates withheld: municipality ≥ 95 %, region ≥ 99 %")
    func amsterdamSetFromTextAlone() {
        let set = Self.amsterdamSet
        #expect(set.count == 297)
        var municipalityHits = 0, regionHits = 0
        var misses: [String] = []
        for message in set {
            let reading = Self.read(message.message)
            if Gazetteer.normalise(reading.municipality?.name ?? "") == Gazetteer.normalise(message.gemeente ?? "-") {
                municipalityHits += 1
            } else {
                misses.append(message.message)
            }
            if reading.region?.rawValue == message.vr_code { regionHits += 1 }
        }
        let municipalityShare = Double(municipalityHits) / Double(set.count)
        let regionShare = Double(regionHits) / Double(set.count)
        #expect(municipalityShare >= 0.95, "municipality \(municipalityShare); missed: \(misses)")
        #expect(regionShare >= 0.99, "region \(regionShare)")
    }

    @Test("the project's raw lines with abbreviated places: municipality ≥ 95 %, region ≥ 99 %")
    func ownRawLines() throws {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("Data/meldkamer/raw-lines.tsv")
        let rows = try String(contentsOf: url, encoding: .utf8).split(separator: "\n").filter { !$0.hasPrefix("#") }
        #expect(rows.count >= 40)
        var municipalityHits = 0, regionHits = 0
        var misses: [String] = []
        for row in rows {
            let fields = row.split(separator: "\t").map(String.init)
            try #require(fields.count == 3)
            let reading = Self.read(fields[0])
            if reading.municipality?.name == fields[1] { municipalityHits += 1 } else {
                misses.append("\(fields[0]) → \(reading.municipality?.name ?? "–") \(reading.reasons)")
            }
            if reading.region?.rawValue == fields[2] { regionHits += 1 }
        }
        #expect(Double(municipalityHits) / Double(rows.count) >= 0.95, "missed: \(misses)")
        #expect(Double(regionHits) / Double(rows.count) >= 0.99, "missed: \(misses)")
    }

    @Test("a fire line: priority, unit, type written out, street, place, units")
    func fireLine() {
        let reading = Self.read("P 1 BAD-02 BR wegvervoer (Auto) , Nico Snijdersstraat Amsterdam 13AST")
        #expect(reading.priority == 1)
        #expect(reading.discipline == .brandweer)
        #expect(reading.unit == "BAD-02")
        #expect(reading.messageType == "BR wegvervoer (Auto)")
        #expect(reading.messageTypeExpanded == "Brand wegvervoer (Auto)")
        #expect(reading.street == "Nico Snijdersstraat")
        #expect(reading.place == "Amsterdam")
        #expect(reading.capcodes == ["13AST"])
        #expect(reading.municipality?.code == "GM0363")
        #expect(reading.region?.rawValue == "VR13")
        #expect(reading.confidence >= 0.9)
        #expect(reading.point != nil && reading.pointIsExact == false)
    }

    @Test("an abbreviated place is written out and says so")
    func abbreviatedPlace() {
        let reading = Self.read("P 2 BDH-02 Buitenbrand Lijsterbesstraat SGRAVH 159635")
        #expect(reading.place == "SGRAVH")
        #expect(reading.placeExpanded == "'s-Gravenhage")
        #expect(reading.street == "Lijsterbesstraat")
        #expect(reading.messageType == "Buitenbrand")
        #expect(reading.municipality?.name == "'s-Gravenhage")
        #expect(reading.reasons.first?.contains("afkorting SGRAVH") == true)
        // A place abbreviation not in the table is matched by its letters, with less confidence.
        let fuzzy = Self.read("P 2 BDH-02 BR container Dorpsstraat ZOETMR 156130")
        #expect(fuzzy.municipality?.name == "Zoetermeer")
        #expect(fuzzy.confidence < reading.confidence)
    }

    @Test("an ambulance line: A-priority, postcode, reference number not taken for a unit")
    func ambulanceLine() {
        let reading = Self.read("A1 ambu 17123 Stationsplein 3013AJ Rotterdam ROTTDM bon 12345")
        #expect(reading.priority == 1)
        #expect(reading.discipline == .ambulance)
        #expect(reading.postcode == "3013AJ")
        #expect(reading.municipality?.name == "Rotterdam")
        #expect(!reading.capcodes.contains("12345"))
    }

    @Test("an ambiguous place is settled by the region of the units alarmed")
    func ambiguousPlace() {
        #expect(Self.read("P 1 BKM-04 BR woning , Dorpsstraat Bergen 101930").municipality?.name == "Bergen (NH.)")
        #expect(Self.read("P 1 BLN-02 BR woning , Dorpsstraat Bergen 232530").municipality?.name == "Bergen (L.)")
    }

    @Test("no place in the text: coordinates, else the units' region, else nothing — never a guess")
    func fallbacks() {
        let dam = Position(lon: 4.8917, lat: 52.3731)
        let withPoint = Self.read("P 2 Nacontrole", at: dam)
        #expect(withPoint.municipality?.name == "Amsterdam")
        #expect(withPoint.pointIsExact)
        let unitsOnly = Self.read("P 2 Nacontrole 159635")
        #expect(unitsOnly.municipality == nil)
        #expect(unitsOnly.region?.rawValue == "VR15")
        #expect(unitsOnly.confidence < 0.5)
        let nothing = Self.read("Graag eerst even bellen")
        #expect(nothing.region == nil)
        #expect(nothing.reasons.contains("plaats niet herkend"))
    }

    @Test("a test alarm and a priority-5 announcement are marked as announcements")
    func announcements() {
        #expect(Self.read("PROEFALARM VEILIGHEIDSREGIO BRABANT-ZUIDOOST").isAnnouncement)
        #expect(Self.read("PROEFALARM VEILIGHEIDSREGIO BRABANT-ZUIDOOST").region?.rawValue == "VR22")
        #expect(Self.read("P 5 Wesley bedankt voor de fijne jaren bij kazerne Driemond").isAnnouncement)
        #expect(!Self.read("P 1 BR woning , Damrak Amsterdam 13ASD").isAnnouncement)
    }
}
