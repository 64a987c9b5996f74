import Fluent
import Foundation
import KnooppuntCore
import Vapor

/// Demo registry lines: fire engines, pumps and teams of a few regions, the national pool at KCR2, and
/// partners' materiel; and, with the demo incident, VR13's request for a sandbag filling machine that
/// Rijkswaterstaat has offered. A regional node holds only its own region's lines, the national node only
/// the national pool: capacity, like the picture, stays with its holder.
enum DemoCapacity {
    struct Line {
        let holder: String, type: String, label: String, count: Int, unavailable: Int, keep: Int, readiness: Int
        let longitude: Double, latitude: Double
    }

    static let lines: [Line] = [
        .init(holder: "VR13", type: "ts", label: "Kazerne Amstelveen", count: 6, unavailable: 1, keep: 2, readiness: 5, longitude: 4.863, latitude: 52.303),
        .init(holder: "VR13", type: "hv", label: "Kazerne Nico", count: 2, unavailable: 0, keep: 1, readiness: 5, longitude: 4.921, latitude: 52.372),
        .init(holder: "VR13", type: "pomp", label: "Kazerne Diemen", count: 2, unavailable: 0, keep: 1, readiness: 30, longitude: 4.962, latitude: 52.339),
        .init(holder: "VR13", type: "opvangteam", label: "Bevolkingszorg Amsterdam-Amstelland", count: 3, unavailable: 0, keep: 1, readiness: 60, longitude: 4.900, latitude: 52.373),
        .init(holder: "VR12", type: "pomp", label: "Kazerne Haarlem", count: 4, unavailable: 0, keep: 1, readiness: 20, longitude: 4.637, latitude: 52.381),
        .init(holder: "VR12", type: "ts", label: "Kazerne Haarlem", count: 8, unavailable: 1, keep: 3, readiness: 5, longitude: 4.637, latitude: 52.381),
        .init(holder: "VR12", type: "waterongevallen", label: "Post Zandvoort", count: 2, unavailable: 0, keep: 1, readiness: 10, longitude: 4.533, latitude: 52.372),
        .init(holder: "VR17", type: "ts", label: "Kazerne Waalhaven", count: 12, unavailable: 2, keep: 4, readiness: 5, longitude: 4.436, latitude: 51.888),
        .init(holder: "VR17", type: "hcp", label: "Kazerne Waalhaven", count: 2, unavailable: 0, keep: 0, readiness: 45, longitude: 4.436, latitude: 51.888),
        .init(holder: "VR09", type: "pomp", label: "Kazerne Utrecht-Centrum", count: 3, unavailable: 0, keep: 1, readiness: 20, longitude: 5.121, latitude: 52.090),
        .init(holder: "KCR2", type: "usar", label: "USAR.nl", count: 1, unavailable: 0, keep: 0, readiness: 360, longitude: 5.121, latitude: 52.090),
        .init(holder: "KCR2", type: "hcp", label: "Landelijke pompcapaciteit", count: 4, unavailable: 0, keep: 0, readiness: 120, longitude: 5.290, latitude: 52.160),
        .init(holder: "RWS", type: "zandzakvuller", label: "Steunpunt Nieuwegein", count: 3, unavailable: 0, keep: 0, readiness: 120, longitude: 5.084, latitude: 52.029),
        .init(holder: "RWS", type: "pomp", label: "Steunpunt Lelystad", count: 6, unavailable: 1, keep: 0, readiness: 90, longitude: 5.471, latitude: 52.518),
        .init(holder: "RODEKRUIS", type: "opvangteam", label: "Noodhulpteams Rode Kruis", count: 5, unavailable: 0, keep: 0, readiness: 120, longitude: 4.890, latitude: 52.370),
    ]

    static func holds(_ holder: String, role: KnooppuntConfiguration.NodeRole) -> Bool {
        switch role {
        case .standalone: true
        case .national: holder == "KCR2"
        case .region(let region): holder == region.rawValue
        }
    }

    static func seed(_ app: Application) async throws {
        let role = app.knooppunt.configuration.role
        let at = Microseconds.from(app.knooppunt.clock.now())
        try await app.knooppunt.write(on: app.db) { db in
            for line in lines where holds(line.holder, role: role) {
                _ = try await CapacityService.insert(
                    .init(holder: line.holder, type: line.type, label: line.label, count: line.count, unavailable: line.unavailable,
                          keepForOwn: line.keep, readinessMinutes: line.readiness, longitude: line.longitude, latitude: line.latitude,
                          baseVersion: nil),
                    holder: line.holder, by: "demo", at: at, on: db)
            }
            try await Journal.append(
                CapacityImported(added: lines.filter { holds($0.holder, role: role) }.count, changed: 0), on: db, actor: "demo",
                organisation: "system")
        }
    }

    /// With the demo incident: VR13 asks for a sandbag filling machine; Rijkswaterstaat offers one.
    static func seedRequest(_ app: Application, incident: UUID) async throws {
        let service = AssistanceService(db: app.db, context: app.knooppunt)
        let im = try await Subjects.active("im-vr13", on: app.db, at: app.knooppunt.clock.now())
        let request = try await service.create(
            .init(type: "zandzakvuller", typeNote: nil, quantity: 1, incident: incident, locationText: "Amsteldijk Noord, Ouderkerk aan de Amstel",
                  longitude: 4.9012, latitude: 52.2951, from: nil, until: nil,
                  reason: "Kade onder druk; zandzakken nodig voor versterking over 800 meter", submit: false),
            by: im)
        // The IM drafts it; the burgemeester of Ouder-Amstel, who holds authority over the local crisis, submits it.
        let burgemeester = try await Subjects.active("bgm-ouder-amstel", on: app.db, at: app.knooppunt.clock.now())
        _ = try await service.submit(request.id, by: burgemeester)
        guard let line = try await CapacityItemModel.query(on: app.db).filter(\.$holder == "RWS").filter(\.$typeCode == "zandzakvuller").first()
        else { return }
        let rws = try await Subjects.active("rws", on: app.db, at: app.knooppunt.clock.now())
        _ = try await service.offer(request.id, .init(capacityItem: try line.requireID(), quantity: 1, note: "Vertrek binnen 2 uur vanuit Nieuwegein"), by: rws)
    }
}
