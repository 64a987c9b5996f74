import Foundation

/// Place names a meldkamer writes that are not the name of a municipality: residential places (woonplaatsen)
/// and parts of a town, with the municipality they lie in, and the abbreviations dispatch systems put on a
/// pager. Hand-compiled by the project from public knowledge of the BAG woonplaatsen and the municipal
/// reorganisations up to 1 January 2023 (the CBS indeling the bundled boundaries follow); it is **not** the
/// complete BAG list (about 2,500 places), which could not be fetched here. Every municipality named is
/// checked against the CBS list by a test (decision 0034). The 342 municipality names themselves always count
/// as places.
public enum PlaceNames {
    /// Woonplaats or town part → the municipality's CBS name.
    static let places: [(place: String, municipality: String)] = [
        // VR01 Groningen
        ("Hoogezand", "Midden-Groningen"), ("Sappemeer", "Midden-Groningen"), ("Slochteren", "Midden-Groningen"),
        ("Winschoten", "Oldambt"), ("Scheemda", "Oldambt"), ("Delfzijl", "Eemsdelta"), ("Appingedam", "Eemsdelta"),
        ("Haren", "Groningen"), ("Leek", "Westerkwartier"), ("Zuidhorn", "Westerkwartier"), ("Marum", "Westerkwartier"),
        ("Grijpskerk", "Westerkwartier"), ("Uithuizen", "Het Hogeland"), ("Winsum", "Het Hogeland"),
        ("Bedum", "Het Hogeland"), ("Ter Apel", "Westerwolde"), ("Vlagtwedde", "Westerwolde"),
        // VR02 Fryslân
        ("Drachten", "Smallingerland"), ("Sneek", "Súdwest-Fryslân"), ("Snits", "Súdwest-Fryslân"),
        ("Bolsward", "Súdwest-Fryslân"), ("Workum", "Súdwest-Fryslân"), ("Franeker", "Waadhoeke"),
        ("Dokkum", "Noardeast-Fryslân"), ("Kollum", "Noardeast-Fryslân"), ("Joure", "De Fryske Marren"),
        ("Lemmer", "De Fryske Marren"), ("Wolvega", "Weststellingwerf"), ("Oosterwolde", "Ooststellingwerf"),
        ("Burgum", "Tytsjerksteradiel"), ("Buitenpost", "Achtkarspelen"), ("Gorredijk", "Opsterland"),
        ("Grou", "Leeuwarden"), ("Akkrum", "Heerenveen"), ("West-Terschelling", "Terschelling"),
        ("Hollum", "Ameland"), ("Oost-Vlieland", "Vlieland"),
        // VR03 Drenthe
        ("Klazienaveen", "Emmen"), ("Nieuw-Amsterdam", "Emmen"), ("Roden", "Noordenveld"), ("Norg", "Noordenveld"),
        ("Peize", "Noordenveld"), ("Beilen", "Midden-Drenthe"), ("Westerbork", "Midden-Drenthe"), ("Dalen", "Coevorden"),
        ("Zuidlaren", "Tynaarlo"), ("Vries", "Tynaarlo"), ("Eelde", "Tynaarlo"), ("Gieten", "Aa en Hunze"),
        ("Annen", "Aa en Hunze"), ("Borger", "Borger-Odoorn"), ("Exloo", "Borger-Odoorn"), ("Havelte", "Westerveld"),
        ("Diever", "Westerveld"), ("Dwingeloo", "Westerveld"), ("Ruinen", "De Wolden"), ("Zuidwolde", "De Wolden"),
        // VR04 IJsselland
        ("IJsselmuiden", "Kampen"), ("Dedemsvaart", "Hardenberg"), ("Nieuwleusen", "Dalfsen"),
        ("Steenwijk", "Steenwijkerland"), ("Vollenhove", "Steenwijkerland"), ("Giethoorn", "Steenwijkerland"),
        ("Genemuiden", "Zwartewaterland"), ("Hasselt", "Zwartewaterland"), ("Heino", "Raalte"), ("Bathmen", "Deventer"),
        ("Wijhe", "Olst-Wijhe"), ("Olst", "Olst-Wijhe"), ("Rouveen", "Staphorst"),
        // VR05 Twente
        ("Nijverdal", "Hellendoorn"), ("Rijssen", "Rijssen-Holten"), ("Holten", "Rijssen-Holten"),
        ("Vriezenveen", "Twenterand"), ("Vroomshoop", "Twenterand"), ("Goor", "Hof van Twente"),
        ("Delden", "Hof van Twente"), ("Denekamp", "Dinkelland"), ("Ootmarsum", "Dinkelland"),
        ("Weerselo", "Dinkelland"), ("Glanerbrug", "Enschede"),
        // VR06 Noord- en Oost-Gelderland
        ("Borculo", "Berkelland"), ("Eibergen", "Berkelland"), ("Neede", "Berkelland"), ("Groenlo", "Oost Gelre"),
        ("Lichtenvoorde", "Oost Gelre"), ("Bredevoort", "Aalten"), ("Dinxperlo", "Aalten"), ("Didam", "Montferland"),
        ("'s-Heerenberg", "Montferland"), ("Vorden", "Bronckhorst"), ("Zelhem", "Bronckhorst"),
        ("Eerbeek", "Brummen"), ("Wezep", "Oldebroek"), ("Vaassen", "Epe"), ("Ulft", "Oude IJsselstreek"),
        ("Gendringen", "Oude IJsselstreek"), ("Twello", "Voorst"), ("Gorssel", "Lochem"),
        // VR07 Gelderland-Midden
        ("Velp", "Rheden"), ("Dieren", "Rheden"), ("Oosterbeek", "Renkum"), ("Doorwerth", "Renkum"),
        ("Heelsum", "Renkum"), ("Bennekom", "Ede"), ("Lunteren", "Ede"), ("Voorthuizen", "Barneveld"),
        ("Elst", "Overbetuwe"), ("Huissen", "Lingewaard"), ("Bemmel", "Lingewaard"), ("Gendt", "Lingewaard"),
        ("Dodewaard", "Neder-Betuwe"), ("Kesteren", "Neder-Betuwe"), ("Opheusden", "Neder-Betuwe"),
        // VR08 Gelderland-Zuid
        ("Groesbeek", "Berg en Dal"), ("Ubbergen", "Berg en Dal"), ("Malden", "Heumen"), ("Geldermalsen", "West Betuwe"),
        ("Beesd", "West Betuwe"), ("Ewijk", "Beuningen"), ("Beneden-Leeuwen", "West Maas en Waal"),
        ("Kerkdriel", "Maasdriel"), ("Lienden", "Buren"), ("Maurik", "Buren"),
        // VR09 Utrecht
        ("Bilthoven", "De Bilt"), ("Maartensdijk", "De Bilt"), ("Maarssen", "Stichtse Vecht"),
        ("Breukelen", "Stichtse Vecht"), ("Nigtevecht", "Stichtse Vecht"), ("Loenen aan de Vecht", "Stichtse Vecht"),
        ("Vleuten", "Utrecht"), ("De Meern", "Utrecht"), ("Driebergen-Rijsenburg", "Utrechtse Heuvelrug"),
        ("Doorn", "Utrechtse Heuvelrug"), ("Amerongen", "Utrechtse Heuvelrug"), ("Leersum", "Utrechtse Heuvelrug"),
        ("Maarn", "Utrechtse Heuvelrug"), ("Hoogland", "Amersfoort"), ("Soesterberg", "Soest"),
        ("Mijdrecht", "De Ronde Venen"), ("Vinkeveen", "De Ronde Venen"), ("Wilnis", "De Ronde Venen"),
        ("Harmelen", "Woerden"), ("Kamerik", "Woerden"), ("Vianen", "Vijfheerenlanden"),
        ("Leerdam", "Vijfheerenlanden"), ("Bunschoten-Spakenburg", "Bunschoten"), ("Spakenburg", "Bunschoten"),
        ("Benschop", "Lopik"), ("Odijk", "Bunnik"), ("Den Dolder", "Zeist"), ("Achterveld", "Leusden"),
        ("Linschoten", "Montfoort"),
        // VR10 Noord-Holland-Noord
        ("Heerhugowaard", "Dijk en Waard"), ("Broek op Langedijk", "Dijk en Waard"), ("Sint Pancras", "Dijk en Waard"),
        ("Den Burg", "Texel"), ("De Koog", "Texel"), ("Oudeschild", "Texel"), ("Anna Paulowna", "Hollands Kroon"),
        ("Wieringerwerf", "Hollands Kroon"), ("Hippolytushoef", "Hollands Kroon"), ("Julianadorp", "Den Helder"),
        ("Egmond aan Zee", "Bergen (NH.)"), ("Schoorl", "Bergen (NH.)"), ("Limmen", "Castricum"),
        ("Akersloot", "Castricum"), ("Bovenkarspel", "Stede Broec"), ("Grootebroek", "Stede Broec"),
        ("Wervershoof", "Medemblik"), ("Andijk", "Medemblik"), ("Zwaag", "Hoorn"), ("Obdam", "Koggenland"),
        ("De Rijp", "Alkmaar"), ("Schermerhorn", "Alkmaar"), ("Warmenhuizen", "Schagen"), ("Callantsoog", "Schagen"),
        // VR11 Zaanstreek-Waterland
        ("Zaandam", "Zaanstad"), ("Wormerveer", "Zaanstad"), ("Krommenie", "Zaanstad"), ("Koog aan de Zaan", "Zaanstad"),
        ("Zaandijk", "Zaanstad"), ("Assendelft", "Zaanstad"), ("Westzaan", "Zaanstad"), ("Middenbeemster", "Purmerend"),
        ("Edam", "Edam-Volendam"), ("Volendam", "Edam-Volendam"), ("Monnickendam", "Waterland"),
        ("Broek in Waterland", "Waterland"), ("Ilpendam", "Waterland"), ("Wormer", "Wormerland"), ("Jisp", "Wormerland"),
        ("Den Ilp", "Landsmeer"),
        // VR12 Kennemerland
        ("Hoofddorp", "Haarlemmermeer"), ("Nieuw-Vennep", "Haarlemmermeer"), ("Badhoevedorp", "Haarlemmermeer"),
        ("Schiphol", "Haarlemmermeer"), ("Zwanenburg", "Haarlemmermeer"), ("Lisserbroek", "Haarlemmermeer"),
        ("Vijfhuizen", "Haarlemmermeer"), ("Cruquius", "Haarlemmermeer"), ("Rijsenhout", "Haarlemmermeer"),
        ("IJmuiden", "Velsen"), ("Velsen-Noord", "Velsen"), ("Driehuis", "Velsen"), ("Santpoort-Noord", "Velsen"),
        ("Santpoort-Zuid", "Velsen"), ("Overveen", "Bloemendaal"), ("Aerdenhout", "Bloemendaal"),
        ("Bennebroek", "Bloemendaal"), ("Vogelenzang", "Bloemendaal"), ("Spaarndam", "Haarlem"),
        ("Wijk aan Zee", "Beverwijk"),
        // VR13 Amsterdam-Amstelland
        ("Weesp", "Amsterdam"), ("Driemond", "Amsterdam"), ("Amsterdam-Zuidoost", "Amsterdam"),
        ("Amsterdam Zuidoost", "Amsterdam"), ("Duivendrecht", "Ouder-Amstel"),
        ("Ouderkerk aan de Amstel", "Ouder-Amstel"), ("Kudelstaart", "Aalsmeer"), ("Nes aan de Amstel", "Amstelveen"),
        ("De Kwakel", "Uithoorn"),
        // VR14 Gooi en Vechtstreek
        ("Bussum", "Gooise Meren"), ("Naarden", "Gooise Meren"), ("Muiden", "Gooise Meren"),
        ("Muiderberg", "Gooise Meren"), ("Loosdrecht", "Wijdemeren"), ("Ankeveen", "Wijdemeren"),
        ("Kortenhoef", "Wijdemeren"), ("Nederhorst den Berg", "Wijdemeren"),
        // VR15 Haaglanden
        ("Den Haag", "'s-Gravenhage"), ("Scheveningen", "'s-Gravenhage"), ("Loosduinen", "'s-Gravenhage"),
        ("Ypenburg", "'s-Gravenhage"), ("Naaldwijk", "Westland"), ("Monster", "Westland"), ("'s-Gravenzande", "Westland"),
        ("Wateringen", "Westland"), ("De Lier", "Westland"), ("Poeldijk", "Westland"), ("Honselersdijk", "Westland"),
        ("Kwintsheul", "Westland"), ("Maasdijk", "Westland"), ("Ter Heijde", "Westland"),
        ("Leidschendam", "Leidschendam-Voorburg"), ("Voorburg", "Leidschendam-Voorburg"),
        ("Stompwijk", "Leidschendam-Voorburg"), ("Pijnacker", "Pijnacker-Nootdorp"), ("Nootdorp", "Pijnacker-Nootdorp"),
        ("Delfgauw", "Pijnacker-Nootdorp"), ("Maasland", "Midden-Delfland"), ("Schipluiden", "Midden-Delfland"),
        ("Den Hoorn", "Midden-Delfland"),
        // VR16 Hollands Midden
        ("Sassenheim", "Teylingen"), ("Voorhout", "Teylingen"), ("Warmond", "Teylingen"), ("Rijnsburg", "Katwijk"),
        ("Noordwijkerhout", "Noordwijk"), ("Boskoop", "Alphen aan den Rijn"), ("Hazerswoude-Dorp", "Alphen aan den Rijn"),
        ("Bodegraven", "Bodegraven-Reeuwijk"), ("Reeuwijk", "Bodegraven-Reeuwijk"),
        ("Nieuwerkerk aan den IJssel", "Zuidplas"), ("Moordrecht", "Zuidplas"), ("Zevenhuizen", "Zuidplas"),
        ("Gouderak", "Krimpenerwaard"), ("Schoonhoven", "Krimpenerwaard"), ("Bergambacht", "Krimpenerwaard"),
        ("Ouderkerk aan den IJssel", "Krimpenerwaard"), ("Stolwijk", "Krimpenerwaard"),
        ("Lekkerkerk", "Krimpenerwaard"), ("Roelofarendsveen", "Kaag en Braassem"), ("Ter Aar", "Nieuwkoop"),
        ("Nieuwveen", "Nieuwkoop"),
        // VR17 Rotterdam-Rijnmond
        ("Spijkenisse", "Nissewaard"), ("Heenvliet", "Nissewaard"), ("Zuidland", "Nissewaard"),
        ("Hellevoetsluis", "Voorne aan Zee"), ("Brielle", "Voorne aan Zee"), ("Oostvoorne", "Voorne aan Zee"),
        ("Rockanje", "Voorne aan Zee"), ("Rozenburg", "Rotterdam"), ("Hoek van Holland", "Rotterdam"),
        ("Pernis", "Rotterdam"), ("Hoogvliet", "Rotterdam"), ("Maasvlakte", "Rotterdam"), ("Botlek", "Rotterdam"),
        ("Europoort", "Rotterdam"), ("Berkel en Rodenrijs", "Lansingerland"), ("Bergschenhoek", "Lansingerland"),
        ("Bleiswijk", "Lansingerland"), ("Rhoon", "Albrandswaard"), ("Poortugaal", "Albrandswaard"),
        ("Middelharnis", "Goeree-Overflakkee"), ("Sommelsdijk", "Goeree-Overflakkee"), ("Ouddorp", "Goeree-Overflakkee"),
        ("Dirksland", "Goeree-Overflakkee"), ("Oude-Tonge", "Goeree-Overflakkee"), ("Stellendam", "Goeree-Overflakkee"),
        ("Den Bommel", "Goeree-Overflakkee"), ("Bolnes", "Ridderkerk"),
        // VR18 Zuid-Holland-Zuid
        ("Heerjansdam", "Zwijndrecht"), ("Oud-Beijerland", "Hoeksche Waard"), ("Puttershoek", "Hoeksche Waard"),
        ("'s-Gravendeel", "Hoeksche Waard"), ("Numansdorp", "Hoeksche Waard"), ("Strijen", "Hoeksche Waard"),
        ("Klaaswaal", "Hoeksche Waard"), ("Maasdam", "Hoeksche Waard"), ("Mijnsheerenland", "Hoeksche Waard"),
        ("Giessenburg", "Molenlanden"), ("Bleskensgraaf", "Molenlanden"), ("Nieuw-Lekkerland", "Molenlanden"),
        ("Arkel", "Molenlanden"), ("Hoornaar", "Molenlanden"), ("Groot-Ammers", "Molenlanden"), ("Dordt", "Dordrecht"),
        // VR19 Zeeland
        ("Zierikzee", "Schouwen-Duiveland"), ("Brouwershaven", "Schouwen-Duiveland"), ("Renesse", "Schouwen-Duiveland"),
        ("Burgh-Haamstede", "Schouwen-Duiveland"), ("Domburg", "Veere"), ("Westkapelle", "Veere"),
        ("Sas van Gent", "Terneuzen"), ("Axel", "Terneuzen"), ("Sluiskil", "Terneuzen"), ("Oostburg", "Sluis"),
        ("Breskens", "Sluis"), ("Cadzand", "Sluis"), ("Aardenburg", "Sluis"), ("Kruiningen", "Reimerswaal"),
        ("Yerseke", "Reimerswaal"), ("Heinkenszand", "Borsele"), ("'s-Gravenpolder", "Borsele"),
        ("Sint-Maartensdijk", "Tholen"), ("Kamperland", "Noord-Beveland"), ("Wissenkerke", "Noord-Beveland"),
        ("Arnemuiden", "Middelburg (Z.)"), ("Oost-Souburg", "Vlissingen"),
        // VR20 Midden- en West-Brabant
        ("Raamsdonksveer", "Geertruidenberg"), ("Made", "Drimmelen"), ("Terheijden", "Drimmelen"),
        ("Rijen", "Gilze en Rijen"), ("Gilze", "Gilze en Rijen"), ("Kaatsheuvel", "Loon op Zand"),
        ("Berkel-Enschot", "Tilburg"), ("Udenhout", "Tilburg"), ("Zevenbergen", "Moerdijk"), ("Klundert", "Moerdijk"),
        ("Willemstad", "Moerdijk"), ("Fijnaart", "Moerdijk"), ("Oudenbosch", "Halderberge"), ("Hoeven", "Halderberge"),
        ("Sprundel", "Rucphen"), ("Ossendrecht", "Woensdrecht"), ("Hoogerheide", "Woensdrecht"),
        ("Werkendam", "Altena"), ("Woudrichem", "Altena"), ("Sleeuwijk", "Altena"), ("Chaam", "Alphen-Chaam"),
        ("Waspik", "Waalwijk"), ("Sprang-Capelle", "Waalwijk"), ("Moergestel", "Oisterwijk"),
        ("Teteringen", "Breda"), ("Prinsenbeek", "Breda"), ("Bavel", "Breda"), ("Ulvenhout", "Breda"),
        // VR21 Brabant-Noord
        ("Den Bosch", "'s-Hertogenbosch"), ("Rosmalen", "'s-Hertogenbosch"), ("Veghel", "Meierijstad"),
        ("Schijndel", "Meierijstad"), ("Sint-Oedenrode", "Meierijstad"), ("Uden", "Maashorst"),
        ("Cuijk", "Land van Cuijk"), ("Boxmeer", "Land van Cuijk"), ("Grave", "Land van Cuijk"),
        ("Mill", "Land van Cuijk"), ("Sint Anthonis", "Land van Cuijk"), ("Heesch", "Bernheze"),
        ("Nistelrode", "Bernheze"), ("Heeswijk-Dinther", "Bernheze"), ("Drunen", "Heusden"), ("Vlijmen", "Heusden"),
        ("Nieuwkuijk", "Heusden"), ("Berlicum", "Sint-Michielsgestel"), ("Den Dungen", "Sint-Michielsgestel"),
        ("Ravenstein", "Oss"), ("Berghem", "Oss"), ("Lith", "Oss"),
        // VR22 Brabant-Zuidoost
        ("Geldrop", "Geldrop-Mierlo"), ("Mierlo", "Geldrop-Mierlo"), ("Nuenen", "Nuenen, Gerwen en Nederwetten"),
        ("Son", "Son en Breugel"), ("Budel", "Cranendonck"), ("Maarheeze", "Cranendonck"), ("Heeze", "Heeze-Leende"),
        ("Leende", "Heeze-Leende"), ("Gemert", "Gemert-Bakel"), ("Bakel", "Gemert-Bakel"),
        ("Beek en Donk", "Laarbeek"), ("Lieshout", "Laarbeek"), ("Aarle-Rixtel", "Laarbeek"),
        ("Reusel", "Reusel-De Mierden"), ("Hoogeloon", "Bladel"), ("Lierop", "Someren"),
        // VR23 Limburg-Noord
        ("Blerick", "Venlo"), ("Tegelen", "Venlo"), ("Arcen", "Venlo"), ("Panningen", "Peel en Maas"),
        ("Baarlo", "Peel en Maas"), ("Horst", "Horst aan de Maas"), ("Sevenum", "Horst aan de Maas"),
        ("Echt", "Echt-Susteren"), ("Susteren", "Echt-Susteren"), ("Swalmen", "Roermond"), ("Heythuysen", "Leudal"),
        ("Haelen", "Leudal"), ("Thorn", "Maasgouw"), ("Maasbracht", "Maasgouw"), ("Herkenbosch", "Roerdalen"),
        ("Reuver", "Beesel"),
        // VR24 Limburg-Zuid
        ("Sittard", "Sittard-Geleen"), ("Geleen", "Sittard-Geleen"), ("Born", "Sittard-Geleen"),
        ("Hoensbroek", "Heerlen"), ("Schinveld", "Beekdaelen"), ("Nuth", "Beekdaelen"), ("Gulpen", "Gulpen-Wittem"),
        ("Eijsden", "Eijsden-Margraten"), ("Margraten", "Eijsden-Margraten"),
        ("Cadier en Keer", "Eijsden-Margraten"), ("Valkenburg", "Valkenburg aan de Geul"),
        // VR25 Flevoland
        ("Emmeloord", "Noordoostpolder"), ("Marknesse", "Noordoostpolder"), ("Biddinghuizen", "Dronten"),
        ("Swifterbant", "Dronten"),
    ]

    /// Abbreviations of place names as dispatch systems write them on a pager (six capitals, or a
    /// well-known short form), → the place. Others are matched by the letters they keep (see `Gazetteer`).
    static let abbreviations: [(abbreviation: String, place: String)] = [
        ("SGRAVH", "'s-Gravenhage"), ("DHAAG", "'s-Gravenhage"), ("ASD", "Amsterdam"), ("ADAM", "Amsterdam"),
        ("RDAM", "Rotterdam"), ("ROTTDM", "Rotterdam"), ("UTR", "Utrecht"), ("SHERTB", "'s-Hertogenbosch"),
        ("DENBSH", "'s-Hertogenbosch"), ("DORDT", "Dordrecht"), ("EHV", "Eindhoven"), ("SGRAVZ", "'s-Gravenzande"),
        ("SGRAVD", "'s-Gravendeel"), ("SHEERB", "'s-Heerenberg"), ("CAPIJS", "Capelle aan den IJssel"),
        ("KRIMIJ", "Krimpen aan den IJssel"), ("NWKIJS", "Nieuwerkerk aan den IJssel"), ("BERGOZ", "Bergen op Zoom"),
        ("ALPHRN", "Alphen aan den Rijn"), ("HOEKVH", "Hoek van Holland"), ("DENBOM", "Den Bommel"),
        ("DENHDR", "Den Helder"), ("AMSZO", "Amsterdam-Zuidoost"),
    ]

    /// The roepnummer (call number) of a Dutch fire or ambulance unit starts with the number of the safety
    /// region it belongs to (national call-number plan of the brandweer, IFV/NIPV): `13AST` and `159635` are
    /// units of regions 13 and 15. A hint only: units help in neighbouring regions.
    public static func regionOfUnit(_ token: String) -> RegionCode? {
        let digits = token.prefix(2)
        guard digits.count == 2, digits.allSatisfy(\.isASCIIDigit), token.count >= 4, token.count <= 8,
            let number = Int(digits), (1...RegionCode.count).contains(number)
        else { return nil }
        return RegionCode(number: number)
    }
}

extension Character {
    var isASCIIDigit: Bool { isASCII && isNumber }
    var isASCIIUpper: Bool { isASCII && isUppercase }
}
