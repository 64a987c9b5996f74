import Foundation
import KnooppuntCore
import KnooppuntInterop

/// A map of every open incident the user may see, regions coloured by their highest GRIP level.
struct NationalMapPage {
    let strings: UIStrings
    let csrfToken: String
    let user: CurrentUser
    let incidents: [IncidentView]
    let leafletAvailable: Bool
    let tileURL: String?
}

/// An incident as the map scripts show it: marker, tooltip, region colour and where a click leads.
struct MapMarker: Encodable {
    let id: UUID
    let reference: String
    let title: String
    let grip: Int
    /// "GRIP 3 (lokaal)", "geen GRIP / routine".
    let gripLabel: String
    let regions: [String]
    let category: String
    let location: JSONValue?
    let url: String

    /// An incident of the national picture, linking to its details from the source node.
    init(_ summary: IncidentSummary, node: String, language: KnooppuntCore.Language) {
        self.init(
            id: summary.incident, reference: summary.reference, title: summary.title, grip: summary.grip, language: language,
            regions: summary.involvedRegions.map(\.rawValue), category: summary.category.label.text(language),
            location: summary.location.flatMap { try? JSONDecoder().decode(JSONValue.self, from: Data($0.utf8)) },
            url: NationalPicturePage.detailURL(node, summary.incident))
    }

    init(id: UUID, reference: String, title: String, grip: GRIPLevel, language: KnooppuntCore.Language, regions: [String],
         category: String, location: JSONValue?, url: String) {
        self.id = id
        self.reference = reference
        self.title = title
        self.grip = grip.rawValue
        self.gripLabel = grip.scaleLabel.text(language)
        self.regions = regions
        self.category = category
        self.location = location
        self.url = url
    }

    static func json(_ markers: [MapMarker]) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return (try? encoder.encode(markers)).map { String(decoding: $0, as: UTF8.self) } ?? "[]"
    }
}
