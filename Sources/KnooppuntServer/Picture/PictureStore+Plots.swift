import Fluent
import Foundation
import KnooppuntCore
import KnooppuntInterop

/// Plots on the incident map: versioned like entries, journaled, live.
extension PictureStore {
    struct NewPlot: Sendable {
        var style: PlotStyle
        /// Validated GeoJSON geometry, compact JSON.
        var geometry: String
        var classification: Classification
    }

    func addPlot(_ plot: NewPlot, to incidentID: UUID, by author: Author) async throws -> PlotVersionModel {
        try await addPlots([plot], to: incidentID, by: author)[0]
    }

    /// Draws several plots in one transaction (an import): all of them, or none.
    func addPlots(_ plots: [NewPlot], to incidentID: UUID, by author: Author) async throws -> [PlotVersionModel] {
        let at = Microseconds.from(context.clock.now())
        return try await context.write(on: db) { db in
            try await Self.requireOpen(incidentID, on: db)
            var created: [PlotVersionModel] = []
            for plot in plots {
                created.append(try await Self.insertPlot(plot, to: incidentID, by: author, at: at, on: db))
            }
            return created
        }
    }

    static func insertPlot(_ plot: NewPlot, to incidentID: UUID, by author: Author, at: Int64, on db: Database) async throws
        -> PlotVersionModel
    {
        let identity = PlotModel()
        identity.id = NewID.next()
        identity.incidentID = incidentID
        identity.createdAt = at
        identity.author = author.username
        identity.authorOrganisation = author.organisation
        try await identity.create(on: db)
        let version = PlotVersionModel()
        version.plotID = try identity.requireID()
        version.incidentID = incidentID
        version.version = 1
        version.validFrom = at
        version.author = author.username
        version.authorOrganisation = author.organisation
        version.kind = plot.style.kind.rawValue
        version.symbol = plot.style.symbol?.rawValue
        version.label = plot.style.label
        version.colour = plot.style.colour
        version.radius = plot.style.radius
        version.geometry = plot.geometry
        version.verification = VerificationStatus.unverified.rawValue
        version.classification = plot.classification.rawValue
        version.removed = false
        try await version.create(on: db)
        try await Journal.append(
            PlotCreated(PlotVersionPayload(version)), on: db, actor: author.username, organisation: author.organisation,
            incident: incidentID)
        return version
    }

    /// A new version of a plot with `change` applied, if `baseVersion` is still current, journaled as `kind`.
    func changePlot(
        _ plotID: UUID, in incidentID: UUID, baseVersion: Int, by author: Author,
        kind: any ShapedJournalEvent<PlotVersionPayload>.Type,
        change: @escaping @Sendable (PlotVersionModel) throws -> Void
    ) async throws -> PlotVersionModel {
        let at = Microseconds.from(context.clock.now())
        return try await context.write(on: db) { db in
            try await Self.requireOpen(incidentID, on: db)
            guard
                let current = try await PlotVersionModel.query(on: db).filter(\.$plotID == plotID)
                    .filter(\.$incidentID == incidentID).filter(\.$validTo == nil).first(),
                !current.removed
            else { throw Problem.notFound("no plot with id \(plotID) on this incident's map") }
            return try await Self.supersede(
                current, baseVersion: baseVersion, what: "plot", at: at, by: author, incident: incidentID, on: db,
                change: change, event: { kind.init(PlotVersionPayload($0)) })
        }
    }

    /// The plots on the map at `instant` (removed ones left out).
    func plots(of incidentID: UUID, at instant: Int64) async throws -> [PlotVersionModel] {
        try await PlotVersionModel.query(on: db).filter(\.$incidentID == incidentID).filter(\.$validFrom <= instant)
            .group(.or) { $0.filter(\.$validTo == nil).filter(\.$validTo > instant) }
            .sort(\.$validFrom).all().filter { !$0.removed }
    }

    func plotVersions(_ plotID: UUID, in incidentID: UUID) async throws -> [PlotVersionModel] {
        try await PlotVersionModel.query(on: db).filter(\.$plotID == plotID).filter(\.$incidentID == incidentID)
            .sort(\.$version).all()
    }
}

extension PlotVersionPayload {
    init(_ model: PlotVersionModel) {
        self.init(
            incident: model.incidentID, plot: model.plotID, version: model.version, kind: model.kind,
            // A confidential plot's text travels only with a journaled read of the map.
            label: model.classification == Classification.confidential.rawValue ? nil : model.label,
            removed: model.removed, classification: model.classification, authorOrganisation: model.authorOrganisation)
    }
}
