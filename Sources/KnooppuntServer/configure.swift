import Fluent
import FluentPostgresDriver
import FluentSQLiteDriver
import Foundation
import Vapor

/// The one composition root: the server and every test are wired here.
public func configure(_ app: Application, _ config: KnooppuntConfiguration) async throws {
    try await configure(app, config, effects: .live)
}

/// `configure` with a test's clock and the other side effects live.
func configure(_ app: Application, _ config: KnooppuntConfiguration, clock: Clock) async throws {
    try await configure(app, config, effects: SideEffects(clock: clock))
}

func configure(_ app: Application, _ config: KnooppuntConfiguration, effects: SideEffects) async throws {
    app.knooppunt = KnooppuntContext(configuration: config, effects: effects, reactors: journalReactors)
    app.lifecycle.use(LiveShutdown())
    // Open streams end when their session does: checked together, not stream by stream (decision 0035).
    let clock = effects.clock
    app.knooppunt.live.checkSessions { [weak app] tokens in
        guard let app else { return Set(tokens) }
        return try await SessionService.active(tokens, on: app.db, now: clock.now())
    }
    let sessions = app.knooppunt.sessions
    app.knooppunt.live.onOtherEvents { sessions.invalidate() }
    app.lifecycle.use(AlertEscalationLifecycle())
    if config.backgroundTasks { BackgroundTasks.register(app) }
    try configureDatabase(app, config.database)
    if case .sqliteFile = config.database, let sql = app.db as? SQLDatabase {
        // Write-ahead logging: readers never wait for the writer nor the writer for readers; with the
        // default synchronous=FULL every commit is still durable (decision 0035). Kept in the file.
        try await sql.raw("PRAGMA journal_mode=WAL").run()
    }
    app.migrations.add(KnooppuntMigrations.all)
    if config.autoMigrate {
        try await app.autoMigrate()
    }

    let encoder = JSONEncoder()
    encoder.dateEncodingStrategy = .iso8601
    encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
    ContentConfiguration.global.use(encoder: encoder, for: .json)
    let decoder = JSONDecoder()
    decoder.dateDecodingStrategy = .iso8601
    ContentConfiguration.global.use(decoder: decoder, for: .json)

    app.routes.defaultMaxBodySize = "1mb"
    app.middleware = Middlewares()
    app.middleware.use(SecurityHeadersMiddleware(tileOrigin: config.tileURL.flatMap(tileOrigin)))
    app.middleware.use(ProblemMiddleware())
    app.middleware.use(InputHygieneMiddleware())
    app.middleware.use(AuthenticationMiddleware())
    app.middleware.use(EmergencyAccountMiddleware())
    app.middleware.use(CSRFMiddleware(secureCookies: config.secureCookies))

    let api = app.grouped("api", "v1")
    try api.register(collection: SystemController())
    try api.register(collection: AccountsController())
    try api.register(collection: IncidentsController())
    try api.register(collection: PartnersController())
    try api.register(collection: AccessController())
    try api.register(collection: AccessRequestsController())
    try api.register(collection: PlotsController())
    try api.register(collection: LayersController())
    try api.register(collection: WarningsController())
    try api.register(collection: SitRapController())
    try api.register(collection: CouncilReportController())
    try api.register(collection: FederationController())
    try api.register(collection: NationalController())
    try api.register(collection: FallbackController())
    try api.register(collection: AdvisoriesController())
    try api.register(collection: CapacityController())
    try api.register(collection: ResourceMessagesController())
    try api.register(collection: GovernanceController())
    try api.register(collection: RegionPhaseController())
    try api.register(collection: RiskProfileController())
    try api.register(collection: DependencyController())
    try api.register(collection: NetworkMapController())
    try api.register(collection: ScenarioController())
    try api.register(collection: CascadeSharingController())
    try api.register(collection: MeldkamerController())
    try api.register(collection: RiskPictureController())
    try api.register(collection: NationalRiskPictureController())
    try api.register(collection: PlansController())
    try api.register(collection: RiskCommunicationController())
    try api.register(collection: IRBTController())
    try api.register(collection: AanwijzingenController())
    try app.register(collection: WebController())
    try app.register(collection: IncidentWebController())
    try app.register(collection: WhatFollowsWebController())
    try app.register(collection: NetworkMapWebController())
    try app.register(collection: ScenarioWebController())
    try app.register(collection: MeldkamerWebController())
    try app.register(collection: PartnerWebController())
    try app.register(collection: SitRapWebController())
    try app.register(collection: CouncilReportWebController())
    try app.register(collection: PublicWarningsController())
    try app.register(collection: CapacityWebController())
    try app.register(collection: RiskWebController())
    try app.register(collection: RiskPictureWebController())
    try app.register(collection: PlanWebController())
    try app.register(collection: FallbackWebController())
    try app.register(collection: GovernanceWebController())
    api.get("bestuur") { req in try await IncidentCommands(req).bestuurOverview() }
    app.get(SiteURL.warnings.pathComponents, use: WarningsController.page)
    app.get(SiteURL.national().pathComponents, use: NationalController.page)
    app.post(SiteURL.national(.advisories).pathComponents, use: AdvisoryForms.send)
    app.get(SiteURL.national(.incident(node: .key, incident: .key)).pathComponents, use: NationalForms.incident)
    app.post(SiteURL.national(.groupings).pathComponents, use: NationalForms.createGrouping)
    app.get(SiteURL.national(.grouping(.key)).pathComponents, use: NationalForms.grouping)
    app.post(SiteURL.national(.groupingMembers(.key)).pathComponents, use: NationalForms.setMembers)
    app.get(SiteURL.national(.sitrap(.key)).pathComponents, use: NationalForms.sitrap)
    app.get(SiteURL.national(.sitrapPDF(.key)).pathComponents, use: NationalForms.sitrapPDF)
    app.post(SiteURL.advisoryAcknowledgement(.key).pathComponents, use: AdvisoryForms.acknowledge)
    app.get(SiteURL.aanwijzingen.pathComponents, use: AanwijzingForms.page)
    app.post(SiteURL.aanwijzingen.pathComponents, use: AanwijzingForms.give)
    app.get(SiteURL.bestuur.pathComponents, use: BestuurPage.page)
    app.post(SiteURL.aanwijzing(.key, .acknowledge).pathComponents, use: AanwijzingForms.acknowledge)
    app.post(SiteURL.aanwijzing(.key, .withdraw).pathComponents, use: AanwijzingForms.withdraw)
    try app.register(
        collection: AssetsController(
            leafletDirectory: config.leafletDirectory, publicDirectory: AssetsController.bundledPublicDirectory))
}

private func configureDatabase(_ app: Application, _ choice: KnooppuntConfiguration.DatabaseChoice) throws {
    switch choice {
    case .sqliteMemory:
        app.databases.use(.sqlite(.memory), as: .sqlite)
    case .sqliteFile(let path):
        let directory = URL(fileURLWithPath: path).deletingLastPathComponent()
        do {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        } catch {
            throw ConfigurationError(key: "KNOOPPUNT_DATA_DIR", problem: "cannot create \(directory.path): \(error)")
        }
        app.databases.use(.sqlite(.file(path)), as: .sqlite)
    case .postgres(let url):
        do {
            let configuration = try SQLPostgresConfiguration(url: url)
            app.databases.use(.postgres(configuration: configuration), as: .psql)
            app.lifecycle.use(JournalListener(configuration: configuration.coreConfiguration))
        } catch {
            throw ConfigurationError(
                key: "KNOOPPUNT_DATABASE_URL", problem: "'\(KnooppuntConfiguration.redacted(url))' is not usable: \(error)")
        }
    }
}

private func tileOrigin(_ template: String) -> String? {
    guard let url = URL(string: template.replacingOccurrences(of: "{", with: "").replacingOccurrences(of: "}", with: "")),
        let scheme = url.scheme, let host = url.host
    else { return nil }
    return "\(scheme)://\(host)\(url.port.map { ":\($0)" } ?? "")"
}

/// Ends live streams when the application shuts down, so open connections do not hold it up.
/// What follows journal events inside the write that appends them, in this order (for a changed
/// incident: its alerts first, then its summary for the national node, as before reactors).
private let journalReactors: [any JournalReactor] = [
    AlertService.Reactor(),
    NationalPicture.Reactor(),
    NationalSharing.Reactor(),
    CapacitySharing.Reactor(),
    FallbackPicture.Reactor(),
    IRBTStore.Reactor(),
    RegionPhases.Reactor(),
    RiskProfiles.Reactor(),
    RiskMonitoring.Reactor(),
    RiskPictureSharing.Reactor(),
]

private struct LiveShutdown: LifecycleHandler {
    func shutdownAsync(_ application: Application) async {
        await application.knooppunt.replays.stopAll()
        application.knooppunt.live.shutdown()
    }
}
