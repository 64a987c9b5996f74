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
