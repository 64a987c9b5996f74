import Fluent
import Foundation
import KnooppuntCore
import Vapor

/// Seeds the demo organisations and users into a database that has none yet.
enum DemoSeeder {
    enum Outcome: Equatable, Sendable {
        case seeded(organisations: Int, users: Int)
        case skippedNotEmpty
    }

    static func seed(_ app: Application) async throws -> Outcome {
        let context = app.knooppunt
        guard try await OrganisationModel.query(on: app.db).count() == 0 else { return .skippedNotEmpty }
        let regions = try await RegionModel.query(on: app.db).sort(\.$id).all()
        let organisations =
            regions.map {
                DemoData.Organisation(code: $0.id ?? "", name: "Veiligheidsregio \($0.name)", kind: .region)
            } + [DemoData.nationalNode] + DemoData.others
            + Meldkamers.all.map { DemoData.Organisation(code: $0.code, name: $0.name, kind: .meldkamer) }
        try await context.write(on: app.db) { db in
            for organisation in organisations {
                try await OrganisationModel(
                    code: organisation.code, name: organisation.name, kind: organisation.kind.rawValue,
                    regionCode: organisation.kind == .region ? organisation.code : nil
                ).create(on: db)
                try await Journal.append(
                    OrganisationCreated(code: organisation.code, name: organisation.name, kind: organisation.kind.rawValue),
                    on: db, actor: "demo", organisation: "system")
            }
        }
        let accounts = AccountService(application: app)
        // Every demo user shares one password, so one bcrypt hash serves them all.
        let hash = try await accounts.hash(context.configuration.demoPassword)
        for person in people(context.configuration.role) {
            try await accounts.createUser(
                username: person.username, displayName: person.displayName, organisationCode: person.organisation,
                role: person.role, passwordHash: hash, actor: .init(name: "demo", organisation: "system"))
        }
        try await seedGovernance(app)
        let partners = PartnerStore(db: app.db, context: context)
        for registration in DemoPartners.seeded(now: context.clock.now()) {
            _ = try await partners.save(registration, baseVersion: nil, by: .init(username: "demo", organisation: "system"))
        }
        try await DemoCapacity.seed(app)
        try await DemoRisks.seed(app)
        try await DemoRisks.seedDependencies(app)
        return .seeded(organisations: organisations.count, users: people(context.configuration.role).count)
    }

    /// The offices of the demo's bestuur and its standing mandates (decision 0020).
    static func seedGovernance(_ app: Application) async throws {
        let context = app.knooppunt
        let at = context.clock.now()
        let actor = AccountService.Actor(name: "demo", organisation: "system")
        try await context.write(on: app.db) { db in
            for (username, office) in DemoData.offices {
                _ = try await GovernanceCommands.recordOffice(office, for: username, from: at, by: actor, at: at, on: db)
            }
            for mandate in DemoData.mandates {
                let input = GrantMandateInput(
                    mandatary: mandate.mandatary, office: OfficeCode(mandate.office), matters: mandate.matters, validFrom: at,
                    validUntil: nil, note: mandate.note)
                _ = try await GovernanceCommands.recordMandate(input, from: at, by: actor, at: at, on: db)
            }
        }
    }

    /// The demo users of a node: the national node also gets VR13's emergency account.
    static func people(_ role: KnooppuntConfiguration.NodeRole) -> [DemoData.Person] {
        role == .national ? DemoData.people + [DemoData.emergencyAccount] : DemoData.people
    }

    /// The lines printed at start so a newcomer knows how to log in.
    static func loginSummary(password: String, url: String, role: KnooppuntConfiguration.NodeRole = .standalone) -> String {
        var lines = ["Knooppunt demo on \(url) — every demo user's password is '\(password)':"]
        for person in people(role) {
            let name = person.username.padding(toLength: max(16, person.username.count), withPad: " ", startingAt: 0)
            lines.append("  \(name) \(person.role.label.en), \(person.organisation)")
        }
        return lines.joined(separator: "\n")
    }
}
