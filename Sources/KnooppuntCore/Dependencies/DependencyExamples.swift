import Foundation

/// The examples of seed 004 as a dependency model, for the demo and the tests (decision 0032). The objects
/// have fictitious names near real places; every edge names the seed line it rests on, or says it is an
/// assumption and what it rests on.
public enum DependencyExamples {
    /// A line reference of seed 004 as a person reads it: "Bronnotitie digitale ontwrichting, regels 165-167".
    static func seed(_ lines: String) -> DependencySource {
        let numbers = lines.replacingOccurrences(of: "L", with: "")
        return DependencySource(kind: .seed, reference: "Bronnotitie digitale ontwrichting, \(numbers.contains("-") ? "regels" : "regel") \(numbers)")
    }
    static func assumption(_ why: String) -> DependencySource { DependencySource(kind: .assumption, reference: why) }

    /// 004:L163-171: «een digitale ontwrichting in de Rotterdamse haven, waardoor de afhandeling van goederen
    /// stilvalt, waardoor opstoppingen ontstaan op de aanvoerroutes in de regio of zelfs daarbuiten, waardoor
    /// de bereikbaarheid voor hulpdiensten afneemt. Ook in de scheepvaart en het railvervoer ontstaan
    /// stremmingen, waardoor een trein met chemische lading stil komt te staan in stedelijk gebied».
    public static let portNodes: [DependencyNode] = [
        DependencyNode(key: "vr17-havensysteem", kind: .object, name: "Havenbedrijfssysteem Maasvlakte (fictief)",
                       description: "Het digitale systeem waarmee terminals, douane en vervoerders lading afhandelen.",
                       objectType: .dataCentre, process: "vp-scheepvaartafwikkeling", owner: "HBR", region: RegionCode("VR17"),
                       location: Position(lon: 4.0520, lat: 51.9530)),
        DependencyNode(key: "vr17-containerterminal", kind: .object, name: "Containerterminal Maasvlakte-Noord (fictief)",
                       objectType: .portTerminal, process: "vp-scheepvaartafwikkeling", owner: "HBR", region: RegionCode("VR17"),
                       location: Position(lon: 4.0300, lat: 51.9650)),
        DependencyNode(key: "vr17-aanvoerroutes", kind: .function, name: "Doorstroming aanvoerroutes haven (A15, A4)",
                       functionType: .roadFlow, owner: "RWS", region: RegionCode("VR17"), location: Position(lon: 4.2800, lat: 51.8700),
                       classification: .internal),
        DependencyNode(key: "vr17-bereikbaarheid-hulpdiensten", kind: .function, name: "Bereikbaarheid hulpdiensten Botlek en Maasvlakte",
                       functionType: .emergencyReachability, region: RegionCode("VR17"), location: Position(lon: 4.2000, lat: 51.8850),
                       population: 45_000, classification: .internal),
        DependencyNode(key: "vr17-havenspoorlijn", kind: .function, name: "Doorstroming Havenspoorlijn en Betuweroute",
                       functionType: .railFlow, owner: "PRORAIL", region: RegionCode("VR17"), location: Position(lon: 4.4100, lat: 51.8800),
                       classification: .internal),
        DependencyNode(key: "vr18-chemietrein-stedelijk", kind: .function, name: "Trein met chemische lading stil in stedelijk gebied (Kijfhoek, Zwijndrecht)",
                       functionType: .chemicalSafety, owner: "PRORAIL", region: RegionCode("VR18"), location: Position(lon: 4.6000, lat: 51.8200),
                       population: 44_000, classification: .internal),
    ]

    public static let portEdges: [DependencyEdge] = [
        DependencyEdge(node: "vr17-containerterminal", dependsOn: "vr17-havensysteem", delayMinutes: 0, probability: 0.9,
                       source: seed("L163-165"), effect: "De afhandeling van goederen valt stil."),
        DependencyEdge(node: "vr17-aanvoerroutes", dependsOn: "vr17-containerterminal", delayMinutes: 60, probability: 0.8,
                       source: seed("L165-167"), effect: "Vrachtverkeer loopt vast op de aanvoerroutes in de regio en daarbuiten."),
        DependencyEdge(node: "vr17-bereikbaarheid-hulpdiensten", dependsOn: "vr17-aanvoerroutes", delayMinutes: 30, probability: 0.8,
                       source: seed("L167-168"), effect: "Hulpdiensten komen later ter plaatse."),
        DependencyEdge(node: "vr17-havenspoorlijn", dependsOn: "vr17-containerterminal", delayMinutes: 120, probability: 0.6,
                       source: seed("L169"), effect: "Stremming op het spoor: treinen kunnen de terminals niet op of af."),
        DependencyEdge(node: "vr18-chemietrein-stedelijk", dependsOn: "vr17-havenspoorlijn", delayMinutes: 60, probability: 0.5,
                       source: seed("L169-171"), effect: "Een trein met chemische lading komt stil te staan in stedelijk gebied."),
        DependencyEdge(node: "vr17-havensysteem", dependsOn: "vp-internettoegang-en-dataverkeer", delayMinutes: 30, probability: 0.7,
                       source: assumption("Aanname: het havensysteem werkt via internetverbindingen; uitwijk is beperkt.")),
    ]

    /// 004:L173-179: «een fysieke of digitale aanval op een groot internetknooppunt of een gelijktijdige aanval
    /// op enkele telefonieproviders, waardoor communicatieverbindingen uitvallen, waardoor chaos ontstaat in
    /// de openbare ruimte, mensen 112 slecht kunnen bereiken, communicatie tussen hulpdiensten wordt
    /// bemoeilijkt».
    public static let exchangeNodes: [DependencyNode] = [
        DependencyNode(key: "vr13-internetknooppunt", kind: .object, name: "Amstel Internet Exchange (fictief, AMS-IX-achtig)",
                       objectType: .internetExchange, process: "vp-internettoegang-en-dataverkeer", owner: "KPN", region: RegionCode("VR13"),
                       location: Position(lon: 4.9550, lat: 52.3560)),
        DependencyNode(key: "vr13-telefonie", kind: .object, name: "Telefoniecentrale Amsterdam-Oost (fictief)",
                       objectType: .telephonyProvider, process: "vp-spraakdienst-en-sms", owner: "KPN", region: RegionCode("VR13"),
                       location: Position(lon: 4.9300, lat: 52.3620)),
        DependencyNode(key: "vr13-bereikbaarheid-112", kind: .function, name: "Bereikbaarheid van 112 in Amsterdam-Amstelland",
                       functionType: .reachability112, owner: "POLITIE", region: RegionCode("VR13"), location: Position(lon: 4.9000, lat: 52.3700),
                       population: 1_050_000, classification: .internal),
        DependencyNode(key: "vr13-communicatie-hulpdiensten", kind: .function, name: "Communicatie tussen hulpdiensten Amsterdam-Amstelland",
                       functionType: .emergencyCommunication, region: RegionCode("VR13"), location: Position(lon: 4.8950, lat: 52.3650),
                       classification: .internal),
        DependencyNode(key: "vr13-openbare-orde", kind: .function, name: "Openbare orde in de openbare ruimte (Amsterdam)",
                       functionType: .publicOrder, owner: "POLITIE", region: RegionCode("VR13"), location: Position(lon: 4.8950, lat: 52.3700),
                       classification: .internal),
    ]

    public static let exchangeEdges: [DependencyEdge] = [
        DependencyEdge(node: "vr13-internetknooppunt", dependsOn: "vp-internettoegang-en-dataverkeer", delayMinutes: 0, probability: 0.5,
                       source: assumption("Aanname: landelijke uitval van dataverkeer raakt het knooppunt; het knooppunt is zelf redundant.")),
        DependencyEdge(node: "vr13-telefonie", dependsOn: "vr13-internetknooppunt", delayMinutes: 15, probability: 0.6,
                       source: seed("L173-175"), effect: "Communicatieverbindingen vallen uit."),
        DependencyEdge(node: "vr13-bereikbaarheid-112", dependsOn: "vr13-telefonie", delayMinutes: 0, probability: 0.8,
                       source: seed("L177"), effect: "Mensen kunnen 112 slecht bereiken."),
        DependencyEdge(node: "vr13-communicatie-hulpdiensten", dependsOn: "vr13-internetknooppunt", delayMinutes: 30, probability: 0.4,
                       source: seed("L177-179"), effect: "Communicatie tussen hulpdiensten wordt bemoeilijkt (C2000 zelf blijft werken)."),
        DependencyEdge(node: "vr13-openbare-orde", dependsOn: "vr13-bereikbaarheid-112", delayMinutes: 120, probability: 0.4,
                       source: seed("L175-177"), effect: "Chaos in de openbare ruimte."),
    ]

    /// 004:L148-150: «een stremming op de waterwegen door een niet-werkende sluis of … uitval in de
    /// elektriciteitsvoorziening». The Amstel polders are kept dry by pumping stations of the water board.
    public static let polderNodes: [DependencyNode] = [
        DependencyNode(key: "vr13-onderstation-diemen", kind: .object, name: "Onderstation Diemen (fictief)",
                       objectType: .powerSubstation, process: "vp-elektriciteit-regionaal", owner: "ALLIANDER", region: RegionCode("VR13"),
                       location: Position(lon: 4.9700, lat: 52.3400)),
        DependencyNode(key: "vr13-gemaal-amstelveen", kind: .object, name: "Gemaal Bovenkerkerpolder (fictief)",
                       objectType: .pumpingStation, process: "vp-keren-en-beheren-waterkwantiteit", owner: "WS-AGV", region: RegionCode("VR13"),
                       location: Position(lon: 4.8400, lat: 52.2800)),
        DependencyNode(key: "vr13-gemaal-ouderkerk", kind: .object, name: "Gemaal Ronde Hoep (fictief)",
                       objectType: .pumpingStation, process: "vp-keren-en-beheren-waterkwantiteit", owner: "WS-AGV", region: RegionCode("VR13"),
                       location: Position(lon: 4.9100, lat: 52.2900)),
        DependencyNode(key: "vr13-droge-voeten-amstelpolders", kind: .function, name: "Droge voeten in de Amstelpolders",
                       functionType: .dryFeet, owner: "WS-AGV", region: RegionCode("VR13"), location: Position(lon: 4.8900, lat: 52.2850),
                       population: 60_000, classification: .internal),
        DependencyNode(key: "vr13-drinkwater-amsterdam-zuid", kind: .function, name: "Drinkwater Amsterdam-Zuid en Amstelveen",
                       functionType: .drinkingWater, owner: "WATERNET", region: RegionCode("VR13"), location: Position(lon: 4.8700, lat: 52.3300),
                       population: 250_000, classification: .internal),
    ]

    public static let polderEdges: [DependencyEdge] = [
        DependencyEdge(node: "vr13-onderstation-diemen", dependsOn: "vp-elektriciteit-regionaal", delayMinutes: 0, probability: 0.9,
                       source: seed("L150"), effect: "Uitval in de elektriciteitsvoorziening."),
        DependencyEdge(node: "vr13-gemaal-amstelveen", dependsOn: "vr13-onderstation-diemen", delayMinutes: 0, probability: 0.8,
                       source: assumption("Aanname: het gemaal heeft geen eigen noodstroom voor langer dan een uur."), effect: "Het gemaal staat stil."),
        DependencyEdge(node: "vr13-gemaal-ouderkerk", dependsOn: "vr13-onderstation-diemen", delayMinutes: 60, probability: 0.7,
                       source: assumption("Aanname: noodstroom voor ongeveer een uur."), effect: "Het gemaal staat stil."),
        DependencyEdge(node: "vr13-gemaal-ouderkerk", dependsOn: "vr13-internetknooppunt", delayMinutes: 240, probability: 0.3,
                       source: assumption("Aanname: gemalen worden op afstand bediend; handbediening ter plaatse kost tijd."),
                       effect: "Bediening op afstand valt weg."),
        DependencyEdge(node: "vr13-droge-voeten-amstelpolders", dependsOn: "vr13-gemaal-amstelveen", delayMinutes: 720, probability: 0.6,
                       source: assumption("Aanname: bij zware neerslag stijgt het polderpeil binnen een halve dag te ver."), effect: "Wateroverlast in de polder."),
        DependencyEdge(node: "vr13-droge-voeten-amstelpolders", dependsOn: "vr13-gemaal-ouderkerk", delayMinutes: 720, probability: 0.6,
                       source: assumption("Aanname: bij zware neerslag stijgt het polderpeil binnen een halve dag te ver."), effect: "Wateroverlast in de polder."),
        DependencyEdge(node: "vr13-drinkwater-amsterdam-zuid", dependsOn: "vr13-onderstation-diemen", delayMinutes: 240, probability: 0.5,
                       source: assumption("Aanname: pompstations hebben noodstroom voor enkele uren; daarna daalt de druk."), effect: "Lage waterdruk of geen drinkwater."),
    ]

    public static var nodes: [DependencyNode] { VitalProcesses.nodes + portNodes + exchangeNodes + polderNodes }
    public static var edges: [DependencyEdge] { portEdges + exchangeEdges + polderEdges }
}
