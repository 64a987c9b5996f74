import Foundation
import Testing

@testable import KnooppuntCore

/// The access policy against Tabel 1 of seed 001, written out here independently of the policy's own
/// table: every profile × action × link state × time, every region role × action × involvement ×
/// status, and the national node.
@Suite("Access policy")
struct AccessPolicyTests {
    static let start = Date(timeIntervalSince1970: 1_800_000_000)
    static let end = start.addingTimeInterval(3600)
    static let openIncident = IncidentScope(involvedRegions: [vr13], leadRegion: vr13, status: .open)

    static func partner(_ code: String = "RWS", user: String = "rws", role: Role = .partnerUser) -> Subject {
        Subject(username: user, role: role, organisationCode: code, organisationKind: .partner, regionCode: nil)
    }

    static func region(_ role: Role, _ code: RegionCode = vr13) -> Subject {
        Subject(username: "u", role: role, organisationCode: code.rawValue, organisationKind: .region, regionCode: code)
    }

    // MARK: Partners: the expected rights, from Tabel 1

    /// What a partner under a profile may do while its link is in force (standby: while active).
    static let tabel1: [CollaborationProfile: Set<AccessAction>] = [
        // Kern also runs a process a standby partner may join under its mandate (001:L853-871, decision 0027 §9).
        .kern: [.read, .monitor, .addEntry, .importEntries, .bringInStandby],
        .structureel: [.read, .monitor, .addEntry],
        .koppel: [],
        .standby: [.read, .monitor],
        .adHoc: [],
    ]

    /// The partner's own liaison (001:L756-764, decision 0027 §8): under koppel and ad hoc it supplies the
    /// partner's information for the IM's admission and reads only that; under the other profiles it is one
    /// of the partner's people, with the partner's rights.
    static let tabel1Liaison: [CollaborationProfile: Set<AccessAction>] = tabel1.merging([
        .koppel: [.read, .monitor, .addEntry],
        .adHoc: [.read, .monitor, .addEntry],
    ]) { $1 }

    enum LinkState: CaseIterable {
        case none, active, monitoring, revoked, otherOrganisation
    }

    enum Moment: CaseIterable {
        case beforeStart, during, atEnd, afterEnd

        var time: Date {
            switch self {
            case .beforeStart: AccessPolicyTests.start.addingTimeInterval(-1)
            case .during: AccessPolicyTests.start.addingTimeInterval(1800)
            case .atEnd: AccessPolicyTests.end
            case .afterEnd: AccessPolicyTests.end.addingTimeInterval(1)
            }
        }
    }

    static func grants(_ profile: CollaborationProfile, _ state: LinkState) -> [AccessGrant] {
        func grant(org: String = "RWS", status: PartnerStatus = .active, revoked: Date? = nil) -> AccessGrant {
            AccessGrant(
                kind: .link(profile), organisationCode: org, purpose: "dijkbewaking", validFrom: start, validUntil: end,
                revokedAt: revoked, status: status)
        }
        switch state {
        case .none: return []
        case .active: return [grant()]
        case .monitoring: return [grant(status: .monitoring)]
        case .revoked: return [grant(revoked: start.addingTimeInterval(600))]
        case .otherOrganisation: return [grant(org: "TENNET")]
        }
    }

    static func expectedForPartner(
        _ profile: CollaborationProfile, _ action: AccessAction, _ state: LinkState, _ moment: Moment,
        standing: Bool, role: Role = .partnerUser
    ) -> Bool {
        let inForce: Bool
        switch state {
        case .active, .monitoring: inForce = moment == .during
        case .revoked: inForce = false  // revoked at start + 10 min, before "during"
        case .none, .otherOrganisation: inForce = false
        }
        // Standby partners follow their regions' incidents in the monitoring list, link or not.
        if action == .monitor, standing, profile == .standby { return true }
        guard inForce else { return false }
        var allowed = (role == .liaison ? tabel1Liaison : tabel1)[profile]!
        if profile == .standby, state == .monitoring { allowed = [] }
        return allowed.contains(action)
    }

    @Test("what a linked partner reads: every profile × status × read scope × mandate — standby only what the IM opened (the totaalbeeld by default, the mandate's theme when brought in), the others the whole picture")
    func readScopesExhaustive() {
        let scopes: [ReadScope?] = [nil, .summary, .themes([.bevolkingszorg]), .whole]
        for profile in CollaborationProfile.allCases {
            for status in PartnerStatus.allCases {
                for scope in scopes {
                    for mandate in [nil, Theme.brandweer] {
                        for role in [Role.partnerUser, .liaison] {
                            var grant = Self.grants(profile, status == .active ? .active : .monitoring)[0]
                            grant.readScope = scope
                            grant.underMandateOf = mandate
                            let request = AccessRequest(
                                subject: Self.partner(role: role), action: .read, incident: Self.openIncident, grants: [grant],
                                time: Moment.during.time)
                            var expected: ReadScope = profile == .standby ? (scope ?? mandate.map { .themes([$0]) } ?? .summary) : .whole
                            // A koppel or ad-hoc partner's liaison reads what it supplied; not even the totaalbeeld.
                            if role == .liaison, profile == .koppel || profile == .adHoc { expected = .supplied(.partner("RWS")) }
                            #expect(
                                AccessPolicy.readScope(request) == expected,
                                "\(role) \(profile) \(status) \(String(describing: scope)) \(String(describing: mandate))")
                        }
                    }
                }
            }
        }
        // Regions and the national node read the whole picture.
        #expect(AccessPolicy.readScope(AccessRequest(subject: Self.region(.informatiemanager), action: .read, incident: Self.openIncident, time: Self.start)) == .whole)
    }

    @Test("partners: every person (user, liaison) × profile × action × link state × time, as Tabel 1 says")
    func partnersExhaustive() {
        var checked = 0
        for role in [Role.partnerUser, .liaison] {
            for profile in CollaborationProfile.allCases {
                for action in AccessAction.allCases {
                    for state in LinkState.allCases {
                        for moment in Moment.allCases {
                            for standing in [false, true] {
                                let request = AccessRequest(
                                    subject: Self.partner(role: role), action: action, incident: Self.openIncident,
                                    grants: Self.grants(profile, state), standing: standing ? [profile] : [], time: moment.time)
                                let decision = AccessPolicy.decide(request)
                                let expected = Self.expectedForPartner(profile, action, state, moment, standing: standing, role: role)
                                #expect(
                                    decision.allowed == expected,
                                    "\(role) \(profile) \(action) \(state) \(moment) standing=\(standing): \(decision.reason)")
                                #expect(!decision.reason.isEmpty)
                                checked += 1
                            }
                        }
                    }
                }
            }
        }
        #expect(checked == 2 * 5 * AccessAction.allCases.count * 5 * 4 * 2)
        // A detached HIN is region staff: in a partner organisation the role gives nothing.
        for action in AccessAction.allCases {
            let request = AccessRequest(
                subject: Self.partner(role: .hinGedetacheerd), action: action, incident: Self.openIncident,
                grants: Self.grants(.kern, .active), standing: [.kern], theme: .partner("RWS"), time: Moment.during.time)
            #expect(!AccessPolicy.decide(request).allowed, "\(action)")
        }
    }

    @Test("structureel entries wait for admission; kern entries go straight into the linked theme")
    func admissionObligation() {
        for (profile, obligation) in [(CollaborationProfile.kern, false), (.structureel, true)] {
            let request = AccessRequest(
                subject: Self.partner(), action: .addEntry, incident: Self.openIncident, grants: Self.grants(profile, .active),
                theme: .partner("RWS"), time: Moment.during.time)
            let decision = AccessPolicy.decide(request)
            #expect(decision.allowed)
            #expect(decision.obligations.contains(.awaitAdmission) == obligation)
        }
    }

    @Test("a koppel or ad-hoc partner's liaison supplies into its own theme for admission, marked via liaison, and writes nothing else")
    func liaisonSupplies() {
        for profile in [CollaborationProfile.koppel, .adHoc] {
            var request = AccessRequest(
                subject: Self.partner(role: .liaison), action: .addEntry, incident: Self.openIncident,
                grants: Self.grants(profile, .active), theme: .partner("RWS"), time: Moment.during.time)
            #expect(AccessPolicy.decide(request).obligations == [.awaitAdmission, .markViaLiaison], "\(profile)")
            request.theme = .brandweer
            #expect(!AccessPolicy.decide(request).allowed, "another theme")
            request.theme = .partner("RWS")
            request.action = .writeSummary
            #expect(!AccessPolicy.decide(request).allowed, "a summary")
            request.action = .addEntry
            request.incident = IncidentScope(involvedRegions: [vr13], leadRegion: vr13, status: .closed)
            #expect(!AccessPolicy.decide(request).allowed, "a closed incident")
            // The same organisation's other users get nothing under koppel or ad hoc.
            request.incident = Self.openIncident
            request.subject = Self.partner()
            #expect(!AccessPolicy.decide(request).allowed, "a partner user")
        }
        // Under kernsamenwerking the liaison is one of the partner's people: straight into the linked theme.
        let kern = AccessRequest(
            subject: Self.partner(role: .liaison), action: .addEntry, incident: Self.openIncident,
            grants: Self.grants(.kern, .active), theme: .partner("RWS"), time: Moment.during.time)
        #expect(AccessPolicy.decide(kern).allowed && AccessPolicy.decide(kern).obligations.isEmpty)
    }

    @Test("a partner writes only its own theme, and only while the incident is open")
    func ownTheme() {
        var request = AccessRequest(
            subject: Self.partner(), action: .addEntry, incident: Self.openIncident, grants: Self.grants(.kern, .active),
            theme: .brandweer, time: Moment.during.time)
        #expect(!AccessPolicy.decide(request).allowed)
        #expect(AccessPolicy.decide(request).reason.contains("own theme"))
        request.theme = .partner("TENNET")
        #expect(!AccessPolicy.decide(request).allowed)
        request.theme = .partner("RWS")
        #expect(AccessPolicy.decide(request).allowed)
        request.incident = IncidentScope(involvedRegions: [vr13], leadRegion: vr13, status: .closed)
        #expect(!AccessPolicy.decide(request).allowed)
        request.action = .read
        #expect(AccessPolicy.decide(request).allowed, "a closed incident can still be read")
    }

    @Test("classification: each link shows up to its level; confidential reads are journaled")
    func classification() {
        for profile in [CollaborationProfile.kern, .structureel, .standby] {
            for level in Classification.allCases {
                for ceiling in Classification.allCases {
                    let grant = AccessGrant(
                        kind: .link(profile), organisationCode: "RWS", purpose: "p", validFrom: Self.start,
                        validUntil: Self.end, maxClassification: ceiling)
                    let decision = AccessPolicy.decide(
                        AccessRequest(
                            subject: Self.partner(), action: .read, incident: Self.openIncident, grants: [grant],
                            classification: level, time: Moment.during.time))
                    #expect(decision.allowed == (level <= ceiling), "\(profile) \(level) under \(ceiling)")
                    #expect(decision.obligations.contains(.journalRead) == (decision.allowed && level == .confidential))
                }
            }
        }
        #expect(AccessGrant.defaultClassification(for: .link(.kern)) == .internal)
        #expect(AccessGrant.defaultClassification(for: .link(.standby)) == .internal)
        // Koppel and ad hoc too: their liaison reads what it supplied, entered as internal by default (0027 §8).
        #expect(AccessGrant.defaultClassification(for: .link(.koppel)) == .internal)
        #expect(AccessGrant.defaultClassification(for: .link(.adHoc)) == .internal)
    }

    @Test("reasons name what is wrong: not linked, expired, ended, or what the profile does not allow")
    func reasons() {
        func reason(_ state: LinkState, _ moment: Moment, _ profile: CollaborationProfile = .kern) -> String {
            AccessPolicy.decide(
                AccessRequest(
                    subject: Self.partner(), action: .read, incident: Self.openIncident, grants: Self.grants(profile, state),
                    time: moment.time)
            ).reason
        }
        #expect(reason(.none, .during).contains("not linked"))
        #expect(reason(.active, .afterEnd).contains("expired"))
        #expect(reason(.active, .beforeStart).contains("not started"))
        #expect(reason(.revoked, .during).contains("ended"))
        #expect(reason(.active, .during, .koppel).contains("liaison"))
        #expect(reason(.monitoring, .during, .standby).contains("admits it or invites it"))
    }

    @Test("a temporary account of before decision 0027 §6 gives nothing: ad-hoc partners have no system access")
    func temporaryAccount() {
        let grant = AccessGrant(
            kind: .temporaryAccount(username: "adhoc-1"), organisationCode: "CHEMIE", purpose: "stofinformatie",
            validFrom: Self.start, validUntil: Self.end)
        let user = Self.partner("CHEMIE", user: "adhoc-1")
        let colleague = Self.partner("CHEMIE", user: "adhoc-2")
        func decide(_ subject: Subject, _ action: AccessAction, _ moment: Moment) -> AccessDecision {
            AccessPolicy.decide(
                AccessRequest(
                    subject: subject, action: action, incident: Self.openIncident, grants: [grant], theme: .partner("CHEMIE"),
                    time: moment.time))
        }
        for action in AccessAction.allCases {
            #expect(!decide(user, action, .during).allowed, "\(action)")
        }
        #expect(!decide(colleague, .read, .during).allowed)
    }

    @Test("break glass opens the incident read-only, for the named organisation and the set time")
    func breakGlass() {
        let grant = AccessGrant(
            kind: .breakGlass, organisationCode: "VITENS", purpose: "drinkwater", validFrom: Self.start,
            validUntil: Self.end, maxClassification: .confidential)
        func decide(_ org: String, _ action: AccessAction, _ moment: Moment, _ level: Classification = .public) -> AccessDecision {
            AccessPolicy.decide(
                AccessRequest(
                    subject: Self.partner(org, user: org.lowercased()), action: action, incident: Self.openIncident,
                    grants: [grant], classification: level, theme: .partner(org), time: moment.time))
        }
        #expect(decide("VITENS", .read, .during, .confidential).allowed)
        #expect(decide("VITENS", .read, .during, .confidential).obligations == [.journalRead])
        #expect(!decide("VITENS", .addEntry, .during).allowed)
        #expect(!decide("VITENS", .read, .afterEnd).allowed)
        #expect(!decide("RWS", .read, .during).allowed)
    }

    // MARK: Regions and the national node

    /// What each region role may do on an open incident its region is involved in.
    static let regionRoles: [Role: Set<AccessAction>] = {
        let everyone: Set<AccessAction> = [.read, .monitor, .addEntry, .editIncident, .writeSummary]
        return [
            .informatiemanager: everyone.union([.verifyEntry, .admitEntry, .manageAccess, .recordDecision]),
            .hoofdInformatie: everyone.union([.verifyEntry, .admitEntry, .manageAccess, .enterOnBehalf]),
            .algemeenCommandant: everyone.union([.recordDecision]),
            .operationeelLeider: everyone.union([.recordDecision]),
            // Region staff detached to partners without access (decision 0027 §6, §8).
            .hinGedetacheerd: [.read, .monitor, .addEntry, .enterOnBehalf],
            // The liaison is the partner's person: in a region the role gives nothing (decision 0027 §8).
            .liaison: [],
            .voorzitter: everyone.union([.recordDecision, .breakGlass]),
            .burgemeester: everyone.union([.recordDecision]),
            .directeurVeiligheidsregio: everyone,
            .dpg: everyone,
            // Region staff who keep the risk profile; in an incident of their region, staff like the directeur.
            .risicoadviseur: everyone,
            .kcr2Analist: everyone,
            .partnerUser: everyone,
            // Administrators keep accounts and registers, never an incident (no temporary accounts, decision 0027 §6).
            .beheerder: [],
            // An emergency account reads only its region's fallback picture (FallbackPolicy), never an incident.
            .noodaccount: [],
            // The toetsing of partners has no part in an incident (decision 0027 §3).
            .toetser: [], .voorzitterRegiegroep: [],
            // A calamiteitencoördinator belongs to a meldkamer; in a region organisation the role gives nothing.
            .calamiteitencoordinator: [],
        ]
    }()

    @Test("regions: every role × action × involvement × incident status")
    func regionsExhaustive() {
        for role in Role.allCases where !role.isRijkOrProvince {
            for action in AccessAction.allCases where action != .create {
                for involved in [true, false] {
                    for status in IncidentStatus.allCases {
                        let incident = IncidentScope(
                            involvedRegions: involved ? [vr13, vr12] : [vr12], leadRegion: vr12, status: status)
                        let request = AccessRequest(
                            subject: Self.region(role), action: action, incident: incident, onBehalfOf: Self.grants(.koppel, .active),
                            time: Moment.during.time)
                        let decision = AccessPolicy.decide(request)
                        var expected = involved && Self.regionRoles[role]!.contains(action)
                        if status != .open, ![.read, .monitor, .editIncident].contains(action) { expected = false }
                        #expect(decision.allowed == expected, "\(role) \(action) involved=\(involved) \(status): \(decision.reason)")
                    }
                }
            }
        }
    }

    @Test("on a partner's behalf: every region role × partner profile × partner link state × time × named detached HIN — the HIN or detached HIN for a linked koppel partner, under ad hoc only the HIN the region detached")
    func onBehalfExhaustive() {
        var checked = 0
        for role in Role.allCases where !role.isRijkOrProvince {
            for profile in CollaborationProfile.allCases {
                for state in [LinkState.none, .active, .revoked] {
                    for moment in Moment.allCases {
                        for named in [false, true] {
                            let subject = Subject(username: "hin-det", role: role, organisationCode: "VR13", organisationKind: .region, regionCode: vr13)
                            let grants = Self.grants(profile, state).map { grant -> AccessGrant in
                                var grant = grant
                                grant.detachedHIN = named ? "hin-det" : "iemand-anders"
                                return grant
                            }
                            let decision = AccessPolicy.decide(AccessRequest(
                                subject: subject, action: .enterOnBehalf, incident: Self.openIncident, onBehalfOf: grants, time: moment.time))
                            let inForce = state == .active && moment == .during
                            let expected = [.hoofdInformatie, .hinGedetacheerd].contains(role) && inForce
                                && (profile == .koppel || (profile == .adHoc && named))
                            #expect(decision.allowed == expected, "\(role) \(profile) \(state) \(moment) named=\(named): \(decision.reason)")
                            #expect(decision.obligations.contains(.markViaLiaison) == decision.allowed)
                            checked += 1
                        }
                    }
                }
            }
        }
        #expect(checked > 0)
    }

    @Test("region staff write the disciplines' themes, never a partner's own theme")
    func regionThemes() {
        var request = AccessRequest(
            subject: Self.region(.informatiemanager), action: .addEntry, incident: Self.openIncident, theme: .politie,
            time: Moment.during.time)
        #expect(AccessPolicy.decide(request).allowed)
        request.theme = .partner("RWS")
        #expect(!AccessPolicy.decide(request).allowed)
    }

    @Test("opening incidents: region staff except detached HINs (and liaisons, who belong to partners); never partners, the national node or admins")
    func create() {
        for role in Role.allCases {
            let decision = AccessPolicy.decide(Self.region(role), .create, incident: nil, at: Self.start)
            #expect(
                decision.allowed == (!role.worksForPartner && role != .beheerder && role != .noodaccount && !role.isRijkOrProvince
                    && !AccessPolicy.assessors.contains(role) && role != .calamiteitencoordinator), "\(role)")
        }
        #expect(!AccessPolicy.decide(Self.partner(), .create, incident: nil, at: Self.start).allowed)
        let node = Subject(username: "n", role: .kcr2Analist, organisationCode: "KCR2", organisationKind: .nationalNode, regionCode: nil)
        #expect(!AccessPolicy.decide(node, .create, incident: nil, at: Self.start).allowed)
    }

    @Test("the national node reads up to internal, confidential only when opened to it, and writes nothing")
    func nationalNode() {
        let node = Subject(username: "n", role: .kcr2Analist, organisationCode: "KCR2", organisationKind: .nationalNode, regionCode: nil)
        for action in AccessAction.allCases {
            for level in Classification.allCases {
                let decision = AccessPolicy.decide(
                    AccessRequest(subject: node, action: action, incident: Self.openIncident, classification: level, time: Self.start))
                #expect(decision.allowed == ([.read, .monitor].contains(action) && level <= .internal), "\(action) \(level)")
            }
        }
        let opened = AccessGrant(
            kind: .breakGlass, organisationCode: "KCR2", purpose: "landelijk beeld", validFrom: Self.start, validUntil: Self.end,
            maxClassification: .confidential)
        let decision = AccessPolicy.decide(
            AccessRequest(
                subject: node, action: .read, incident: Self.openIncident, grants: [opened], classification: .confidential,
                time: Moment.during.time))
        #expect(decision.allowed && decision.obligations == [.journalRead])
    }
}

extension AccessPolicyTests {
    @Test("ministers, their crisis staff and the CdK read at the national level and write nothing; the CdK only in their province")
    func rijkAndProvince() {
        for role in [Role.minister, .rijkscrisisstaf, .commissarisVanDeKoning] {
            let subject = Subject(
                username: "r", role: role, organisationCode: role == .commissarisVanDeKoning ? "PNH" : "JENV",
                organisationKind: role == .commissarisVanDeKoning ? .other : .ministry, regionCode: nil,
                overseenRegions: role == .commissarisVanDeKoning ? [vr13] : [])
            for action in AccessAction.allCases {
                for level in Classification.allCases {
                    for regions in [[vr13, vr12], [vr12]] {
                        let incident = IncidentScope(involvedRegions: Set(regions), leadRegion: regions[0], status: .open)
                        let decision = AccessPolicy.decide(
                            AccessRequest(subject: subject, action: action, incident: incident, classification: level, time: Self.start))
                        let inProvince = role != .commissarisVanDeKoning || regions.contains(vr13)
                        let expected = [.read, .monitor].contains(action) && level <= .internal && inProvince
                        #expect(decision.allowed == expected, "\(role) \(action) \(level) \(regions): \(decision.reason)")
                    }
                }
            }
        }
    }
}

@Suite("Access to the partner registry")
struct RegistryAccessTests {
    @Test("every role × organisation kind × registry action × own or other partner")
    func exhaustive() {
        for kind in OrganisationKind.allCases {
            for role in Role.allCases {
                for action in RegistryAction.allCases {
                    for own in [true, false] {
                        let subject = Subject(
                            username: "u", role: role, organisationCode: "RWS", organisationKind: kind,
                            regionCode: kind == .region ? vr13 : nil)
                        // The partner asked about is adopted by VR13 (the subject's region) when `own`, else by VR12.
                        let decision = AccessPolicy.decide(
                            subject, action, partner: own ? "RWS" : "TENNET", adoptionRegion: own ? vr13 : RegionCode(number: 12))
                        // The toetser and the regiegroep's chair read the registry they assess (decision 0027 §3).
                        let staff = role == .beheerder || kind == .region || kind == .nationalNode || role == .toetser
                            || role == .voorzitterRegiegroep
                        var expected: Bool =
                            switch action {
                            case .manage: role == .beheerder || kind == .nationalNode
                            case .readOverview: staff
                            case .readPartner: staff || own
                            case .recordEvaluation:
                                (kind == .nationalNode && role != .beheerder)
                                    || (kind == .region && own && [.informatiemanager, .hoofdInformatie, .directeurVeiligheidsregio, .voorzitter].contains(role))
                            // Independent: never a region, the national node or the partner tested.
                            case .recordToetsing: role == .toetser && kind != .region && kind != .nationalNode && !own
                            case .takeStandpoint: role == .voorzitterRegiegroep && !own
                            }
                        if role == .noodaccount { expected = false }
                        #expect(decision.allowed == expected, "\(kind) \(role) \(action) own=\(own): \(decision.reason)")
                    }
                }
            }
        }
    }
}

@Suite("Fallback picture policy (decision 0017)")
struct FallbackPolicyTests {
    static func subject(_ role: Role, kind: OrganisationKind = .region, region: RegionCode? = vr13) -> Subject {
        Subject(username: "u", role: role, organisationCode: region?.rawValue ?? "KCR2", organisationKind: kind, regionCode: region)
    }

    @Test("only the region's own emergency account reads its fallback copies; every read carries the journal obligation")
    func onlyTheRegionsEmergencyAccount() {
        for role in Role.allCases {
            for kind in OrganisationKind.allCases {
                for target in [vr13, vr12] {
                    let decision = FallbackPolicy.decide(Self.subject(role, kind: kind, region: kind == .region ? vr13 : nil), region: target)
                    let expected = role == .noodaccount && kind == .region && target == vr13
                    #expect(decision.allowed == expected, "\(role) \(kind) \(target): \(decision.reason)")
                    #expect(decision.obligations.contains(.journalRead) == expected)
                }
            }
        }
        #expect(!FallbackPolicy.decide(Self.subject(.noodaccount), region: nil).allowed, "a copy from a node that is no region's")
    }

    @Test("an emergency account is refused every incident action, the registry, capacity, layers and warnings")
    func refusedEverythingElse() {
        let nood = Self.subject(.noodaccount)
        let incident = IncidentScope(involvedRegions: [vr13], leadRegion: vr13, status: .open)
        for action in AccessAction.allCases {
            #expect(!AccessPolicy.decide(nood, action, incident: action == .create ? nil : incident, at: AccessPolicyTests.start).allowed)
        }
        for action in RegistryAction.allCases { #expect(!AccessPolicy.decide(nood, action, partner: nil).allowed) }
        #expect(!CapacityPolicy.decide(nood, .read).allowed)
        #expect(!WarningPolicy.mayRead(nood, publicScope: true, importedBy: "VR13").allowed)
        #expect(!WarningPolicy.mayImport(nood).allowed)
        #expect(!AccessPolicy.decide(nood, .read, layer: LayerScope(owner: "VR13", classification: .public), at: AccessPolicyTests.start).allowed)
    }
}
