import Foundation

/// Finds a meldkamer message's municipality and region, in this order: the place in the text (written out,
/// abbreviated, or ambiguous and settled by the region of the units alarmed or the postcode), the postcode,
/// the sender's coordinates, a region named in the text, and last the region of the units alarmed.
/// Confidence: 0.95 place named in full · 0.85 known abbreviation · 0.7 postcode or coordinates ·
/// 0.6 abbreviation matched by its letters · 0.5 ambiguous place settled by a hint · 0.4 region only.
public enum Geocoding {
    static func locate(
        place: MeldkamerReader.PlaceMatch?, postcode: String?, hintRegion: RegionCode?, coordinates: Position?,
        gazetteer: Gazetteer, locate: (Position) -> GazetteerMunicipality?, into reading: inout MeldkamerReading
    ) {
        var reasons: [String] = []
        var chosen: GazetteerMunicipality?
        var confidence = 0.0
        if let place {
            reading.place = place.written
            if place.abbreviated || place.fuzzy {
                let candidates = gazetteer.candidates(normalised: place.key)
                reading.placeExpanded = candidates.first.map { _ in displayName(place.key, gazetteer: gazetteer) }
            }
            if let region = place.region {
                reading.region = region
                confidence = 0.6
                reasons.append("regio genoemd in de tekst (\(place.written))")
            } else {
                let candidates = gazetteer.candidates(normalised: place.key)
                if candidates.count == 1 {
                    chosen = candidates[0]
                    confidence = place.fuzzy ? 0.6 : place.abbreviated ? 0.85 : 0.95
                } else if candidates.count > 1 {
                    let byPostcode = postcode.flatMap(gazetteer.municipalityOfPostcode)
                    if let hit = candidates.first(where: { $0.code == byPostcode?.code }) {
                        chosen = hit
                        reasons.append("plaatsnaam komt vaker voor; gekozen op postcode")
                    } else if let hint = hintRegion, let hit = candidates.first(where: { $0.region == hint }) {
                        chosen = hit
                        reasons.append("plaatsnaam komt vaker voor; gekozen op de regio van de eenheden")
                    } else {
                        chosen = candidates.first { Gazetteer.normalise(Gazetteer.withoutSuffix($0.name)) == place.key }
                            ?? candidates[0]
                        reasons.append("plaatsnaam komt vaker voor; de gemeente met die naam gekozen")
                    }
                    confidence = 0.5
                }
                if let chosen {
                    let how =
                        place.fuzzy
                        ? "afkorting \(place.written) gelezen als \(reading.placeExpanded ?? chosen.name)"
                        : place.abbreviated
                            ? "afkorting \(place.written) = \(reading.placeExpanded ?? chosen.name)"
                            : "plaats \(place.written)"
                    reasons.insert("\(how), gemeente \(chosen.name)", at: 0)
                }
            }
        }
        if chosen == nil, reading.region == nil, let postcode, let hit = gazetteer.municipalityOfPostcode(postcode) {
            chosen = hit
            confidence = 0.7
            reasons.append("postcode \(postcode) ligt in \(hit.name)")
        }
        if chosen == nil, reading.region == nil, let coordinates, let hit = locate(coordinates) {
            chosen = hit
            confidence = 0.7
            reasons.append("coördinaten van de melder liggen in \(hit.name)")
        }
        if let chosen {
            reading.municipality = chosen
            reading.region = chosen.region
            if let hint = hintRegion, hint != chosen.region {
                reasons.append("let op: eenheden uit \(hint.rawValue) (bijstand over de regiogrens?)")
            }
        } else if reading.region == nil, let hintRegion {
            reading.region = hintRegion
            confidence = 0.4
            reasons.append("alleen de regio, uit het roepnummer van de eenheden")
        }
        if let coordinates {
            reading.point = coordinates
            reading.pointIsExact = true
        } else {
            reading.point = reading.municipality?.point
        }
        if reading.region == nil { reasons.append("plaats niet herkend") }
        reading.confidence = confidence
        reading.reasons = reasons
    }

    /// A normalised place key written as people write it: the municipality's or the PlaceNames spelling.
    static func displayName(_ key: String, gazetteer: Gazetteer) -> String { gazetteer.displayName(key) }
}
