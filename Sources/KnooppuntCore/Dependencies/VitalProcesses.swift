import Foundation

/// The 28 processes the Rijk designates as vital, with category (A: larger consequences when they fail, B:
/// smaller), sector and responsible ministry, as listed by the NCTV ("Overzicht vitale processen", nctv.nl,
/// onderwerpen/vitale-infrastructuur) and NIPV; copied from `shared/data/vital/vitale-processen.csv`. The list
/// is revised now and then: keep the source and date with it. The dependencies *between* processes are not
/// part of the list (decision 0032).
public enum VitalProcesses {
    public static let source = "NCTV, Overzicht vitale processen (nctv.nl, onderwerpen/vitale-infrastructuur), via NIPV"

    static let table: [(key: String, name: String, category: String, sector: String, ministry: String)] = [
        ("vp-elektriciteit-landelijk", "Landelijk transport en distributie elektriciteit", "A", "Energie", "EZK"),
        ("vp-elektriciteit-regionaal", "Regionale distributie elektriciteit", "B", "Energie", "EZK"),
        ("vp-gas-landelijk", "Gasproductie, landelijk transport en distributie gas", "A", "Energie", "EZK"),
        ("vp-gas-regionaal", "Regionale distributie gas", "B", "Energie", "EZK"),
        ("vp-olievoorziening", "Olievoorziening", "A", "Energie", "EZK"),
        ("vp-internet-en-datadiensten", "Internet en datadiensten", "B", "ICT/Telecom", "EZK"),
        ("vp-internettoegang-en-dataverkeer", "Internettoegang en dataverkeer", "B", "ICT/Telecom", "EZK"),
        ("vp-spraakdienst-en-sms", "Spraakdienst en SMS", "B", "ICT/Telecom", "EZK"),
        ("vp-gnss-plaats-en-tijd", "Plaats- en tijdsbepaling middels GNSS", "B", "ICT/Telecom", "IenW"),
        ("vp-drinkwatervoorziening", "Drinkwatervoorziening", "A", "Drinkwater", "IenW"),
        ("vp-keren-en-beheren-waterkwantiteit", "Keren en beheren waterkwantiteit", "A", "Water", "IenW"),
        ("vp-vlucht-en-vliegtuigafhandeling", "Vlucht- en vliegtuigafhandeling", "B", "Transport", "IenW"),
        ("vp-scheepvaartafwikkeling", "Scheepvaartafwikkeling", "B", "Transport", "IenW"),
        ("vp-vervoer-over-spoor", "Vervoer van personen en goederen over (hoofd)spoorweginfrastructuur", "B", "Transport", "IenW"),
        ("vp-vervoer-over-wegennet", "Vervoer over (hoofd)wegennet", "B", "Transport", "IenW"),
        ("vp-chemische-stoffen", "Grootschalige productie/verwerking en/of opslag (petro)chemische stoffen", "B", "Chemie", "IenW"),
        ("vp-nucleair-materiaal", "Opslag, productie en verwerking nucleair materiaal", "A", "Nucleair", "IenW"),
        ("vp-toonbankbetalingsverkeer", "Toonbankbetalingsverkeer", "B", "Financieel", "FIN"),
        ("vp-massaal-giraal-betalingsverkeer", "Massaal giraal betalingsverkeer", "B", "Financieel", "FIN"),
        ("vp-hoogwaardig-betalingsverkeer", "Hoogwaardig betalingsverkeer tussen banken", "B", "Financieel", "FIN"),
        ("vp-effectenverkeer", "Effectenverkeer", "B", "Financieel", "FIN"),
        ("vp-communicatie-112-en-c2000", "Communicatie met en tussen hulpdiensten middels 112 en C2000", "B", "Openbare orde en veiligheid", "JenV"),
        ("vp-inzet-politie", "Inzet politie", "B", "Openbare orde en veiligheid", "JenV"),
        ("vp-basisregistraties", "Basisregistraties personen en organisaties", "B", "Digitale overheidsprocessen", "BZK"),
        ("vp-interconnectiviteit-basisregistraties", "Interconnectiviteit (transactie-infrastructuur voor informatie uit basisregistraties)", "B", "Digitale overheidsprocessen", "BZK"),
        ("vp-elektronisch-berichtenverkeer-burgers", "Elektronisch berichtenverkeer en informatieverschaffing aan burgers", "B", "Digitale overheidsprocessen", "BZK"),
        ("vp-identificatie-en-authenticatie", "Identificatie en authenticatie van burgers en bedrijven", "B", "Digitale overheidsprocessen", "BZK"),
        ("vp-inzet-defensie", "Inzet defensie", "B", "Defensie", "DEF"),
    ]

    /// The processes as nodes of the dependency model: public, keyed `vp-…`.
    public static let nodes: [DependencyNode] = table.map {
        DependencyNode(key: $0.key, kind: .process, name: $0.name, description: "Sector \($0.sector)", vitalCategory: $0.category,
                       ministry: $0.ministry, classification: .public)
    }

    public static let keys: Set<String> = Set(table.map(\.key))
}
