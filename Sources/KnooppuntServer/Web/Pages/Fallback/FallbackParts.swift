import Foundation
import KnooppuntCore
import Plot

/// The banner every fallback page opens with: whose copy this is, its ceiling, and that reads are journaled.
func fallbackBanner(_ strings: FallbackStrings) -> Node<HTML.BodyContext> {
    .div(
        .id("fallback-banner"), .class("fallback-banner"), .attribute(named: "role", value: "note"),
        .p(.strong(.text(strings.banner))),
        .p(.text(strings.ceilingNote + " " + strings.journaledNote)))
}

func printButton(_ strings: FallbackStrings) -> Node<HTML.BodyContext> {
    .button(.type(.button), .id("fallback-print"), .class("no-print small"), .text(strings.print))
}
