import Foundation
import Testing

@testable import KnooppuntCore

@Suite("Region codes")
struct RegionCodeTests {
    @Test("VR01 to VR25 are region codes; nothing else is", arguments: ["VR00", "VR26", "VR1", "XX13", "VR013", "", "vr-1"])
    func rejects(_ text: String) {
        #expect(RegionCode(text) == nil)
    }

    @Test("codes are normalised to upper case and there are exactly 25")
    func accepts() {
        #expect(RegionCode("vr13")?.rawValue == "VR13")
        #expect(RegionCode.all.count == 25)
        #expect(RegionCode.all.first?.rawValue == "VR01")
        #expect(RegionCode.all.last?.rawValue == "VR25")
    }

    @Test("decoding a bad code names it")
    func decoding() throws {
        #expect(try JSONDecoder().decode([RegionCode].self, from: Data(#"["VR07"]"#.utf8)) == [RegionCode(number: 7)])
        do {
            _ = try JSONDecoder().decode([RegionCode].self, from: Data(#"["VR30"]"#.utf8))
            Issue.record("VR30 decoded")
        } catch let DecodingError.dataCorrupted(context) {
            #expect(context.debugDescription.contains("'VR30'"))
        }
    }
}

@Suite("Account rules")
struct AccountRuleTests {
    @Test("usernames", arguments: [("im-vr13", true), ("a", false), ("Admin", false), ("-x", false), ("jan.de_vries", true)])
    func usernames(_ name: String, valid: Bool) {
        #expect(((try? Username(name)) != nil) == valid)
    }

    @Test("passwords must be 10 characters and at most 72 bytes")
    func passwords() {
        #expect(throws: AccountRuleViolation.self) { try PasswordPolicy.check("kort") }
        #expect(throws: AccountRuleViolation.self) { try PasswordPolicy.check(String(repeating: "é", count: 40)) }
        #expect(throws: Never.self) { try PasswordPolicy.check("precies-10") }
    }

    @Test("every role and organisation kind has a Dutch and an English label")
    func labels() {
        for role in Role.allCases {
            #expect(!role.label.nl.isEmpty && !role.label.en.isEmpty)
        }
        #expect(Role.hoofdInformatie.label.text(.nl) == "Hoofd informatie (HIN)")
        #expect(Role.allCases.filter(\.isAdministrator) == [.beheerder])
        #expect(OrganisationKind.nationalNode.label.text(.en) == "National node")
    }
}

@Suite("Login throttle")
struct LoginThrottleTests {
    let throttle = LoginThrottle(maximumFailures: 3, window: 600)
    let start = Date(timeIntervalSince1970: 1_000_000)

    @Test("allows until the limit, then refuses until the oldest failure ages out")
    func refusesAtLimit() {
        let failures = [start, start.addingTimeInterval(60), start.addingTimeInterval(120)]
        #expect(throttle.decide(failures: Array(failures.prefix(2)), now: start.addingTimeInterval(130)) == .allow)
        #expect(throttle.decide(failures: failures, now: start.addingTimeInterval(130)) == .refuse(retryAfter: 470))
        #expect(throttle.decide(failures: failures, now: start.addingTimeInterval(600)) == .allow)
    }

    @Test("old failures do not count")
    func window() {
        let failures = [start, start.addingTimeInterval(1), start.addingTimeInterval(700)]
        #expect(throttle.decide(failures: failures, now: start.addingTimeInterval(701)) == .allow)
        #expect(throttle.recent(failures, now: start.addingTimeInterval(701)).count == 1)
    }
}
