import KnooppuntCore

/// The demo's organisations and people. The partners are real Dutch crisis partners; the people are
/// invented.
enum DemoData {
    struct Organisation: Sendable {
        let code: String
        let name: String
        let kind: OrganisationKind
    }

    struct Person: Sendable {
        let username: String
        let displayName: String
        let organisation: String
        let role: Role
    }

    static let nationalNode = Organisation(code: "KCR2", name: "Landelijk knooppunt KCR2 (LOCC)", kind: .nationalNode)

    static let others: [Organisation] = [
        Organisation(code: "JENV", name: "Ministerie van Justitie en Veiligheid (NCTV)", kind: .ministry),
        Organisation(code: "IENW", name: "Ministerie van Infrastructuur en Waterstaat", kind: .ministry),
        Organisation(code: "PNH", name: "Provincie Noord-Holland", kind: .other),
        // Fictitious: the seeds name no toetsingspartij (001:L2238-2240).
        Organisation(code: "TOETSPARTIJ", name: "Toetsingspartij Netcentrisch Werken (onafhankelijk)", kind: .other),
        Organisation(code: "VEILIGHEIDSBERAAD", name: "Veiligheidsberaad — Regiegroep Netcentrisch Werken", kind: .other),
        Organisation(code: "RWS", name: "Rijkswaterstaat", kind: .partner),
        Organisation(code: "WS-AGV", name: "Waterschap Amstel, Gooi en Vecht", kind: .partner),
        Organisation(code: "WATERNET", name: "Waternet", kind: .partner),
        Organisation(code: "TENNET", name: "TenneT", kind: .partner),
        Organisation(code: "ALLIANDER", name: "Alliander", kind: .partner),
        Organisation(code: "VITENS", name: "Vitens", kind: .partner),
        Organisation(code: "GASUNIE", name: "Gasunie", kind: .partner),
        Organisation(code: "DEFENSIE", name: "Ministerie van Defensie", kind: .partner),
        Organisation(code: "GGDGHOR", name: "GGD GHOR Nederland", kind: .partner),
        Organisation(code: "POLITIE", name: "Politie", kind: .partner),
        Organisation(code: "KNMI", name: "KNMI", kind: .partner),
        Organisation(code: "PRORAIL", name: "ProRail", kind: .partner),
        Organisation(code: "HBR", name: "Havenbedrijf Rotterdam", kind: .partner),
        Organisation(code: "SCHIPHOL", name: "Royal Schiphol Group", kind: .partner),
        Organisation(code: "NS", name: "NS", kind: .partner),
        Organisation(code: "RODEKRUIS", name: "Nederlandse Rode Kruis", kind: .partner),
        Organisation(code: "KPN", name: "KPN", kind: .partner),
        // Fictitious: a care home joined ad hoc to the demo incident, outside the partner registry (decision 0027 §6).
        Organisation(code: "AMSTELHOF", name: "Zorgcentrum Amstelhof", kind: .other),
    ]

    static let people: [Person] = [
        Person(username: "admin", displayName: "Beheer Knooppunt", organisation: "KCR2", role: .beheerder),
        Person(username: "im-vr13", displayName: "Sanne de Vries", organisation: "VR13", role: .informatiemanager),
        Person(username: "hin-vr13", displayName: "Mehmet Yilmaz", organisation: "VR13", role: .hoofdInformatie),
        Person(username: "ac-vr13", displayName: "Pieter Bakker", organisation: "VR13", role: .algemeenCommandant),
        Person(username: "ol-vr13", displayName: "Fatima El Amrani", organisation: "VR13", role: .operationeelLeider),
        // Region staff detached to partners without access of their own (decision 0027 §6, §8).
        Person(username: "hin-gedetacheerd-vr13", displayName: "Joost Visser", organisation: "VR13", role: .hinGedetacheerd),
        Person(username: "voorzitter-vr13", displayName: "Anne Jansen", organisation: "VR13", role: .voorzitter),
        Person(username: "im-vr12", displayName: "Lotte Smit", organisation: "VR12", role: .informatiemanager),
        Person(username: "im-vr17", displayName: "Ruben Mulder", organisation: "VR17", role: .informatiemanager),
        Person(username: "analist-kcr2", displayName: "Noor Hendriks", organisation: "KCR2", role: .kcr2Analist),
        Person(username: "rws", displayName: "Daan de Boer", organisation: "RWS", role: .partnerUser),
        Person(username: "waternet", displayName: "Eva Dekker", organisation: "WATERNET", role: .partnerUser),
        // Waternet's own liaison in VR13's coordinating team (koppelsamenwerking, 001:L756-764).
        Person(username: "liaison-waternet", displayName: "Kees Verhoef", organisation: "WATERNET", role: .liaison),
        Person(username: "tennet", displayName: "Lucas Peters", organisation: "TENNET", role: .partnerUser),
        Person(username: "vitens", displayName: "Iris van Dijk", organisation: "VITENS", role: .partnerUser),
        Person(username: "jenv", displayName: "Thomas Meijer", organisation: "JENV", role: .partnerUser),
        Person(username: "agv", displayName: "Sophie Bos", organisation: "WS-AGV", role: .partnerUser),
        Person(username: "rodekruis", displayName: "Milan Kok", organisation: "RODEKRUIS", role: .partnerUser),
        // The bestuur (decision 0020); their offices are in `offices`.
        Person(username: "bgm-ouder-amstel", displayName: "Gerrit Hoekstra", organisation: "VR13", role: .burgemeester),
        Person(username: "bgm-amstelveen", displayName: "Marloes de Wit", organisation: "VR13", role: .burgemeester),
        Person(username: "voorzitter-vr12", displayName: "Karin Willems", organisation: "VR12", role: .voorzitter),
        Person(username: "directeur-vr13", displayName: "Bas Koster", organisation: "VR13", role: .directeurVeiligheidsregio),
        Person(username: "dpg-vr13", displayName: "Linda Hermans", organisation: "VR13", role: .dpg),
        Person(username: "risicoadviseur-vr13", displayName: "Femke de Wit", organisation: "VR13", role: .risicoadviseur),
        // The calamiteitencoördinatoren of the meldkamers serving VR13 and VR17/VR18 (decision 0034).
        Person(username: "caco-amsterdam", displayName: "Naima Boukhari", organisation: "MK-AA", role: .calamiteitencoordinator),
        Person(username: "caco-rotterdam", displayName: "Wouter van Leeuwen", organisation: "MK-RD", role: .calamiteitencoordinator),
        Person(username: "minister-jenv", displayName: "Robert Kramer", organisation: "JENV", role: .minister),
        Person(username: "ncc-jenv", displayName: "Yara Postma", organisation: "JENV", role: .rijkscrisisstaf),
        Person(username: "minister-ienw", displayName: "Ellen Brouwer", organisation: "IENW", role: .minister),
        Person(username: "cdk-nh", displayName: "Arthur Verbeek", organisation: "PNH", role: .commissarisVanDeKoning),
        Person(username: "toetser", displayName: "Hanna Vermeulen", organisation: "TOETSPARTIJ", role: .toetser),
        Person(username: "voorzitter-regiegroep", displayName: "Erik van Leeuwen", organisation: "VEILIGHEIDSBERAAD", role: .voorzitterRegiegroep),
    ]

    /// Who holds which office of the bestuur. The voorzitter of a region is by law one of its
    /// burgemeesters (art. 11 Wvr, [PK]): the demo's chairs also bear the office of burgemeester.
    static let offices: [(username: String, office: AuthorityOffice)] = [
        ("voorzitter-vr13", .voorzitter(region: RegionCode(number: 13))),
        ("voorzitter-vr13", .burgemeester(gemeente: MunicipalityCode("GM0363")!)),
        ("voorzitter-vr12", .voorzitter(region: RegionCode(number: 12))),
        ("voorzitter-vr12", .burgemeester(gemeente: MunicipalityCode("GM0392")!)),
        ("bgm-ouder-amstel", .burgemeester(gemeente: MunicipalityCode("GM0437")!)),
        ("bgm-amstelveen", .burgemeester(gemeente: MunicipalityCode("GM0362")!)),
        ("minister-jenv", .minister(.justitieEnVeiligheid)),
        ("minister-ienw", .minister(.infrastructuurEnWaterstaat)),
        ("cdk-nh", .commissarisVanDeKoning(province: ProvinceCode("PV27")!)),
    ]

    /// Standing mandates: the NCC's crisis staff acts for the minister of JenV on scaling (an
    /// aanwijzing's matter, 002:L891-892); the burgemeester of Amstelveen lets the operational leader
    /// issue public warnings for Amstelveen, and the voorzitter of VR13 lets her request bijstand for
    /// the region through the LOCC.
    static let mandates: [(office: AuthorityOffice, mandatary: String, matters: [GovernanceMatter], note: String)] = [
        (.minister(.justitieEnVeiligheid), "ncc-jenv", [.scaling], "Namens de minister tijdens de crisis"),
        (.burgemeester(gemeente: MunicipalityCode("GM0362")!), "ol-vr13", [.publicWarning], "Publieksalarmering bij acuut gevaar"),
        (.voorzitter(region: RegionCode(number: 13)), "ol-vr13", [.bijstand], "Bijstandsaanvragen via het LOCC namens de voorzitter"),
    ]

    /// Seeded on a national node only: the emergency account that reads VR13's fallback picture (decision 0017).
    static let emergencyAccount = Person(
        username: "nood-vr13", displayName: "Noodaccount VR13", organisation: "VR13", role: .noodaccount)
}
