/// The preconditions a collaboration must meet, per profile (001 Tabel 3 and 4). Each agreement keeps
/// this checklist with a status per item; ad-hoc connections have none (001 L1714-1716).
public struct Precondition: Sendable, Equatable, Hashable {
    public enum Dimension: String, CaseIterable, Codable, Sendable {
        case organisatie, proces, mensen, techniek
    }

    /// Stable key, e.g. `proces.alarmering`.
    public let key: String
    public let dimension: Dimension
    public let label: LocalizedLabel

    init(_ dimension: Dimension, _ key: String, nl: String, en: String) {
        self.key = "\(dimension.rawValue).\(key)"
        self.dimension = dimension
        self.label = LocalizedLabel(nl: nl, en: en)
    }

    public static func == (lhs: Precondition, rhs: Precondition) -> Bool { lhs.key == rhs.key }
    public func hash(into hasher: inout Hasher) { hasher.combine(key) }
}

/// Where one precondition stands.
public enum PreconditionStatus: String, CaseIterable, Codable, Sendable {
    case open
    case inProgress = "in-progress"
    case met
    case notApplicable = "not-applicable"
}

public enum Preconditions {
    // Organisation
    static let kerntaken = Precondition(.organisatie, "kerntaken", nl: "Kerntaken benoemd", en: "Core tasks defined")
    static let informatieAanspreekpunt = Precondition(
        .organisatie, "informatie-aanspreekpunt", nl: "Aanspreekpunt informatie", en: "Information contact point")
    static let accountbeheer = Precondition(.organisatie, "accountbeheer", nl: "Accountbeheer", en: "Account management")
    static let financiering = Precondition(
        .organisatie, "financiering", nl: "Financiering van de samenwerking", en: "Funding of the collaboration")
    static let beslissingsbevoegde = Precondition(
        .organisatie, "beslissingsbevoegde", nl: "Beslissingsbevoegd aanspreekpunt (operationeel en bestuurlijk)",
        en: "Decision-authorised contact (operational and administrative)")
    static let mandaat = Precondition(.organisatie, "mandaat", nl: "Mandaat", en: "Mandate")
    static let crisisteams = Precondition(.organisatie, "crisisteams", nl: "Crisisteam(s)", en: "Crisis team(s)")
    static let liaison = Precondition(.organisatie, "liaison", nl: "Liaison", en: "Liaison")
    static let functionarissen = Precondition(
        .organisatie, "functionarissen", nl: "Functionarissen voor IM en leiding & coördinatie",
        en: "Officials for IM and for leadership & coordination")
    static let technischBeheer = Precondition(
        .organisatie, "technisch-beheer", nl: "Technisch beheer en accountuitgifte", en: "Technical support and account issuance")
    // Process
    static let alarmering = Precondition(.proces, "alarmering", nl: "Alarmeringsafspraken", en: "Alarming agreements")
    static let signalering = Precondition(
        .proces, "signalering", nl: "Signaleren van (onjuiste) informatie", en: "Signalling (incorrect) information")
    static let toegangGebruik = Precondition(
        .proces, "toegang-gebruik", nl: "Afspraken over toegang tot en gebruik van informatie",
        en: "Agreements on access to and use of information")
    static let status = Precondition(
        .proces, "status", nl: "Afspraken over status crisispartner (monitorend of actief)",
        en: "Agreements on partner status (monitoring or active)")
    static let basisIM = Precondition(
        .proces, "basis-im", nl: "Basisinrichting IM (actualiseren, verifiëren, delen)",
        en: "Basic IM set-up (updating, verifying, sharing)")
    static let organisatiebredeIM = Precondition(
        .proces, "organisatiebrede-im", nl: "IM ingericht in de hele organisatie (actualiseren, verifiëren, delen)",
        en: "IM set up across the whole organisation (updating, verifying, sharing)")
    static let imOndersteuning = Precondition(.proces, "im-ondersteuning", nl: "IM-ondersteuning", en: "IM support")
    static let procesbeschrijving = Precondition(
        .proces, "procesbeschrijving", nl: "Interne procesbeschrijving van taken en verantwoordelijkheden",
        en: "Internal process description of tasks and responsibilities")
    // People
    static let basisopleiding = Precondition(
        .mensen, "basisopleiding-im", nl: "Basisopleiding IM", en: "Basic IM training")
    static let opleidingIM = Precondition(
        .mensen, "opleiding-im", nl: "Opleiding IM en leiding & coördinatie", en: "Training for IM and leadership & coordination")
    static let gebruikersovereenkomst = Precondition(
        .mensen, "gebruikersovereenkomst", nl: "Gebruikersovereenkomst per gebruiker", en: "User agreement per user")
    // Technology
    static let technischeEisen = Precondition(
        .techniek, "technische-eisen", nl: "Technische eisen voor gebruik van het systeem", en: "Technical requirements for use")
    static let technischAccountbeheer = Precondition(
        .techniek, "accountbeheer", nl: "Accountbeheer", en: "Account management")
    static let toegangBeelden = Precondition(
        .techniek, "toegang-beelden", nl: "Toegang tot relevante situatiebeelden of activiteiten",
        en: "Access to the relevant situation pictures or activities")
    static let uitwisselingBuiten = Precondition(
        .techniek, "uitwisseling-buiten", nl: "Informatie-uitwisseling met de regievoerende IM buiten het systeem",
        en: "Information exchange with the directing IM outside the system")

    /// The checklist for a profile, in the order of Tabel 3/4.
    public static func checklist(for profile: CollaborationProfile) -> [Precondition] {
        switch profile {
        case .standby:
            [
                kerntaken, informatieAanspreekpunt, accountbeheer, financiering, beslissingsbevoegde, mandaat,
                alarmering, signalering, toegangGebruik, status,
                basisopleiding, gebruikersovereenkomst,
                technischeEisen, technischAccountbeheer, toegangBeelden,
            ]
        case .koppel:
            [crisisteams, liaison, alarmering, uitwisselingBuiten]
        case .structureel:
            [
                kerntaken, functionarissen, financiering, beslissingsbevoegde, technischBeheer,
                basisIM, alarmering, toegangGebruik, status,
                opleidingIM, gebruikersovereenkomst,
                technischeEisen, technischAccountbeheer, toegangBeelden,
            ]
        case .kern:
            [
                kerntaken, functionarissen, financiering, beslissingsbevoegde, technischBeheer,
                organisatiebredeIM, alarmering, imOndersteuning, toegangGebruik, status, procesbeschrijving,
                opleidingIM, gebruikersovereenkomst,
                technischeEisen, technischAccountbeheer, toegangBeelden,
            ]
        case .adHoc:
            []
        }
    }
}
