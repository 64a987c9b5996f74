/// A functional role a user holds within their organisation.
public enum Role: String, CaseIterable, Codable, Sendable {
    case informatiemanager
    case hoofdInformatie = "hoofd-informatie"
    case algemeenCommandant = "algemeen-commandant"
    case operationeelLeider = "operationeel-leider"
    /// The partner's own person who joins the region's coordinating team (001:L756-764): belongs to a
    /// partner organisation and acts only for it, while it is linked under koppel or ad hoc (decision 0027 §8).
    case liaison
    /// Region staff detached to a partner without access of its own (Tabel 1, 001:L1120-1139): reads as
    /// region staff and enters information on behalf of koppel partners and of the ad-hoc partners it is
    /// detached to (decision 0027 §6, §8). Formerly the region role "liaison".
    case hinGedetacheerd = "hin-gedetacheerd"
    case voorzitter
    case kcr2Analist = "kcr2-analist"
    case partnerUser = "partner-user"
    case beheerder
    /// An emergency account on the national node, bound to one region: it reads only that region's
    /// fallback picture while the region's own node is down (decision 0017).
    case noodaccount
    /// The bestuur (decision 0020): the office a burgemeester, minister or commissaris van de Koning holds
    /// is recorded in the office register; the role says what kind of person signs in.
    case burgemeester
    /// A minister: of Justitie en Veiligheid or a vakminister, by the office recorded.
    case minister
    /// Staff of the NCC/NCTV who act for a minister, only under a recorded mandate.
    case rijkscrisisstaf = "rijkscrisisstaf"
    case commissarisVanDeKoning = "commissaris-van-de-koning"
    case directeurVeiligheidsregio = "directeur-veiligheidsregio"
    /// Directeur Publieke Gezondheid: leads the GHOR, sits in the GBT or RBT (002:L1004-1005).
    case dpg
    /// A tester of an independent toetsingspartij: records richting, inrichting, verrichting and the
    /// advice on a collaboration (001:L2238-2246, decision 0027 §3).
    case toetser
    /// The chair of the Regiegroep Netcentrisch Werken: takes the standpoint on the advice «met mandaat
    /// van de directeuren Veiligheidsregio» (001:L2266-2270).
    case voorzitterRegiegroep = "voorzitter-regiegroep"
    /// The region's risk advisor: keeps its regional risk profile and plans in the cold phase and opens
    /// risk pictures of a threat (decision 0028). Region staff.
    case risicoadviseur
    /// The calamiteitencoördinator (CaCo) of a meldkamer: «de taken en rol van de calamiteitencoördinator als
    /// brug tussen regio's en meldkamer» (000:L470-472). Sees the incident proposals of the regions the
    /// meldkamer serves, promotes them, and keeps an incident's meldkamer theme until the IM takes over
    /// (decision 0034).
    case calamiteitencoordinator = "calamiteitencoordinator"

    public var label: LocalizedLabel {
        switch self {
        case .informatiemanager: LocalizedLabel(nl: "Informatiemanager", en: "Information manager")
        case .hoofdInformatie: LocalizedLabel(nl: "Hoofd informatie (HIN)", en: "Head of information (HIN)")
        case .algemeenCommandant: LocalizedLabel(nl: "Algemeen commandant (AC)", en: "General commander (AC)")
        case .operationeelLeider: LocalizedLabel(nl: "Operationeel leider", en: "Operational leader")
        case .liaison: LocalizedLabel(nl: "Liaison van de crisispartner", en: "Crisis partner's liaison")
        case .hinGedetacheerd: LocalizedLabel(nl: "HIN gedetacheerd", en: "Detached head of information (HIN)")
        case .voorzitter: LocalizedLabel(nl: "Voorzitter veiligheidsregio", en: "Chair of the safety region")
        case .kcr2Analist: LocalizedLabel(nl: "KCR2-analist", en: "KCR2 analyst")
        case .partnerUser: LocalizedLabel(nl: "Gebruiker crisispartner", en: "Crisis partner user")
        case .beheerder: LocalizedLabel(nl: "Beheerder", en: "Administrator")
        case .noodaccount: LocalizedLabel(nl: "Noodaccount (terugvalbeeld)", en: "Emergency account (fallback picture)")
        case .burgemeester: LocalizedLabel(nl: "Burgemeester", en: "Mayor (burgemeester)")
        case .minister: LocalizedLabel(nl: "Minister", en: "Minister")
        case .rijkscrisisstaf: LocalizedLabel(nl: "Crisisstaf Rijk (NCC/NCTV)", en: "National crisis staff (NCC/NCTV)")
        case .commissarisVanDeKoning: LocalizedLabel(nl: "Commissaris van de Koning", en: "King's commissioner")
        case .directeurVeiligheidsregio: LocalizedLabel(nl: "Directeur veiligheidsregio", en: "Director of the safety region")
        case .dpg: LocalizedLabel(nl: "Directeur Publieke Gezondheid (DPG)", en: "Director of Public Health (DPG)")
        case .toetser: LocalizedLabel(nl: "Toetser (onafhankelijke toetsingspartij)", en: "Tester (independent assessor)")
        case .voorzitterRegiegroep: LocalizedLabel(nl: "Voorzitter regiegroep Netcentrisch Werken", en: "Chair of the Netcentric Working steering group")
        case .risicoadviseur: LocalizedLabel(nl: "Risicoadviseur", en: "Risk advisor")
        case .calamiteitencoordinator: LocalizedLabel(nl: "Calamiteitencoördinator (CaCo)", en: "Calamity coordinator (CaCo)")
        }
    }

    /// People who enter information for a partner rather than act for the region: the partner's liaison and
    /// the region's detached HIN. Neither opens incidents, changes them, nor acts for the region's capacity,
    /// warnings, layers or reports.
    public var worksForPartner: Bool { self == .liaison || self == .hinGedetacheerd }

    /// The roles that belong to a partner organisation, never to a region (decision 0027 §8).
    public var belongsToPartner: Bool { self == .liaison || self == .partnerUser }

    /// Administrators manage organisations, users and nodes.
    public var isAdministrator: Bool { self == .beheerder }

    /// Emergency accounts read their region's fallback picture and nothing else.
    public var isEmergencyAccount: Bool { self == .noodaccount }

    /// People of the Rijk and the province who read the national picture's level of an incident but do
    /// not write regional pictures: ministers, their crisis staff and the commissaris van de Koning.
    public var isRijkOrProvince: Bool { self == .minister || self == .rijkscrisisstaf || self == .commissarisVanDeKoning }
}
