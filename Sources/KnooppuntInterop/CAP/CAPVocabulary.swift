import KnooppuntCore

/// The closed value lists of CAP 1.2 (OASIS CAP 1.2 §3.2), for building alerts that validate.
public enum CAPVocabulary {
    public static let categories = ["Geo", "Met", "Safety", "Security", "Rescue", "Fire", "Health", "Env", "Transport", "Infra",
                                    "CBRNE", "Other"]
    public static let responseTypes = ["Shelter", "Evacuate", "Prepare", "Execute", "Avoid", "Monitor", "Assess", "AllClear",
                                       "None"]
    public static let urgencies = ["Immediate", "Expected", "Future", "Past", "Unknown"]
    public static let severities = ["Extreme", "Severe", "Moderate", "Minor", "Unknown"]
    public static let certainties = ["Observed", "Likely", "Possible", "Unlikely", "Unknown"]
}

/// What a person reads for a CAP code: Dutch and English words for the closed value lists (category,
/// responseType, urgency, severity, certainty, msgType, status, scope). The codes stay as they are in the
/// XML and the API; only pages use these labels. Dutch wording after the CAP 1.2 definitions
/// (OASIS CAP 1.2 §3.2.1–§3.2.2) as NL-Alert and the Dutch CAP profile use them for the public.
extension CAPVocabulary {
    public static let labels: [String: LocalizedLabel] = [
        // info.category
        "Geo": .init(nl: "Geofysisch", en: "Geophysical"),
        "Met": .init(nl: "Weer", en: "Meteorological"),
        "Safety": .init(nl: "Openbare veiligheid", en: "General safety"),
        "Security": .init(nl: "Openbare orde en beveiliging", en: "Law enforcement and security"),
        "Rescue": .init(nl: "Redding en berging", en: "Rescue and recovery"),
        "Fire": .init(nl: "Brand", en: "Fire"),
        "Health": .init(nl: "Gezondheid", en: "Public health"),
        "Env": .init(nl: "Milieu", en: "Environment"),
        "Transport": .init(nl: "Verkeer en vervoer", en: "Transport"),
        "Infra": .init(nl: "Infrastructuur en nutsvoorzieningen", en: "Infrastructure and utilities"),
        "CBRNE": .init(nl: "Gevaarlijke stoffen (CBRNE)", en: "Hazardous materials (CBRNE)"),
        "Other": .init(nl: "Overig", en: "Other"),
        // info.responseType
        "Shelter": .init(nl: "Schuilen: ga naar binnen", en: "Take shelter"),
        "Evacuate": .init(nl: "Evacueren: verlaat het gebied", en: "Evacuate"),
        "Prepare": .init(nl: "Voorbereiden", en: "Prepare"),
        "Execute": .init(nl: "Voer de instructie uit", en: "Execute the instruction"),
        "Avoid": .init(nl: "Vermijd het gebied", en: "Avoid the area"),
        "Monitor": .init(nl: "Volg het nieuws", en: "Monitor the news"),
        "Assess": .init(nl: "Beoordeel de situatie", en: "Assess the situation"),
        "AllClear": .init(nl: "Het gevaar is voorbij", en: "All clear"),
        "None": .init(nl: "Geen actie nodig", en: "No action needed"),
        // info.urgency
        "Immediate": .init(nl: "Direct", en: "Immediate"),
        "Expected": .init(nl: "Binnen het uur", en: "Within the hour"),
        "Future": .init(nl: "Later", en: "Later"),
        "Past": .init(nl: "Voorbij", en: "Past"),
        // info.severity
        "Extreme": .init(nl: "Zeer ernstig", en: "Extreme"),
        "Severe": .init(nl: "Ernstig", en: "Severe"),
        "Moderate": .init(nl: "Matig", en: "Moderate"),
        "Minor": .init(nl: "Gering", en: "Minor"),
        // info.certainty
        "Observed": .init(nl: "Waargenomen", en: "Observed"),
        "Likely": .init(nl: "Waarschijnlijk", en: "Likely"),
        "Possible": .init(nl: "Mogelijk", en: "Possible"),
        "Unlikely": .init(nl: "Onwaarschijnlijk", en: "Unlikely"),
        "Unknown": .init(nl: "Onbekend", en: "Unknown"),
        // alert.msgType
        "Alert": .init(nl: "Waarschuwing", en: "Alert"),
        "Update": .init(nl: "Aanvulling", en: "Update"),
        "Cancel": .init(nl: "Intrekking", en: "Withdrawal"),
        "Ack": .init(nl: "Ontvangstbevestiging", en: "Acknowledgement"),
        "Error": .init(nl: "Foutmelding", en: "Error"),
        // alert.status
        "Actual": .init(nl: "Echt", en: "Actual"),
        "Exercise": .init(nl: "Oefening", en: "Exercise"),
        "System": .init(nl: "Systeembericht", en: "System message"),
        "Test": .init(nl: "Test", en: "Test"),
        "Draft": .init(nl: "Concept", en: "Draft"),
        // alert.scope
        "Public": .init(nl: "Openbaar", en: "Public"),
        "Restricted": .init(nl: "Beperkt", en: "Restricted"),
        "Private": .init(nl: "Besloten", en: "Private"),
    ]

    /// The words for `code` in `language`; an unknown code (another profile's value) is shown as it is.
    public static func label(_ code: String, _ language: Language) -> String {
        labels[code]?.text(language) ?? code
    }
}
