import Foundation
import Testing

@testable import KnooppuntCore

/// The regional risk profile (issue 18 point 1, decision 0028): the rules of one risk, CSV in and out, and
/// the national view of the 25 profiles side by side.
@Suite("Regional risk profile")
struct RegionalRiskTests {
    static let vr13 = RegionCode(number: 13)
    static let vr12 = RegionCode(number: 12)

    static func risk(_ title: String = "Overstroming regionale wateren", region: RegionCode = vr13) -> RegionalRisk {
        RegionalRisk(
            region: region, title: title, scenario: "Dijkdoorbraak langs de Amstel na langdurige regen",
            likelihood: .c, impacts: [.physical: .d, .economic: .c], capacities: ["Grootschalige evacuatie", "Pompcapaciteit"],
            owner: "Risicoadviseur VR13", reviewOn: "2027-06-01",
            adoption: RiskAdoption(adoptedBy: "Algemeen bestuur VR Amsterdam-Amstelland", adoptedOn: "2026-11-12"))
    }

    @Test("a risk names every field that is wrong: title, scenario, owner, impacts, capacities, review and adoption days")
    func rules() {
        #expect(Self.risk().problems.isEmpty)
        #expect(Self.risk().impact == .d, "the most severe impact over the vital interests")
        var risk = Self.risk()
        risk.title = "x"
        risk.impacts = [:]
        risk.reviewOn = "2027-02-30"
        risk.capacities = ["ok capaciteit", "x"]
        risk.adoption = RiskAdoption(adoptedBy: "AB", adoptedOn: "12-11-2026")
        #expect(Set(risk.problems.map(\.field)) == ["title", "impacts", "reviewOn", "capacities[1]", "adoptedBy", "adoptedOn"])
        // A day is read as strictly as a date-time: digits only, a day that exists, 1900–2199.
        #expect(DateTimeText.day("2027-06-01") != nil && DateTimeText.day("2024-02-29") != nil)
        for wrong in ["2027-+1-01", "2023-02-29", "1899-12-31", "2027-6-01", "2027-06-01T00:00"] {
            #expect(DateTimeText.day(wrong) == nil, "\(wrong)")
        }
    }

    @Test("CSV: what export writes, import reads back the same, defused formulas included")
    func roundTrip() throws {
        var formula = Self.risk("=Uitval drinkwater")
        formula.impacts = [.physical: .b]
        formula.adoption = nil
        formula.careProfile = true
        let text = RiskProfileCSV.export([Self.risk(), formula])
        #expect(text.contains("'=Uitval drinkwater"), "a spreadsheet does not run it")
        let back = try RiskProfileCSV.parse(text, region: Self.vr13).get()
        #expect(back == [Self.risk(), formula])
    }

    @Test("CSV import refuses the whole file and names every bad row with its line and field")
    func badRows() {
        let header = RiskProfileCSV.header.joined(separator: ",")
        let good = RiskProfileCSV.export([Self.risk()]).split(separator: "\r\n")[1]
        let rows = [
            header,
            String(good),
            String(good).replacingOccurrences(of: ",C,", with: ",Z,"),  // likelihood
            "Te kort,veld",  // field count
            String(good).replacingOccurrences(of: "2027-06-01", with: "morgen"),  // review day
            String(good),  // the same risk again
        ]
        guard case .failure(let refusal) = RiskProfileCSV.parse(rows.joined(separator: "\n"), region: Self.vr13) else {
            Issue.record("a file with bad rows was taken in")
            return
        }
        let named = refusal.problems.map { "\($0.line):\($0.field)" }
        #expect(named.contains("3:likelihood"))
        #expect(named.contains("4:(row)"))
        #expect(named.contains("5:reviewOn"))
        #expect(named.contains("6:title"))
        #expect(!named.contains { $0.hasPrefix("2:") }, "the good row has no problem")
        #expect(RiskProfileCSV.parse("a,b\n", region: Self.vr13).failureProblems.first?.field == "(header)")
        #expect(RiskProfileCSV.parse("", region: Self.vr13).failureProblems.first?.reason == "the file is empty")
    }

    @Test("the national view puts the risks the regions share first, with each region's judgement; the zorgrisicoprofiel stays out")
    func nationalView() {
        var care = Self.risk("Grieppandemie")
        care.careProfile = true
        var other = Self.risk("overstroming  REGIONALE wateren", region: Self.vr12)
        other.likelihood = .b
        let rows = NationalRiskView.rows([Self.risk("Uitval elektriciteit"), Self.risk(), other, care])
        #expect(rows.map(\.title) == ["Overstroming regionale wateren", "Uitval elektriciteit"])
        #expect(rows[0].shared && !rows[1].shared)
        #expect(rows[0].regions[Self.vr12]?.likelihood == .b && rows[0].regions[Self.vr13]?.impact == .d)
    }
}

extension Result where Failure == RiskProfileCSV.Refusal {
    var failureProblems: [RiskProfileCSV.RowProblem] {
        if case .failure(let refusal) = self { return refusal.problems }
        return []
    }
}
