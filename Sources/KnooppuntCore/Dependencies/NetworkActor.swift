import Foundation

/// A role on the network map: the burgemeester's three roles (004:L70-74), the Rijk (004:L74-78,
/// L346-348), the national and sectoral cyber bodies and the vital providers. The nodes of the graph.
public enum NetworkActor: String, CaseIterable, Codable, Sendable, Comparable {
    case burgemeester
    /// The algemeen bestuur: the burgemeesters of the region together (004:L70-73 «bestuurslid»).
    case bestuurVeiligheidsregio = "bestuur-veiligheidsregio"
    case voorzitterVeiligheidsregio = "voorzitter-veiligheidsregio"
    case regioburgemeester
    /// The officier van justitie: needed for the aspect of cybercrime ([PK] Politiewet 2012 art. 12).
    case openbaarMinisterie = "openbaar-ministerie"
    case ministerJenV = "minister-jenv"
    case ministerEZK = "minister-ezk"
    case ministerIenW = "minister-ienw"
    case ministerBZK = "minister-bzk"
    /// Responsible for the financial vital processes of vitale-processen.csv.
    case ministerFinancien = "minister-fin"
    case ministerDefensie = "minister-defensie"
    case ncsc
    /// A sectoral CSIRT or CERT, or the CSIRT for digital service providers.
    case csirt
    case vitaleAanbieder = "vitale-aanbieder"

    public static func < (a: NetworkActor, b: NetworkActor) -> Bool {
        allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)!
    }

    public var label: LocalizedLabel {
        switch self {
        case .burgemeester: LocalizedLabel(nl: "Burgemeester", en: "Mayor")
        case .bestuurVeiligheidsregio: LocalizedLabel(nl: "Bestuur veiligheidsregio", en: "Board of the safety region")
        case .voorzitterVeiligheidsregio: LocalizedLabel(nl: "Voorzitter veiligheidsregio", en: "Chair of the safety region")
        case .regioburgemeester: LocalizedLabel(nl: "Regioburgemeester", en: "Regional mayor (police)")
        case .openbaarMinisterie: LocalizedLabel(nl: "Openbaar Ministerie (officier van justitie)", en: "Public Prosecution Service")
        case .ministerJenV: LocalizedLabel(nl: "Minister van JenV (NCTV)", en: "Minister of Justice and Security (NCTV)")
        case .ministerEZK: LocalizedLabel(nl: "Minister van EZK", en: "Minister of Economic Affairs")
        case .ministerIenW: LocalizedLabel(nl: "Minister van IenW", en: "Minister of Infrastructure and Water Management")
        case .ministerBZK: LocalizedLabel(nl: "Minister van BZK", en: "Minister of the Interior")
        case .ministerFinancien: LocalizedLabel(nl: "Minister van Financiën", en: "Minister of Finance")
        case .ministerDefensie: LocalizedLabel(nl: "Minister van Defensie", en: "Minister of Defence")
        case .ncsc: LocalizedLabel(nl: "NCSC", en: "NCSC (National Cyber Security Centre)")
        case .csirt: LocalizedLabel(nl: "Sectorale CSIRT / CERT", en: "Sector CSIRT / CERT")
        case .vitaleAanbieder: LocalizedLabel(nl: "Vitale aanbieder", en: "Vital provider")
        }
    }

    /// One line on who the actor is, for the page and the graph's legend.
    public var summary: LocalizedLabel {
        switch self {
        case .burgemeester:
            LocalizedLabel(nl: "Burgemeester van de eigen gemeente: openbare orde, lokale driehoek, voorlichting.",
                           en: "Mayor of the municipality: public order, the local triangle, informing the public.")
        case .bestuurVeiligheidsregio:
            LocalizedLabel(nl: "Het algemeen bestuur van de veiligheidsregio: de burgemeesters van de regio samen.",
                           en: "The general board of the safety region: the region's mayors together.")
        case .voorzitterVeiligheidsregio:
            LocalizedLabel(nl: "Voorzitter van de veiligheidsregio: bestuurlijk gezag bij een ramp of crisis van meer dan plaatselijke betekenis.",
                           en: "Chair of the safety region: authority in a disaster or crisis of more than local significance.")
        case .regioburgemeester:
            LocalizedLabel(nl: "Burgemeester die de burgemeesters van een regionale eenheid van de politie vertegenwoordigt.",
                           en: "The mayor who represents the mayors of a regional police unit.")
        case .openbaarMinisterie:
            LocalizedLabel(nl: "De officier van justitie: gezag over de politie bij de strafrechtelijke handhaving.",
                           en: "The public prosecutor: authority over the police in criminal law enforcement.")
        case .ministerJenV:
            LocalizedLabel(nl: "Coördinerend minister voor crisisbeheersing en nationale veiligheid; NCTV en NCSC vallen onder de minister.",
                           en: "Coordinating minister for crisis management and national security; the NCTV and NCSC report to them.")
        case .ministerEZK:
            LocalizedLabel(nl: "Vakminister voor energie en telecom/ICT.", en: "Minister responsible for energy and telecom/ICT.")
        case .ministerIenW:
            LocalizedLabel(nl: "Vakminister voor water, drinkwater, transport, chemie en nucleair.",
                           en: "Minister responsible for water, drinking water, transport, chemicals and nuclear.")
        case .ministerBZK:
            LocalizedLabel(nl: "Vakminister voor de digitale overheid en de informatiebeveiliging van de overheid.",
                           en: "Minister responsible for digital government and government information security.")
        case .ministerFinancien:
            LocalizedLabel(nl: "Vakminister voor het betalings- en effectenverkeer.", en: "Minister responsible for payments and securities.")
        case .ministerDefensie:
            LocalizedLabel(nl: "Militaire bijstand en steunverlening op verzoek van het bevoegd gezag.",
                           en: "Military assistance and support at the request of the competent authority.")
        case .ncsc:
            LocalizedLabel(nl: "Nationaal Cyber Security Centrum: CSIRT voor vitale aanbieders en de rijksoverheid.",
                           en: "National Cyber Security Centre: the CSIRT for vital providers and central government.")
        case .csirt:
            LocalizedLabel(nl: "Computer security incident response team van een sector of voor digitale dienstverleners.",
                           en: "Computer security incident response team of a sector or for digital service providers.")
        case .vitaleAanbieder:
            LocalizedLabel(nl: "Aanbieder van een vitaal proces of een essentiële dienst.",
                           en: "Provider of a vital process or an essential service.")
        }
    }

    /// Where the actor sits: the layers of the graph.
    public var level: NetworkLevel {
        switch self {
        case .burgemeester: .local
        case .bestuurVeiligheidsregio, .voorzitterVeiligheidsregio, .regioburgemeester, .openbaarMinisterie: .regional
        case .ministerJenV, .ministerEZK, .ministerIenW, .ministerBZK, .ministerFinancien, .ministerDefensie, .ncsc: .national
        case .csirt, .vitaleAanbieder: .sector
        }
    }

    /// The ministry code of vitale-processen.csv for a minister who belongs in a scenario only when one of
    /// their vital processes is affected. JenV (coordinating minister for crisis management) and Defensie
    /// (bijstand on request, whatever the process) have none: they are in every scenario.
    public var sectorMinistry: String? {
        switch self {
        case .ministerEZK: "EZK"
        case .ministerIenW: "IenW"
        case .ministerBZK: "BZK"
        case .ministerFinancien: "FIN"
        default: nil
        }
    }
}

/// The layer of government or society an actor belongs to.
public enum NetworkLevel: String, CaseIterable, Codable, Sendable {
    case local, regional, national, sector

    public var label: LocalizedLabel {
        switch self {
        case .local: LocalizedLabel(nl: "Lokaal", en: "Local")
        case .regional: LocalizedLabel(nl: "Regionaal", en: "Regional")
        case .national: LocalizedLabel(nl: "Nationaal", en: "National")
        case .sector: LocalizedLabel(nl: "Sector en aanbieders", en: "Sector and providers")
        }
    }
}
