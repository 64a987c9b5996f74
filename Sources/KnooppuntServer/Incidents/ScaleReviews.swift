import Fluent
import Foundation
import KnooppuntCore
import Vapor

/// A review of the scale and the distribution of authority: what it concluded and why.
struct ScaleReviewInput: StrictDecodable {
    /// The incident version reviewed; a stale one gets 409, as for edits.
    var baseVersion: Int?
    var outcome: ReviewOutcome
    var reason: String

    enum CodingKeys: String, CodingKey, CaseIterable { case baseVersion, outcome, reason }

    func validate() throws {
        let length = reason.trimmingCharacters(in: .whitespacesAndNewlines).count
        guard length >= 3, RecordedAuthorityFacts.reasonLength.contains(length) else {
            throw Problem.invalid(
                "field 'reason' must be 3 to \(RecordedAuthorityFacts.reasonLength.upperBound) characters: why the scale and authority stay or should change",
                field: "reason")
        }
    }
}

/// A recorded review, with who made it by name.
struct ScaleReviewView: Content {
    var id: UUID
    var version: Int
    var outcome: ReviewOutcome
    var reason: String
    var reviewedAt: Date
    /// The reviewer's display name (absent when the account is unknown here) and organisation's name.
    var reviewedBy: String?
    var organisation: String
}

/// When the next review of the scale and authority is due.
struct ReviewStatusView: Content, Equatable {
    var intervalHours: Int
    /// The last change of the scale or authority facts, or the last review when that came later.
    var countedFrom: Date
    /// change or review.
    var basis: String
    var dueAt: Date
    var overdue: Bool

    init(_ schedule: ScaleReviewSchedule, at now: Date) {
        intervalHours = schedule.intervalHours
        countedFrom = schedule.countedFrom
        basis = schedule.basis.rawValue
        dueAt = schedule.dueAt
        overdue = schedule.isOverdue(at: now)
    }
}

/// An incident's reviews and whether the next is due.
struct ScaleReviewsView: Content {
    /// Absent when no review is due: the incident is at GRIP 0 or closed.
    var status: ReviewStatusView?
    var reviews: [ScaleReviewView]
}

/// Stores and reads the reviews of an incident's scale and authority (C13, 002:L845-848).
struct ScaleReviews {
    let db: Database
    let context: KnooppuntContext

    /// Records a review of the incident as it stands, and journals it.
    func record(_ input: ScaleReviewInput, for target: AuthorisedIncident, by author: PictureStore.Author) async throws
        -> ScaleReviewModel
    {
        let id = try target.incident.requireID()
        let at = Microseconds.from(context.clock.now())
        let reason = input.reason.trimmingCharacters(in: .whitespacesAndNewlines)
        return try await context.write(on: db) { db in
            let current = try await PictureStore.currentIncidentVersion(id, on: db)
            if let base = input.baseVersion { try PictureStore.checkBase(base, current.version, what: "incident") }
            let state = try PictureStore.decodeState(current)
            guard state.status == .open, state.grip > .routine else {
                throw Problem.conflict(
                    state.status == .open
                        ? "the incident is not scaled up (GRIP 0): there is no scale or distribution of authority to review"
                        : "the incident is \(state.status.rawValue): there is no scale to review")
            }
            let review = ScaleReviewModel()
            review.id = NewID.next()
            review.incidentID = id
            review.version = current.version
            review.outcome = input.outcome.rawValue
            review.reason = reason
            review.reviewedAt = at
            review.author = author.username
            review.authorOrganisation = author.organisation
            try await review.create(on: db)
            try await Journal.append(
                IncidentReviewed(
                    incident: id, review: try review.requireID(), version: current.version, grip: state.grip.rawValue,
                    outcome: input.outcome.rawValue, reason: reason),
                on: db, actor: author.username, organisation: author.organisation, incident: id)
            return review
        }
    }

    func reviews(of id: UUID) async throws -> [ScaleReviewModel] {
        try await ScaleReviewModel.query(on: db).filter(\.$incidentID == id).sort(\.$reviewedAt).all()
    }

    /// When the next review is due, as of `now`; nil when none is.
    func status(of id: UUID, at now: Date) async throws -> ReviewStatusView? {
        let versions = try await PictureStore(db: db, context: context).incidentVersions(id).map {
            (at: Microseconds.date($0.validFrom), state: try PictureStore.decodeState($0))
        }
        let last = try await ScaleReviewModel.query(on: db).filter(\.$incidentID == id).sort(\.$reviewedAt, .descending).first()
        return ScaleReview.schedule(versions, lastReview: last.map { Microseconds.date($0.reviewedAt) })
            .map { ReviewStatusView($0, at: now) }
    }

    /// The reviews and the status, for the API.
    func overview(of id: UUID, at now: Date) async throws -> ScaleReviewsView {
        let reviews = try await reviews(of: id)
        let names = try await PeopleNames.load(usernames: reviews.map(\.author), organisations: reviews.map(\.authorOrganisation), on: db)
        return ScaleReviewsView(status: try await status(of: id, at: now), reviews: try reviews.map { try view($0, names) })
    }

    func view(_ model: ScaleReviewModel, _ names: PeopleNames) throws -> ScaleReviewView {
        ScaleReviewView(
            id: try model.requireID(), version: model.version, outcome: ReviewOutcome(rawValue: model.outcome) ?? .maintain,
            reason: model.reason, reviewedAt: Microseconds.date(model.reviewedAt), reviewedBy: names.person(model.author),
            organisation: names.organisation(model.authorOrganisation))
    }
}

/// Who did something, as people read it: a display name and an organisation's name, never a username.
struct PeopleNames {
    private let people: [String: String]
    private let organisations: [String: String]

    static func load(usernames: [String], organisations codes: [String], on db: Database) async throws -> PeopleNames {
        let users = Set(usernames)
        let people = users.isEmpty ? [] : try await UserModel.query(on: db).filter(\.$username ~~ Array(users)).all()
        let codes = Set(codes)
        let organisations = codes.isEmpty ? [] : try await OrganisationModel.query(on: db).filter(\.$code ~~ Array(codes)).all()
        return PeopleNames(
            people: Dictionary(people.map { ($0.username, $0.displayName) }, uniquingKeysWith: { first, _ in first }),
            organisations: Dictionary(organisations.map { ($0.code, $0.name) }, uniquingKeysWith: { first, _ in first }))
    }

    /// The display name; nil for an account this node does not know.
    func person(_ username: String) -> String? { people[username] }

    /// The organisation's name, or its code when this node does not know it.
    func organisation(_ code: String) -> String { organisations[code] ?? code }
}
