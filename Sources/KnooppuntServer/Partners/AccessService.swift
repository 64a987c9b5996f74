import Fluent
import Foundation
import KnooppuntCore

/// Gathers what the access policy needs about an incident and a subject (grants, standing) from the
/// database, and asks the policy. Every incident read and write goes through here.
enum AccessService {
    struct Question: Sendable {
        var action: AccessAction
        var classification: Classification = .public
        var theme: Theme? = nil
        var onBehalfOf: CollaborationProfile? = nil
    }

    /// The answer, and until when it holds at the latest (the end of the grant it rests on).
    struct Answer: Sendable {
        let decision: AccessDecision
        let until: Date?
    }

    static func decide(
        _ subject: Subject, _ question: Question, incident id: UUID?, scope: IncidentScope?, at time: Date, on db: Database
    ) async throws -> Answer {
        var request = AccessRequest(
            subject: subject, action: question.action, incident: scope, classification: question.classification,
            theme: question.theme, onBehalfOf: question.onBehalfOf, time: time)
        // Regions decide on the incident alone; the national node and partners through their grants.
        if subject.organisationKind != .region, !subject.role.isAdministrator, let id, let scope {
            request.grants = try await grants(of: subject.organisationCode, incident: id, on: db)
            if subject.isPartner, question.action == .monitor {
                request.standing = try await standing(of: subject.organisationCode, in: scope.involvedRegions, on: db)
            }
        }
        let decision = AccessPolicy.decide(request)
        let until = decision.allowed ? AccessPolicy.activeGrant(request)?.endsAt : nil
        return Answer(decision: decision, until: until)
    }

    static func grants(of organisation: String, incident: UUID, on db: Database) async throws -> [AccessGrant] {
        try await AccessGrantModel.query(on: db).filter(\.$incidentID == incident)
            .filter(\.$organisationCode == organisation).all().map { try $0.grant() }
    }

    static func standing(of organisation: String, in regions: Set<RegionCode>, on db: Database) async throws
        -> Set<CollaborationProfile>
    {
        guard let model = try await PartnerRegistrationModel.query(on: db).filter(\.$organisationCode == organisation).first()
        else { return [] }
        return try model.registration().standing(in: regions)
    }
}

extension AccessGrant {
    /// When the grant stops: its end, or its revocation if that comes first.
    var endsAt: Date { revokedAt.map { Swift.min($0, validUntil) } ?? validUntil }
}

extension AccessGrantModel {
    func grant() throws -> AccessGrant {
        let grantKind: AccessGrant.Kind
        switch kind {
        case "link":
            guard let profile = profile.flatMap(CollaborationProfile.init(rawValue:)) else {
                throw Problem(status: .internalServerError, detail: "grant \(id?.uuidString ?? "?") has no valid profile")
            }
            grantKind = .link(profile)
        case "temporary-account":
            grantKind = .temporaryAccount(username: username ?? "")
        default:
            grantKind = .breakGlass
        }
        return AccessGrant(
            kind: grantKind, organisationCode: organisationCode, purpose: purpose, validFrom: Microseconds.date(validFrom),
            validUntil: Microseconds.date(validUntil), revokedAt: revokedAt.map(Microseconds.date),
            status: PartnerStatus(rawValue: status) ?? .monitoring,
            maxClassification: Classification(rawValue: maxClassification) ?? .public)
    }
}
