import Foundation

/// Who may do what with the capacity registry and assistance requests. Capacity is not incident
/// information: the crisis organisation (regions, the national node, partners) reads the registry and the
/// requests; each organisation acts only for itself; the national node brokers and records allocation
/// decisions; administrators keep the catalogue and nothing else.
public enum CapacityPolicy {
    public enum Action: Sendable, Equatable {
        case read
        /// Add or change registry lines of this holder (an organisation code).
        case editHolder(String)
        case manageCatalogue
        /// Ask for assistance on behalf of this organisation.
        case request(requester: String)
        /// Offer a holder's capacity to another organisation's request.
        case offer(holder: String, requester: String)
        /// Accept or decline offers, release, close or withdraw: the requester's side.
        case actAsRequester(String)
        /// Confirm a proposal, withdraw an offer, report deployment: the holder's side.
        case actAsHolder(String)
        /// Match requests with capacity and propose offers; decline a request; record allocation decisions.
        case broker
    }

    public static func decide(_ subject: Subject, _ action: Action) -> AccessDecision {
        if subject.role.isEmergencyAccount { return .deny(FallbackPolicy.onlyFallback) }
        if subject.role.isAdministrator {
            return action == .manageCatalogue
                ? .allow("administrators keep the capacity catalogue")
                : .deny("administrators keep the catalogue; capacity and requests are for the crisis organisation")
        }
        if action == .manageCatalogue { return .deny("the capacity catalogue is kept by an administrator") }
        if action == .read { return .allow("the crisis organisation shares the capacity overview") }
        if subject.role.worksForPartner { return .deny("a liaison reads along but does not act for the region's capacity") }
        switch action {
        case .read, .manageCatalogue:
            return .deny("unreachable")
        case .editHolder(let holder):
            return subject.organisationCode == holder
                ? .allow("\(holder) keeps its own registry") : .deny("\(subject.organisationCode) cannot change \(holder)'s capacity")
        case .request(let requester):
            guard subject.organisationKind == .region || subject.organisationKind == .nationalNode else {
                return .deny("assistance is requested by a region or the national node")
            }
            return subject.organisationCode == requester
                ? .allow("\(requester) asks for assistance") : .deny("\(subject.organisationCode) cannot ask on behalf of \(requester)")
        case .offer(let holder, let requester):
            guard subject.organisationCode == holder else { return .deny("\(subject.organisationCode) cannot offer \(holder)'s capacity") }
            return holder == requester ? .deny("an organisation does not offer to its own request") : .allow("\(holder) offers its capacity")
        case .actAsRequester(let requester):
            return subject.organisationCode == requester
                ? .allow("\(requester) handles its own request") : .deny("only \(requester) handles its request")
        case .actAsHolder(let holder):
            return subject.organisationCode == holder
                ? .allow("\(holder) handles its own offer") : .deny("only \(holder) handles its offer")
        case .broker:
            return subject.organisationKind == .nationalNode
                ? .allow("the national node brokers capacity") : .deny("brokering and allocation are for the national node (LOCC)")
        }
    }
}
