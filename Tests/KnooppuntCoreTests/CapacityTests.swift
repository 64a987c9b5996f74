import Foundation
import Testing

@testable import KnooppuntCore

@Suite("Capacity: counts, the assistance lifecycle, brokering and who may act")
struct CapacityTests {
    @Test("available is what is neither unavailable nor committed; the holder's reserve is not offered; impossible counts are named")
    func counts() {
        let counts = CapacityCounts(count: 10, unavailable: 2, committed: 3, keepForOwn: 4)
        #expect(counts.available == 5)
        #expect(counts.offerable == 1)
        #expect(CapacityCounts(count: 4, unavailable: 1, committed: 0, keepForOwn: 9).offerable == 0)
        #expect(counts.problem == nil)
        #expect(CapacityCounts(count: 4, unavailable: 2, committed: 3).problem == "4 in all cannot hold 2 unavailable and 3 committed")
        #expect(CapacityCounts(count: -1, unavailable: 0, committed: 0).problem == "counts cannot be negative")
    }

    @Test("the status follows from what happened: draft, requested, offered, committed, deployed, released, and the endings")
    func lifecycle() {
        func status(_ submitted: Bool = true, _ ending: AssistanceLifecycle.Ending? = nil, offers: [OfferStatus] = [],
                    commitments: [CommitmentStatus] = []) -> AssistanceStatus {
            AssistanceLifecycle.status(submitted: submitted, ending: ending, offers: offers, commitments: commitments)
        }
        #expect(status(false) == .draft)
        #expect(status() == .requested)
        #expect(status(offers: [.declined]) == .requested)
        #expect(status(offers: [.proposed]) == .offered)
        #expect(status(offers: [.open, .declined]) == .offered)
        #expect(status(offers: [.accepted, .open], commitments: [.committed]) == .committed)
        #expect(status(commitments: [.deployed, .committed]) == .committed)
        #expect(status(commitments: [.deployed, .released]) == .deployed)
        #expect(status(commitments: [.released, .released]) == .released)
        #expect(status(true, .closed, commitments: [.released]) == .closed)
        #expect(status(false, .withdrawn) == .withdrawn)
        #expect(status(true, .declined, offers: [.open]) == .declined)
        #expect(AssistanceStatus.allCases.filter(\.isOpen) == [.requested, .offered, .committed, .deployed, .released])
    }

    @Test("an offer is accepted only within what was asked for and what the holder has available")
    func acceptance() {
        #expect(AssistanceLifecycle.acceptProblem(quantity: 2, requested: 2, alreadyCommitted: 0, offerable: 2) == nil)
        #expect(AssistanceLifecycle.acceptProblem(quantity: 2, requested: 3, alreadyCommitted: 2, offerable: 5)
            == "accepting 2 would commit 4 where 3 were asked for")
        #expect(AssistanceLifecycle.acceptProblem(quantity: 3, requested: 3, alreadyCommitted: 0, offerable: 1)
            == "the holder has 1 available to offer now, not 3")
        #expect(AssistanceLifecycle.acceptProblem(quantity: 3, requested: 3, alreadyCommitted: 0, offerable: nil) == nil, "an outside party's offer")
    }

    @Test("the broker ranks other holders by how soon they can be there and proposes no more than is needed")
    func broker() {
        // Amsterdam (request), Haarlem (close, slow to ready), Utrecht (further, ready at once), own region excluded.
        let amsterdam = (4.90, 52.37)
        let haarlem = CapacityBroker.Candidate(id: UUID(), holder: "VR12", offerable: 1, readinessMinutes: 45, home: (4.64, 52.38))
        let utrecht = CapacityBroker.Candidate(id: UUID(), holder: "VR09", offerable: 4, readinessMinutes: 0, home: (5.12, 52.09))
        let own = CapacityBroker.Candidate(id: UUID(), holder: "VR13", offerable: 9, readinessMinutes: 0, home: amsterdam)
        let empty = CapacityBroker.Candidate(id: UUID(), holder: "VR14", offerable: 0, readinessMinutes: 0, home: amsterdam)
        let proposals = CapacityBroker.proposals(needed: 3, at: amsterdam, requester: "VR13", candidates: [haarlem, utrecht, own, empty])
        #expect(proposals.map(\.candidate.holder) == ["VR09"], "Utrecht is there sooner and has all three")
        #expect(proposals.first?.quantity == 3)
        let more = CapacityBroker.proposals(needed: 6, at: amsterdam, requester: "VR13", candidates: [haarlem, utrecht])
        #expect(more.map(\.quantity) == [4, 1])
        #expect(more.map(\.candidate.holder) == ["VR09", "VR12"])
        let distance = CapacityBroker.distanceKm(amsterdam, (5.12, 52.09))
        #expect(distance > 34 && distance < 36, "Amsterdam–Utrecht is about 35 km as the crow flies")
        #expect(CapacityBroker.proposals(needed: 0, at: nil, requester: "VR13", candidates: [utrecht]).isEmpty)
    }

    @Test("each organisation acts for itself; the national node brokers; administrators keep only the catalogue")
    func policy() {
        func subject(_ role: Role, _ organisation: String, _ kind: OrganisationKind) -> Subject {
            Subject(username: "u", role: role, organisationCode: organisation, organisationKind: kind,
                    regionCode: kind == .region ? RegionCode(number: Int(organisation.dropFirst(2)) ?? 13) : nil)
        }
        let im13 = subject(.informatiemanager, "VR13", .region)
        let liaison13 = subject(.liaison, "VR13", .region)
        let kcr2 = subject(.kcr2Analist, "KCR2", .nationalNode)
        let rws = subject(.partnerUser, "RWS", .partner)
        let admin = subject(.beheerder, "KCR2", .nationalNode)
        #expect(CapacityPolicy.decide(im13, .read).allowed)
        #expect(CapacityPolicy.decide(rws, .read).allowed)
        #expect(!CapacityPolicy.decide(admin, .read).allowed)
        #expect(CapacityPolicy.decide(admin, .manageCatalogue).allowed)
        #expect(!CapacityPolicy.decide(im13, .manageCatalogue).allowed)
        #expect(CapacityPolicy.decide(im13, .editHolder("VR13")).allowed)
        #expect(!CapacityPolicy.decide(im13, .editHolder("VR12")).allowed)
        #expect(!CapacityPolicy.decide(liaison13, .editHolder("VR13")).allowed)
        #expect(CapacityPolicy.decide(im13, .request(requester: "VR13")).allowed)
        #expect(CapacityPolicy.decide(kcr2, .request(requester: "KCR2")).allowed)
        #expect(!CapacityPolicy.decide(rws, .request(requester: "RWS")).allowed, "partners offer; regions and the national node ask")
        #expect(CapacityPolicy.decide(rws, .offer(holder: "RWS", requester: "VR13")).allowed)
        #expect(!CapacityPolicy.decide(im13, .offer(holder: "VR13", requester: "VR13")).allowed)
        #expect(!CapacityPolicy.decide(im13, .offer(holder: "VR12", requester: "VR13")).allowed)
        #expect(CapacityPolicy.decide(kcr2, .broker).allowed)
        #expect(!CapacityPolicy.decide(im13, .broker).allowed)
        #expect(!CapacityPolicy.decide(im13, .actAsRequester("VR12")).allowed)
    }

    @Test("the seeded catalogue has the types the issue names, each code valid and unique")
    func catalogue() {
        let codes = CapacityType.seeded.map(\.code)
        #expect(Set(codes).count == codes.count)
        #expect(codes.allSatisfy(CapacityType.isValidCode))
        for needed in ["ts", "hv", "redvoertuig", "waterongevallen", "usar", "ambulance", "opvangteam", "pomp", "aggregaat", "zandzakvuller", "drone"] {
            #expect(codes.contains(needed))
        }
        #expect(!CapacityType.isValidCode("Pomp"))
    }
}
