import Testing
import VaporTesting
@testable import KnooppuntServer
@Test func p() { #expect(1 + 1 == 2) }
