import Foundation
import Testing

@testable import KnooppuntCore

@Suite("SitRap composition")
struct SitRapComposerTests {
    static let start = Date(timeIntervalSince1970: 1_800_000_000)

    static func entry(_ text: String, _ verification: VerificationStatus, theme: Theme = .brandweer,
                      classification: Classification = .internal, shared: Bool = true) -> SitRapComposer.SourceEntry {
        .init(theme: theme, text: text, source: "OvD", observedAt: start, priority: .normaal, verification: verification,
              classification: classification, inSharedPicture: shared, onBehalfOf: nil)
    }

    static func input(_ entries: [SitRapComposer.SourceEntry], unverified: UnverifiedHandling = .leaveOut,
                      ceiling: Classification = .internal, history: [(Date, IncidentState)] = []) -> SitRapComposer.Input {
        let state = IncidentState(title: "Brand", category: .brand, startedAt: start, grip: .two, phase: .warm,
                                  involvedRegions: [RegionCode("VR13")!], leadRegion: RegionCode("VR13")!)
        return .init(number: 3, reference: "VR13-2027-0001", moment: start.addingTimeInterval(600), state: state,
                     history: history.isEmpty ? [(start, state)] : history, entries: entries, decisions: [], actions: [],
                     partners: [], issuedAt: start.addingTimeInterval(700), issuedBy: "im-vr13", issuedByOrganisation: "VR13",
                     scheduled: false, unverified: unverified, ceiling: ceiling, summary: nil)
    }

    @Test("verified entries only by default; unverified ones marked on request; contradicted, withdrawn and unadmitted never")
    func verification() {
        let entries = [Self.entry("A", .verified), Self.entry("B", .unverified), Self.entry("C", .contradicted),
                       Self.entry("D", .withdrawn), Self.entry("E", .verified, shared: false)]
        let plain = SitRapComposer.compose(Self.input(entries))
        #expect(plain.themes.flatMap(\.entries).map(\.text) == ["A"])
        let marked = SitRapComposer.compose(Self.input(entries, unverified: .mark))
        #expect(marked.themes.flatMap(\.entries).map { "\($0.text)\($0.verified ? "" : "?")" } == ["A", "B?"])
        #expect(marked.entryCount == 2 && marked.verifiedCount == 1)
    }

    @Test("nothing above the ceiling; the report's classification is the highest it holds")
    func ceiling() {
        let entries = [Self.entry("open", .verified, classification: .public), Self.entry("secret", .verified, classification: .confidential)]
        let report = SitRapComposer.compose(Self.input(entries, ceiling: .internal))
        #expect(report.themes.flatMap(\.entries).map(\.text) == ["open"])
        #expect(report.classification == .public)
        #expect(SitRapComposer.compose(Self.input(entries, ceiling: .confidential)).classification == .confidential)
    }

    @Test("GRIP history lists changes only, up to the moment; a generated summary names GRIP and counts")
    func history() {
        var state = IncidentState(title: "Brand", category: .brand, startedAt: Self.start, grip: .one, phase: .warm,
                                  involvedRegions: [RegionCode("VR13")!], leadRegion: RegionCode("VR13")!)
        var versions: [(Date, IncidentState)] = [(Self.start, state)]
        state.title = "Grote brand"
        versions.append((Self.start.addingTimeInterval(60), state))
        state.grip = .two
        state.gripReason = "Effecten buiten het plaats incident"
        versions.append((Self.start.addingTimeInterval(120), state))
        state.grip = .three
        versions.append((Self.start.addingTimeInterval(6000), state))
        let report = SitRapComposer.compose(Self.input([], history: versions))
        #expect(report.scaleHistory.map(\.grip) == [.one, .two])
        #expect(report.scaleHistory.last?.reason == "Effecten buiten het plaats incident")
        #expect(report.summary.contains("GRIP 2"))
        #expect(report.summary.contains("0 meldingen"))
    }
}
