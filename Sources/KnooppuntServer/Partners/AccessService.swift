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
        /// For `enterOnBehalf`: the partner's grants on the incident.
        var onBehalfOf: [AccessGrant] = []
        /// A read of a part of the picture beyond entries and summaries (SitRaps, plots, proposals): refused
        /// to a reader with a limited read scope (decision 0027 §7).
        var wholePicture = false
    }

    /// The answer, and until when it holds at the latest (the end of the grant it rests on).
    struct Answer: Sendable {
        let decision: AccessDecision
        let until: Date?
    }

    /// What the policy needs about one subject and one incident, read from the database once: the
    /// organisation's grants, and (for monitoring) its standing. Questions are then answered without I/O.
    struct Facts: Sendable {
        let subject: Subject
        let scope: IncidentScope?
        let grants: [AccessGrant]
        let standing: Set<CollaborationProfile>

        /// `monitoringAt`: also load the standing a standby partner's monitoring list rests on, as it is at
        /// that moment (agreements lapse, decision 0027).
        static func load(
            _ subject: Subject, incident id: UUID?, scope: IncidentScope?, monitoringAt: Date? = nil, on db: Database
        ) async throws -> Facts {
            // Regions decide on the incident alone; the national node and partners through their grants.
            guard subject.organisationKind != .region, !subject.role.isAdministrator, let id, let scope else {
                return Facts(subject: subject, scope: scope, grants: [], standing: [])
            }
            let grants = try await AccessService.grants(of: subject.organisationCode, incident: id, on: db)
            var standing: Set<CollaborationProfile> = []
            if subject.isPartner, let moment = monitoringAt {
                standing = try await AccessService.standing(of: subject.organisationCode, in: scope.involvedRegions, at: moment, on: db)
            }
            return Facts(subject: subject, scope: scope, grants: grants, standing: standing)
        }

        func decide(_ question: Question, at time: Date) -> Answer {
            let request = AccessRequest(
                subject: subject, action: question.action, incident: scope, grants: grants, standing: standing,
                classification: question.classification, theme: question.theme, onBehalfOf: question.onBehalfOf, time: time)
            var decision = AccessPolicy.decide(request)
            if decision.allowed, question.wholePicture, question.action == .read, case let scope = AccessPolicy.readScope(request), !scope.isWhole {
                decision = .deny("\(subject.organisationCode) reads only what the information manager opened to it (\(scope.label.en))")
            }
            let until = decision.allowed ? AccessPolicy.activeGrant(request)?.endsAt : nil
            return Answer(decision: decision, until: until)
        }

        /// Which entries and events of the incident the subject sees: up to the most sensitive
        /// classification the policy lets it read.
        func reader(at time: Date) -> EntryReader {
            let ceiling = Classification.allCases.reversed().first {
                decide(.init(action: .read, classification: $0), at: time).decision.allowed
            }
            return EntryReader(
                organisation: subject.organisationCode,
                isRegion: subject.organisationKind == .region && ceiling != nil, isPartner: subject.isPartner, ceiling: ceiling,
                scope: readScope(at: time))
        }

        /// What of the picture the subject reads (decision 0027 §7): an admitted standby partner only what
        /// the IM opened to it; everyone else the whole picture (within its classification).
        func readScope(at time: Date) -> ReadScope {
            AccessPolicy.readScope(AccessRequest(
                subject: subject, action: .read, incident: scope, grants: grants, standing: standing, time: time))
        }
    }

    static func decide(
        _ subject: Subject, _ question: Question, incident id: UUID?, scope: IncidentScope?, at time: Date, on db: Database
    ) async throws -> Answer {
        try await Facts.load(subject, incident: id, scope: scope, monitoringAt: question.action == .monitor ? time : nil, on: db)
            .decide(question, at: time)
    }

    /// The incidents of `found` the subject may read, in the same order.
    static func readable(
        _ subject: Subject, _ found: [(IncidentModel, IncidentVersionModel)], at time: Date, on db: Database
    ) async throws -> [(IncidentModel, IncidentVersionModel)] {
        var visible: [(IncidentModel, IncidentVersionModel)] = []
        for (incident, version) in found {
            let answer = try await decide(
                subject, .init(action: .read), incident: try incident.requireID(), scope: try IncidentAccess.scope(version),
                at: time, on: db)
            if answer.decision.allowed { visible.append((incident, version)) }
        }
        return visible
    }

    /// Whether the subject knows of the incident without reading it: a partner that is or was linked to
    /// it, was alerted of it, or sees it in its monitoring list. Denials to such a subject give the reason; to anyone else
    /// the incident does not exist.
    static func knows(_ subject: Subject, incident id: UUID, scope: IncidentScope, at time: Date, on db: Database)
        async throws -> Bool
    {
        guard subject.isPartner else { return false }
        let facts = try await Facts.load(subject, incident: id, scope: scope, monitoringAt: time, on: db)
        if !facts.grants.isEmpty { return true }
        if try await PartnerAlertModel.query(on: db).filter(\.$incidentID == id)
            .filter(\.$organisationCode == subject.organisationCode).count() > 0
        {
            return true
        }
        return facts.decide(.init(action: .monitor), at: time).decision.allowed
    }

    static func grants(of organisation: String, incident: UUID, on db: Database) async throws -> [AccessGrant] {
        try await AccessGrantModel.query(on: db).filter(\.$incidentID == incident)
            .filter(\.$organisationCode == organisation).all().map { try $0.grant() }
    }

    static func standing(of organisation: String, in regions: Set<RegionCode>, at now: Date, on db: Database) async throws
        -> Set<CollaborationProfile>
    {
        guard let model = try await PartnerRegistrationModel.query(on: db).filter(\.$organisationCode == organisation).first()
        else { return [] }
        return try model.registration().standing(in: regions, at: now)
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
        var grant = AccessGrant(
            kind: grantKind, organisationCode: organisationCode, purpose: purpose, validFrom: Microseconds.date(validFrom),
            validUntil: Microseconds.date(validUntil), revokedAt: revokedAt.map(Microseconds.date),
            status: PartnerStatus(rawValue: status) ?? .monitoring,
            maxClassification: Classification(rawValue: maxClassification) ?? .public)
            .withReadScope(readScope.flatMap { ReadScope(text: $0) }, underMandateOf: underMandateOf.flatMap(Theme.init))
        grant.detachedHIN = detachedHIN
        grant.conditions = conditions
        return grant
    }
}

/// Which entries of one incident a subject sees: up to the most sensitive classification the policy
/// lets it read, and entries waiting for admission only when it is a region involved or their author.
struct EntryReader: Sendable {
    let organisation: String
    let isRegion: Bool
    let isPartner: Bool
    /// nil: the subject reads nothing of the incident.
    let ceiling: Classification?
    /// What of the picture it reads (decision 0027 §7): everything, or an admitted standby partner's part.
    var scope: ReadScope = .whole

    /// Whether the subject sees an item of the picture: within its classification, admitted or its own, and
    /// within its read scope — `part` names an entry's or a summary's theme; anything else (`nil`: decisions,
    /// actions, plots, besluitpunten, conflicts) is seen only with the whole picture.
    func sees(classification: String, awaitingAdmission: Bool, author: String, part: PicturePart? = nil) -> Bool {
        let level = Classification(rawValue: classification) ?? .confidential
        guard let ceiling, level <= ceiling else { return false }
        guard ClassifiedContent(classification: classification, part: part).isRead(within: scope) else { return false }
        return !awaitingAdmission || isRegion || author == organisation
    }

    func sees(_ model: EntryVersionModel) -> Bool {
        sees(
            classification: model.classification, awaitingAdmission: model.awaitingAdmission, author: model.authorOrganisation,
            part: Theme(model.theme).map(PicturePart.entry))
    }

    func sees(_ row: EntryVersionRow) -> Bool {
        sees(
            classification: row.classification, awaitingAdmission: row.awaitingAdmission, author: row.authorOrganisation,
            part: Theme(row.theme).map(PicturePart.entry))
    }

    /// For journal records of entries, plots and SitRaps: whether the subject sees what the record carries.
    /// A partner sees the access and alert events about itself only, and no events of the IRBT.
    func sees(_ record: JournalRecord) -> Bool {
        sees(RecordFacts(record), organisation: record.organisation)
    }

    /// What `sees` needs of a journal record, read from its payload once: a live event is offered to
    /// every open stream, and each must not decode it again (decision 0035).
    struct RecordFacts: Sendable {
        /// Whether the record's kind has a payload type at all.
        var typed = false
        /// The organisation an organisation event is about; nil for other events.
        var aboutOrganisation: String?? = nil
        var regionsOnly = false
        /// The incident's own header (created, updated), read by everyone who reads the incident.
        var header = false
        /// What a classified event carries; nil for unclassified ones.
        var classified: ClassifiedContent? = nil

        init(_ record: JournalRecord) {
            guard let type = record.payloadType else { return }
            typed = true
            let event = (type is any OrganisationJournalEvent.Type || type is any ClassifiedJournalEvent.Type)
                ? (try? record.event()) : nil
            if type is any OrganisationJournalEvent.Type {
                aboutOrganisation = .some((event as? any OrganisationJournalEvent)?.aboutOrganisation)
            }
            regionsOnly = type is any RegionsOnlyJournalEvent.Type
            header = [ObjectIdentifier(IncidentCreated.self), ObjectIdentifier(IncidentUpdated.self)].contains(ObjectIdentifier(type))
            if type is any ClassifiedJournalEvent.Type {
                // What cannot be read counts as internal.
                classified = (event as? any ClassifiedJournalEvent)?.classified
                    ?? ClassifiedContent(classification: Classification.internal.rawValue, awaitingAdmission: false)
            }
        }
    }

    /// `sees(_:)` on facts read beforehand; `organisation` is the record's.
    func sees(_ facts: RecordFacts, organisation recordOrganisation: String) -> Bool {
        guard facts.typed else { return scope.isWhole }
        if isPartner, let about = facts.aboutOrganisation {
            return about == organisation
        }
        // Partners do not read the IRBT, so neither its events (decision 0021).
        if isPartner, facts.regionsOnly { return false }
        // Readers below an event's classification do not see it.
        // The incident's own header (title, GRIP, regions) is read by everyone who reads the incident.
        guard let content = facts.classified else { return scope.isWhole || facts.header }
        return sees(
            classification: content.classification, awaitingAdmission: content.awaitingAdmission,
            author: content.authorOrganisation ?? recordOrganisation, part: content.part)
    }
}

extension AccessService {
    static func reader(_ subject: Subject, incident id: UUID, scope: IncidentScope, at time: Date, on db: Database)
        async throws -> EntryReader
    {
        try await Facts.load(subject, incident: id, scope: scope, on: db).reader(at: time)
    }

    /// Journals that `subject` read confidential information of an incident (not on the incident's own
    /// journal, so readers of the incident do not see who read what).
    static func journalConfidentialRead(
        _ author: PictureStore.Author, incident: UUID, what: String, context: KnooppuntContext, on db: Database
    ) async throws {
        try await journalConfidentialRead(author, .incident(incident, what: what), context: context, on: db)
    }

    /// The same for any confidential item (a map layer's read names the layer).
    static func journalConfidentialRead(
        _ author: PictureStore.Author, _ read: AuditConfidentialRead, context: KnooppuntContext, on db: Database
    ) async throws {
        _ = try await context.write(on: db) { db in
            try await Journal.append(read, on: db, actor: author.username, organisation: author.organisation)
        }
    }
}

extension AccessService {
    /// How a new entry joins the picture, as the policy decides it for this writer.
    struct EntryTerms: Sendable {
        var theme: Theme
        var classification: Classification
        var awaitingAdmission: Bool
        var onBehalfOf: String?
    }

    /// Checks a new entry (or a change of one) against the policy: partners write their own theme,
    /// structureel entries and a liaison's wait for admission, the region's (detached) HIN writes for a
    /// linked koppel or ad-hoc partner in that partner's theme, and nobody classifies above what they may
    /// read. Throws 403 with the reason.
    static func entryTerms(
        _ user: CurrentUser, theme: Theme, classification: Classification?, onBehalfOf: String?, incident id: UUID,
        scope: IncidentScope, at time: Date, on db: Database
    ) async throws -> EntryTerms {
        guard scope.status != .archived else { throw Problem.conflict("the incident is archived and read-only") }
        let facts = try await Facts.load(user.subject, incident: id, scope: scope, on: db)
        var terms = EntryTerms(theme: theme, classification: classification ?? .internal, awaitingAdmission: false)
        if let onBehalfOf, OrganisationCodeText.normalised(onBehalfOf) == nil {
            throw Problem.invalid("field 'onBehalfOf' must be the code of an organisation (2 to 20 letters A–Z, digits or hyphens)", field: "onBehalfOf")
        }
        // A partner's own liaison names its own organisation: that is its own entry, marked "via liaison".
        if let onBehalfOf, !(user.subject.isPartner && onBehalfOf.uppercased() == user.organisationCode) {
            let code = onBehalfOf.uppercased()
            guard theme == .partner(code) else {
                throw Problem.invalid("an entry for \(code) goes in its own theme 'partner:\(code)'", field: "theme")
            }
            guard try await OrganisationModel.query(on: db).filter(\.$code == code).first() != nil else {
                throw Problem.invalid("no organisation with code \(code)", field: "onBehalfOf")
            }
            let partnerGrants = try await grants(of: code, incident: id, on: db)
            let answer = facts.decide(.init(action: .enterOnBehalf, onBehalfOf: partnerGrants), at: time)
            guard answer.decision.allowed else { throw Problem.forbidden(answer.decision.reason) }
            terms.onBehalfOf = code
        } else {
            let answer = facts.decide(.init(action: .addEntry, theme: theme), at: time)
            guard answer.decision.allowed else { throw Problem.forbidden(answer.decision.reason) }
            terms.awaitingAdmission = answer.decision.obligations.contains(.awaitAdmission)
            if answer.decision.obligations.contains(.markViaLiaison) { terms.onBehalfOf = user.organisationCode }
        }
        let read = facts.decide(.init(action: .read, classification: terms.classification), at: time)
        guard read.decision.allowed else {
            throw Problem.forbidden("you cannot mark information \(terms.classification.rawValue) that you may not read: \(read.decision.reason)")
        }
        return terms
    }
}
