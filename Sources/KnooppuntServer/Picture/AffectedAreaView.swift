import Fluent
import Foundation
import KnooppuntCore
import KnooppuntInterop
import Vapor

/// Who is inside the incident's area and its area plots, and whom to involve.
struct AffectedAreaView: Content {
    struct Municipality: Content {
        var code: String
        var name: String
        var region: RegionCode
    }

    struct Partner: Content {
        var organisation: String
        var name: String
        var profile: CollaborationProfile
        var regions: [RegionCode]
    }

    var municipalities: [Municipality]
    var regions: [RegionCode]
    /// Partners with an agreement in effect with an affected region.
    var partners: [Partner]
    /// More than one region: propose GRIP 5 / an IRBT.
    var proposesInterregionalScaling: Bool

    /// The area an incident's location and area plots cover, and its municipalities by name.
    static func municipalities(incidentLocation: String?, plots: [PlotVersionModel], on db: Database) async throws
        -> (area: AffectedArea, municipalities: [Municipality])
    {
        let shapes = Self.shapes(incidentLocation: incidentLocation, plots: plots)
        let municipalities = try await MunicipalityAreas.all(on: db)
        let area = AffectedArea.compute(shapes, in: municipalities)
        let byCode = Dictionary(uniqueKeysWithValues: municipalities.map { ($0.code, $0) })
        return (area, area.municipalities.compactMap { code in
            byCode[code].map { Municipality(code: code, name: $0.name, region: $0.region) }
        })
    }

    static func compute(incidentLocation: String?, plots: [PlotVersionModel], at now: Date, on db: Database) async throws -> AffectedAreaView {
        let (area, municipalities) = try await Self.municipalities(incidentLocation: incidentLocation, plots: plots, on: db)
        let names = try await PartnerStore.partnerNames(on: db)
        let affected = Set(area.regions)
        var partners: [Partner] = []
        for model in try await PartnerRegistrationModel.query(on: db).all() {
            let registration = try model.registration()
            for agreement in registration.agreements where agreement.inEffect(at: now) {
                let shared = affected.intersection(agreement.regions)
                guard !shared.isEmpty else { continue }
                partners.append(Partner(
                    organisation: registration.organisationCode, name: names[registration.organisationCode] ?? registration.organisationCode,
                    profile: agreement.profile, regions: shared.sorted()))
                break
            }
        }
        return AffectedAreaView(
            municipalities: municipalities,
            regions: area.regions, partners: partners.sorted { $0.name < $1.name },
            proposesInterregionalScaling: area.proposesInterregionalScaling)
    }

    /// The incident's location and the plots that mark its area, as shapes.
    static func shapes(incidentLocation: String?, plots: [PlotVersionModel]) -> [Shape] {
        var shapes: [Shape] = []
        if let location = incidentLocation, let value = try? JSONDecoder().decode(JSONValue.self, from: Data(location.utf8)) {
            shapes += GeoJSONShapes.shapes(value)
        }
        for plot in plots where PlotKind(rawValue: plot.kind)?.marksAffectedArea == true {
            shapes += Self.shapes(of: plot)
        }
        return shapes
    }

    /// One plot's geometry as shapes; a circle plot is its centre with its radius.
    static func shapes(of plot: PlotVersionModel) -> [Shape] {
        guard let value = try? JSONDecoder().decode(JSONValue.self, from: Data(plot.geometry.utf8)) else { return [] }
        let shapes = GeoJSONShapes.shapes(value)
        if plot.kind == PlotKind.circle.rawValue, let radius = plot.radius, case .point(let center)? = shapes.first {
            return [.circle(center: center, radius: radius)]
        }
        return shapes
    }
}

/// The municipality boundaries as shapes, parsed once per process.
actor MunicipalityAreas {
    static let shared = MunicipalityAreas()
    private var cached: [MunicipalityArea]?

    static func all(on db: Database) async throws -> [MunicipalityArea] { try await shared.load(db) }

    private func load(_ db: Database) async throws -> [MunicipalityArea] {
        if let cached { return cached }
        let areas = try await MunicipalityModel.query(on: db).sort(\.$id).all().compactMap { model -> MunicipalityArea? in
            guard let code = model.id, let region = RegionCode(model.regionCode) else { return nil }
            return MunicipalityArea(
                code: code, name: model.name, region: region, boundary: GeoJSONShapes.polygons(fromJSON: model.boundary))
        }
        cached = areas
        return areas
    }
}
