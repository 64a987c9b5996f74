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
                if region == vr13 { try await seedPlans(now: now, at: at, on: db) }
            }
        }
    }

    /// The dependency model of the examples of seed 004 (decision 0032): the Rotterdam port (VR17, its chemical
    /// train in VR18), the internet exchange and the Amstel polders (VR13). A regional node keeps its own
    /// region's part; the national node none.
    static func seedDependencies(_ app: Application) async throws {
        let context = app.knooppunt
        let keep: (DependencyNode) -> Bool = switch context.configuration.role {
        case .standalone: { _ in true }
        case .region(let own): { $0.region == own }
        case .national: { _ in false }
        }
        let nodes = DependencyExamples.nodes.filter { $0.kind != .process && keep($0) }
        guard !nodes.isEmpty else { return }
        let areas = try await MunicipalityAreas.all(on: app.db)
        let placed = nodes.map { node -> DependencyNode in
            var node = node
            if let location = node.location { node.municipality = AffectedArea.compute([.point(location)], in: areas).municipalities.first }
            return node
        }
        let keys = Set(placed.map(\.key)).union(VitalProcesses.keys)
        let edges = DependencyExamples.edges.filter { keys.contains($0.node) && keys.contains($0.dependsOn) }
        let at = Microseconds.from(context.clock.now())
        let scenarios: [(PhaseScope, DependencyScenario)] = [
            (.region(RegionCode(number: 17)), DependencyScenario(
                title: "Digitale ontwrichting Rotterdamse haven",
                assumptions: "Een aanval legt het havenbedrijfssysteem op de Maasvlakte een dag stil; terminals kunnen niet uitwijken naar handwerk. Naar het voorbeeld in de bronnotitie (004:L163-171).",
                failing: ["vr17-havensysteem"])),
            (.region(vr13), DependencyScenario(
                title: "Stroomuitval Amstelpolders bij zware neerslag",
                assumptions: "Onderstation Diemen valt uit tijdens een periode van zware neerslag; gemalen hebben noodstroom voor ongeveer een uur.",
                failing: ["vr13-onderstation-diemen"])),
        ].filter { keys.contains($0.1.failing[0]) }
        try await context.write(on: app.db) { db in
            let demo = RiskProfiles.Recorder(username: "demo", name: "Demogegevens", organisation: "system")
            _ = try await DependencyStore.take(nodes: placed, edges: edges, by: demo, at: at, context: context, on: db)
            for (scope, scenario) in scenarios {
                _ = try await Scenarios.insert(scenario, id: NewID.next(), version: 1, scope: scope, by: demo, at: at, on: db)
            }
        }
    }

    /// The demo's current risk pictures of VR13 (decision 0029): the high water on the Amstel that became the
    /// demo incident — its partners and expected effects carried into it — and a storm forecast still open,
    /// for a newcomer to fill and escalate. The region's phase is left to the region.
    static func seedPictures(_ app: Application, incident: UUID, reference: String, area: String) async throws {
        let context = app.knooppunt
        let now = context.clock.now()
        @Sendable func at(_ hours: Double) -> Int64 { Microseconds.from(now.addingTimeInterval(hours * 3600)) }
        let rws = RiskProfiles.Recorder(username: "rws", name: "Daan de Boer", organisation: "RWS")
        let agv = RiskProfiles.Recorder(username: "agv", name: "Sophie Bos", organisation: "WS-AGV")
        let tennet = RiskProfiles.Recorder(username: "tennet", name: "Lucas Peters", organisation: "TENNET")
        let profile = try await RiskProfiles(db: app.db, context: context).current(region: vr13)
        let riskIDs = Dictionary(profile.map { ($0.1.title, $0.0.riskID) }, uniquingKeysWith: { first, _ in first })
        @Sendable func risk(_ title: String) -> [UUID] { riskIDs[title].map { [$0] } ?? [] }
        try await context.write(on: app.db) { db in
            // The high water: opened the evening before by the risk advisor, filled by RWS and the waterschap.
            let flood = try await RiskPictures.insert(
                .init(title: "Hoogwater Amstel bij Ouderkerk", kind: .hoogwater,
                      description: "Na dagen regen voert de Amstel veel water af; de kades bij Ouderkerk aan de Amstel staan onder druk.",
                      expectedFrom: now.addingTimeInterval(-8 * 3600), expectedUntil: now.addingTimeInterval(40 * 3600)),
                region: vr13, area: area, partners: ["RWS": .kern, "WS-AGV": .structureel, "WATERNET": .koppel], risks: risk("Overstroming regionale wateren"),
                by: advisor, at: at(-8), on: db)
            let floodID = try flood.requireID()
            _ = try await RiskPictures.insertEffect(
                .init(theme: nil, text: "Afvoer Amstel stijgt verder; scheepvaart beperkt vanaf morgenochtend", expectedAt: nil),
                theme: .partner("RWS"), terms: .linked, on: floodID, by: rws, at: at(-7), on: db)
            let kade = try await RiskPictures.insertEffect(
                .init(theme: nil, text: "Kade Amsteldijk Noord kan bij 0,5 m boven streefpeil overlopen", expectedAt: nil),
                theme: .partner("WS-AGV"), terms: .awaitingAdmission(viaLiaison: false), on: floodID, by: agv, at: at(-6.5), on: db)
            kade.status = "admitted"
            kade.admittedByName = "Sanne de Vries"
            kade.admittedAt = at(-6)
            try await kade.update(on: db)
            let rule = MonitoringRuleModel()
            rule.id = NewID.next()
            rule.pictureID = floodID
            rule.body = try CanonicalJSON.encode(MonitoringRule(source: .measurement, partner: "WS-AGV", quantity: "waterstand Amstel", threshold: 0.4))
            rule.createdAt = at(-7.5)
            rule.createdByName = advisor.name
            try await rule.create(on: db)
            let signal = try await RiskMonitoring.raise(
                flood, rule: try rule.requireID(), source: .measurement,
                summary: "waterstand Amstel 0.42 m NAP gemeten door WS-AGV (waterstand Amstel van WS-AGV boven 0.4)", at: at(-1.5), on: db)
            signal.acknowledgedAt = at(-1.4)
            signal.acknowledgedByName = "Sanne de Vries"
            try await signal.update(on: db)
            _ = try await RiskPictures.carry(flood, into: incident, reference: reference, by: .init(username: "im-vr13", organisation: "VR13"),
                                            at: at(-1), on: db)
            // The coordination plan for high water goes with the picture and the incident.
            for plan in try await PlanModel.query(on: db).filter(\.$region == vr13.rawValue).all() where try plan.plan().kind == .afstemmingsplan {
                try await Plans.attach(try plan.requireID(), incident: nil, picture: floodID, by: advisor, at: at(-7.8), on: db)
                try await Plans.attach(try plan.requireID(), incident: incident, picture: nil, by: advisor, at: at(-0.9), on: db)
            }

            // The storm: forecast for tomorrow, still open; TenneT's effect counts at once, the waterschap's waits.
            let storm = try await RiskPictures.insert(
                .init(title: "Zware storm verwacht", kind: .storm,
                      description: "Het KNMI verwacht morgen zware windstoten (100–120 km/u) uit het zuidwesten.",
                      expectedFrom: now.addingTimeInterval(18 * 3600), expectedUntil: now.addingTimeInterval(42 * 3600)),
                region: vr13, area: nil, partners: ["TENNET": .kern, "WS-AGV": .structureel, "RODEKRUIS": .standby], risks: risk("Zeer zware storm"),
                by: advisor, at: at(-0.5), on: db)
            let stormID = try storm.requireID()
            _ = try await RiskPictures.insertEffect(
                .init(theme: nil, text: "Kans op uitval van hoogspanningsverbindingen bij windstoten boven 100 km/u", expectedAt: nil),
                theme: .partner("TENNET"), terms: .linked, on: stormID, by: tennet, at: at(-0.4), on: db)
            _ = try await RiskPictures.insertEffect(
                .init(theme: nil, text: "Bomen op de dijken kunnen omwaaien en de kruin beschadigen", expectedAt: nil),
                theme: .partner("WS-AGV"), terms: .awaitingAdmission(viaLiaison: false), on: stormID, by: agv, at: at(-0.3), on: db)
            let capRule = MonitoringRuleModel()
            capRule.id = NewID.next()
            capRule.pictureID = stormID
            capRule.body = try CanonicalJSON.encode(MonitoringRule(source: .cap, minimumSeverity: .severe))
            capRule.createdAt = at(-0.45)
            capRule.createdByName = advisor.name
            try await capRule.create(on: db)
        }
    }

    /// VR13's plans register: the crisis plan whose review comes within 60 days, the GHOR's zorgrisicoprofiel
    /// past its review, and the coordination plan for high water on the Amstel with the waterschap and Waternet.
    static func seedPlans(now: Date, at: Int64, on db: Database) async throws {
        let calendar = Calendar(identifier: .gregorian)
        func day(_ offset: Int) -> String {
            DateTimeText.dayString(calendar.date(byAdding: .day, value: offset, to: now) ?? now)
        }
        let flood = try await RegionalRiskModel.query(on: db).filter(\.$region == vr13.rawValue).filter(\.$title == "Overstroming regionale wateren").first()
        let bestuur = "Algemeen bestuur Veiligheidsregio Amsterdam-Amstelland"
        for plan in [
            RegionalPlan(region: vr13, title: "Regionaal crisisplan 2025–2028", kind: .regionaalCrisisplan, owner: "Directeur Veiligheidsregio",
                         adoptedBy: bestuur, adoptedOn: "2025-06-26", reviewOn: day(40)),
            RegionalPlan(region: vr13, title: "Zorgrisicoprofiel GHOR Amsterdam-Amstelland", kind: .zorgrisicoprofiel, owner: "DPG",
                         adoptedBy: "DPG na afstemming in het ROAZ", adoptedOn: "2024-10-01", reviewOn: day(-20)),
            RegionalPlan(region: vr13, title: "Coördinatieplan hoogwater Amstel", kind: .afstemmingsplan, owner: "Risicoadviseur VR13",
                         adoptedBy: bestuur, adoptedOn: "2025-11-20", reviewOn: day(400), risks: flood.map { [$0.riskID] } ?? [],
                         partners: ["WATERNET", "WS-AGV"], location: "Planvorming VR13, map Water"),
        ] {
            _ = try await Plans.insert(plan, by: advisor, at: at, on: db)
        }
    }
}
