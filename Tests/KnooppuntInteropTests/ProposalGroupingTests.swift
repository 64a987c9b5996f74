import Foundation
import KnooppuntCore
import Testing

/// Grouping meldkamer messages into incident proposals, on hand-made sequences.
@Suite("Meldkamer messages grouped into incident proposals")
struct ProposalGroupingTests {
    static let start = Date(timeIntervalSince1970: 1_577_833_200)  // 2020-01-01 00:00 CET

    /// Runs a sequence through the grouping as the intake does: join the best match or open a new proposal.
    static func group(_ lines: [(minute: Double, text: String, point: Position?)]) -> (proposals: [ProposalSnapshot], reasons: [String?]) {
        var proposals: [ProposalSnapshot] = []
        var reasons: [String?] = []
        for line in lines {
            let message = GroupedMessage(
                receivedAt: start.addingTimeInterval(line.minute * 60), reading: MeldkamerReadingTests.read(line.text, at: line.point))
            if let match = ProposalGrouping.match(message, among: proposals),
                let index = proposals.firstIndex(where: { $0.id == match.proposalID })
            {
                proposals[index].messages.append(message)
                reasons.append(match.reason)
            } else if ProposalGrouping.proposes(message.reading), let region = message.reading.region {
                proposals.append(ProposalSnapshot(id: "p\(proposals.count + 1)", region: region, messages: [message]))
                reasons.append(nil)
            } else {
                reasons.append("—")
            }
        }
        return (proposals, reasons)
    }

    @Test("same street within the window joins, with the reason and the escalation")
    func sameStreet() {
        let (proposals, reasons) = Self.group([
            (0, "P 2 BAD-02 BR woning , Nico Snijdersstraat Amsterdam 13AST", nil),
            (4, "P 1 BAD-02 BR woning , Nico Snijdersstraat Amsterdam 13AST 13ASW", nil),
            (20, "P 2 BAD-02 BR nacontrole , Nico Snijdersstraat Amsterdam 13AST", nil),
        ])
        #expect(proposals.count == 1)
        #expect(proposals[0].messages.count == 3)
        #expect(proposals[0].highestPriority == 1)
        #expect(proposals[0].suggestedCategory == .brand)
        #expect(reasons[1] == "zelfde straat (Nico Snijdersstraat) en 4 min na het vorige bericht; prioriteit verhoogd naar 1")
    }

    @Test("the same street after the window, or in another municipality, opens a new proposal")
    func windowAndMunicipality() {
        let (proposals, _) = Self.group([
            (0, "P 2 BAD-02 BR container , Dorpsstraat Amsterdam 13AST", nil),
            (45, "P 2 BAD-02 BR container , Dorpsstraat Amsterdam 13AST", nil),
            (46, "P 2 BAD-03 BR container , Dorpsstraat Amstelveen 13AVN", nil),
        ])
        #expect(proposals.count == 3)
    }

    @Test("nearby coordinates join; far apart do not; other regions never")
    func nearby() {
        let dam = Position(lon: 4.8917, lat: 52.3731)
        let nearDam = Position(lon: 4.8935, lat: 52.3738)  // about 140 m
        let haarlem = Position(lon: 4.6364, lat: 52.3812)
        let (proposals, reasons) = Self.group([
            (0, "P 1 BAD-01 BR gebouw , Damrak Amsterdam 13ASD", dam),
            (6, "P 1 BAD-01 Reanimatie , Warmoesstraat Amsterdam 13ASD", nearDam),
            (7, "P 1 BKM-01 BR gebouw , Grote Markt Haarlem 121130", haarlem),
        ])
        #expect(proposals.count == 2)
        #expect(reasons[1]?.hasPrefix("1") == true && reasons[1]?.contains("m van een eerder bericht") == true)
        #expect(proposals.map(\.region.rawValue).sorted() == ["VR12", "VR13"])
    }

    @Test("a follow-up for a unit already on the proposal joins; a new container fire for the same unit does not")
    func followUp() {
        let (proposals, reasons) = Self.group([
            (0, "P 1 BAD-06 BR industrie , Westhavenweg Amsterdam 13ASN", nil),
            (12, "P 1 BAD-06 (Middelbrand) opschaling , Amsterdam 13ASN 13ASW", nil),
            (14, "P 2 BAD-02 BR container , Javakade Amsterdam 13ASN", nil),
        ])
        #expect(proposals.count == 2)
        #expect(reasons[1]?.contains("vervolgbericht voor eenheid 13ASN") == true)
    }

    @Test("announcements and messages without a place open no proposal")
    func noProposal() {
        let (proposals, reasons) = Self.group([
            (0, "PROEFALARM VEILIGHEIDSREGIO BRABANT-ZUIDOOST", nil),
            (1, "P 5 Geplande actie , Elandsgracht Amsterdam", nil),
            (2, "Graag eerst even bellen", nil),
        ])
        #expect(proposals.isEmpty)
        #expect(reasons == ["—", "—", "—"])
    }

    @Test("the Amsterdam New Year's Eve set forms proposals that keep follow-ups together")
    func amsterdamSet() {
        let set = MeldkamerReadingTests.amsterdamSet
        let formatter = ISO8601DateFormatter()
        var proposals: [ProposalSnapshot] = []
        var joined = 0
        for (index, message) in set.enumerated() {
            guard let at = message.timestamp.flatMap(formatter.date(from:)) else { continue }
            let grouped = GroupedMessage(receivedAt: at, reading: MeldkamerReadingTests.read(message.message))
            if let match = ProposalGrouping.match(grouped, among: proposals),
                let i = proposals.firstIndex(where: { $0.id == match.proposalID })
            {
                proposals[i].messages.append(grouped)
                joined += 1
            } else if ProposalGrouping.proposes(grouped.reading), let region = grouped.reading.region {
                proposals.append(ProposalSnapshot(id: "\(index)", region: region, messages: [grouped]))
            }
        }
        // Most messages on New Year's Eve are separate container and car fires; some are follow-ups.
        #expect(joined > 0)
        #expect(proposals.count > set.count / 2)
        #expect(proposals.allSatisfy { $0.region.rawValue == "VR13" })
    }
}
