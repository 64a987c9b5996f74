import Fluent
import Foundation
import KnooppuntCore
import Vapor

/// The demo's regional risk profiles (decision 0028): VR13's, kept by its risk advisor, and a few risks of
/// neighbouring regions so the national view shows shared risks. The scenarios and classes are the demo's
/// own, not a region's adopted profile.
enum DemoRisks {
    static let advisor = RiskProfiles.Recorder(username: "risicoadviseur-vr13", name: "Femke de Wit", organisation: "VR13")

    static func profile(_ region: RegionCode, reviewYear: Int) -> [RegionalRisk] {
        let name = [vr13: "Amsterdam-Amstelland", vr12: "Kennemerland", vr14: "Gooi en Vechtstreek"][region] ?? region.rawValue
        let adopted = RiskAdoption(adoptedBy: "Algemeen bestuur Veiligheidsregio \(name)", adoptedOn: "2025-06-26")
        let review = "\(reviewYear)-06-30"
        switch region {
        case vr13:
            return [
                RegionalRisk(
                    region: region, title: "Overstroming regionale wateren",
                    scenario: "Langdurige hevige regen en een hoge stand van de Amstel; een kade bij Ouderkerk aan de Amstel bezwijkt en de polder loopt onder.",
                    likelihood: .c, impacts: [.territorial: .c, .physical: .d, .economic: .c, .socialPolitical: .b],
                    capacities: ["Grootschalige evacuatie", "Pompcapaciteit polder", "Opvang 2.000 bewoners"], owner: "Risicoadviseur VR13",
                    reviewOn: review, adoption: adopted),
                RegionalRisk(
                    region: region, title: "Zeer zware storm",
                    scenario: "Een zeer zware storm (windkracht 10–11) trekt over de regio: omgevallen bomen, schade aan gebouwen, uitval van tram en trein.",
                    likelihood: .d, impacts: [.physical: .c, .economic: .c, .socialPolitical: .b],
                    capacities: ["Boomdiensten", "Afzetten openbare ruimte"], owner: "Risicoadviseur VR13", reviewOn: review, adoption: adopted),
                RegionalRisk(
                    region: region, title: "Langdurige uitval elektriciteit",
                    scenario: "Stroomuitval van meer dan 24 uur in een groot deel van de stad; drinkwater, telecom en liften vallen uit.",
                    likelihood: .b, impacts: [.economic: .d, .physical: .c, .socialPolitical: .c],
                    capacities: ["Noodstroomaggregaten", "Informatiepunten voor bewoners"], owner: "Risicoadviseur VR13", reviewOn: review,
                    adoption: adopted),
                RegionalRisk(
                    region: region, title: "Verstoring drinkwatervoorziening",
                    scenario: "Verontreiniging van een drinkwaterbron; kookadvies en noodwater voor ten minste 100.000 inwoners.",
                    likelihood: .b, impacts: [.physical: .c, .socialPolitical: .c], capacities: ["Noodwater"], owner: "Risicoadviseur VR13",
                    reviewOn: "\(reviewYear - 2)-11-30"),
                RegionalRisk(
                    region: region, title: "Hittegolf",
                    scenario: "Een hittegolf van ten minste vijf dagen; meer zieken en sterfte onder kwetsbare ouderen.",
                    likelihood: .e, impacts: [.physical: .c], capacities: ["Extra zorgcapaciteit thuiszorg"], owner: "GHOR Amsterdam-Amstelland",
                    reviewOn: review, careProfile: true),
            ]
        case vr12:
            return [
                RegionalRisk(region: region, title: "Zeer zware storm", scenario: "Storm over de kuststrook en de duinen: schade en uitval van verkeer.",
                             likelihood: .d, impacts: [.physical: .c, .economic: .b], owner: "Risicoadviseur VR12", reviewOn: review, adoption: adopted),
                RegionalRisk(region: region, title: "Overstroming regionale wateren", scenario: "Doorbraak van een boezemkade langs het Noordzeekanaal.",
                             likelihood: .b, impacts: [.territorial: .c, .physical: .c], owner: "Risicoadviseur VR12", reviewOn: review, adoption: adopted),
            ]
        default:
            return [
                RegionalRisk(region: region, title: "Langdurige uitval elektriciteit", scenario: "Uitval van een hoogspanningsstation; een deel van de regio zonder stroom.",
                             likelihood: .b, impacts: [.economic: .c, .physical: .b], owner: "Risicoadviseur \(region.rawValue)", reviewOn: review),
                RegionalRisk(region: region, title: "Incident met gevaarlijke stoffen", scenario: "Lekkage van een tankwagen met chloor op een snelweg.",
                             likelihood: .c, impacts: [.physical: .d, .ecological: .b], owner: "Risicoadviseur \(region.rawValue)", reviewOn: review),
            ]
        }
    }

    static let vr13 = RegionCode(number: 13)
    static let vr12 = RegionCode(number: 12)
    static let vr14 = RegionCode(number: 14)

    /// Seeds the profiles of the regions this node keeps: every demo region on a standalone node, its own on
    /// a regional node, none on the national node (it receives them).
    static func seed(_ app: Application) async throws {
        let context = app.knooppunt
        let regions: [RegionCode] = switch context.configuration.role {
        case .standalone: [vr13, vr12, vr14]
        case .region(let own): [vr13, vr12, vr14].filter { $0 == own }
        case .national: []
        }
        let now = context.clock.now()
        let year = Calendar(identifier: .gregorian).component(.year, from: now) + 1
        let at = Microseconds.from(now)
        try await context.write(on: app.db) { db in
            for region in regions {
                let recorder = region == vr13 ? advisor
                    : RiskProfiles.Recorder(username: "demo", name: "Demogegevens", organisation: region.rawValue)
                _ = try await RiskProfiles.take(profile(region, reviewYear: year), region: region, by: recorder, at: at, context: context, on: db)
            }
        }
    }
}
