import Foundation
import KnooppuntCore
import Vapor

/// A theme's summary as written (decision 0024): the first write creates it, later writes name the
/// version they change.
struct SummaryInput: StrictDecodable {
    /// The version this write changes; absent (or 0) for the first summary of the theme.
    var baseVersion: Int?
    var picture: String
    var bottlenecks: String?
    var outlook: String?
    var classification: Classification?
    enum CodingKeys: String, CodingKey, CaseIterable { case baseVersion, picture, bottlenecks, outlook, classification }
}

/// A besluitpunt the team must decide.
struct DecisionPointInput: StrictDecodable {
    var text: String
    var considerations: String?
    /// The team that must decide it.
    var team: CrisisTeam
    /// Decide within this many minutes (1 to 10080); absent for no deadline.
    var deadlineInMinutes: Int?
    enum CodingKeys: String, CodingKey, CaseIterable { case text, considerations, team, deadlineInMinutes }

    func validate() throws {
        if let minutes = deadlineInMinutes, !(1...10080).contains(minutes) {
            throw Problem.invalid("field 'deadlineInMinutes' must be 1 to 10080 minutes (a week)", field: "deadlineInMinutes")
        }
    }
}

/// A besluitpunt no longer needs a decision, with why.
struct DecisionPointWithdrawalInput: StrictDecodable {
    var baseVersion: Int
    var reason: String
    enum CodingKeys: String, CodingKey, CaseIterable { case baseVersion, reason }
}

struct SummaryView: Content {
    var id: UUID
    var version: Int
    var theme: Theme
    var picture: String
    var bottlenecks: String?
    var outlook: String?
    var classification: Classification
    /// Username and organisation of the last writer.
    var writtenBy: String
    var writtenByOrganisation: String
    var updatedAt: Date

    init(_ model: RecordVersionModel) throws {
        let body = try RecordStore.decode(ThemeSummaryBody.self, model.body)
        id = model.recordID
        version = model.version
        theme = body.theme
        picture = body.picture
        bottlenecks = body.bottlenecks
        outlook = body.outlook
        classification = body.classification
        writtenBy = model.author
        writtenByOrganisation = model.authorOrganisation
        updatedAt = Microseconds.date(model.validFrom)
    }
}

struct DecisionPointView: Content {
    var id: UUID
    var version: Int
    var text: String
    var considerations: String?
    var team: CrisisTeam
    var deadline: Date?
    /// Open, decided (a decision that is not revoked answers it) or withdrawn.
    var status: DecisionPointStatus
    /// The decision that answers it.
    var decision: UUID?
    var withdrawnReason: String?
    /// Open past its deadline.
    var overdue: Bool
    var updatedBy: String
    var updatedAt: Date

    init(_ model: RecordVersionModel, decisions: [DecisionView], now: Date) throws {
        let body = try RecordStore.decode(DecisionPointBody.self, model.body)
        id = model.recordID
        version = model.version
        text = body.text
        considerations = body.considerations
        team = body.team
        deadline = body.deadline
        withdrawnReason = body.withdrawnReason
        decision = decisions.first { $0.decisionPoint == model.recordID && !$0.revoked }?.id
        status = body.withdrawnReason != nil ? .withdrawn : decision != nil ? .decided : .open
        overdue = status == .open && (body.deadline.map { $0 < now } ?? false)
        updatedBy = model.author
        updatedAt = Microseconds.date(model.validFrom)
    }
}
