import Foundation
import KnooppuntCore
import Plot

/// The incident's IRBT on the incident page (decision 0021): its members with the coördinerend
/// voorzitter, joint decisions with the regions that agreed, alignments with the Rijk, and the forms of
/// the involved regions' staff.
struct IRBTPanel: Bilingual {
    let irbt: IRBTView
    let incident: UUID
    let involvedRegions: [RegionCode]
    let regionNames: [String: String]
    /// An involved region's IM or voorzitter: form the team, choose the coördinerend voorzitter.
    let mayForm: Bool
    /// An involved region's crisis staff: record decisions and alignments.
    let mayRecord: Bool
    let csrfToken: String
    let language: KnooppuntCore.Language

    private var text: NationalText { NationalText(language: language) }
    private func name(_ region: RegionCode) -> String { regionNames[region.rawValue] ?? region.rawValue }

    func render() -> Node<HTML.BodyContext> {
        guard irbt.formed || irbt.possible else { return .empty }
        return .section(
            .class("card irbt"), .id("irbt"), .attribute(named: "aria-labelledby", value: "irbt-title"),
            .h2(.id("irbt-title"), .text(say(nl: "Interregionaal beleidsteam (IRBT)", en: "Interregional policy team (IRBT)"))),
            irbt.formed ? formed() : notFormed())
    }

    private func notFormed() -> Node<HTML.BodyContext> {
        .group(
            .p(.class("help"), .text(say(nl: "Twee of meer regio's betrokken: er kan een IRBT worden ingericht, waarin de voorzitters hun bevoegdheden afstemmen (002:L818-823).", en: "Two or more regions involved: an IRBT can be formed, in which the chairs align their powers (002:L818-823)."))),
            .if(mayForm, .form(
                .id("irbt-form"), .class("inline js-refresh"), .method(.post), .action(SiteURL.incident(.value(incident), .irbt).path),
                .input(.type(.hidden), .name(CSRFMiddleware.fieldName), .value(csrfToken)),
                .button(.type(.submit), .id("irbt-form-submit"), .text(say(nl: "IRBT inrichten", en: "Form the IRBT"))))))
    }

    private func formed() -> Node<HTML.BodyContext> {
        let origin = irbt.origin == .grip5 ? say(nl: "bij GRIP 5", en: "at GRIP 5") : say(nl: "op verzoek", en: "on request")
        return .group(
            .p(.class("muted"), .id("irbt-formed"), .text(
                say(nl: "Ingericht ", en: "Formed ") + origin + (irbt.formedAt.map { " · " + DisplayFormat.time($0) } ?? ""))),
            .ul(.id("irbt-members"), .class("irbt-members"), .forEach(irbt.members) { member in
                .li(.text(say(member.name)),
                    .if(member.coordinating, .span(.class("badge"), .text(" " + say(nl: "coördinerend voorzitter", en: "coordinating chair")))))
            }),
            .if(!irbt.possible, .p(.class("advice"), .attribute(named: "role", value: "note"), .text(say(nl: "Nog maar één regio betrokken: er valt niets af te stemmen tot er weer een tweede regio bij is.", en: "Only one region involved: there is nothing to align until a second region joins again.")))),
            .if(mayForm && irbt.possible, coordinatorForm()),
            .h3(.text(say(nl: "Gezamenlijke besluiten", en: "Joint decisions"))),
            irbt.decisions.isEmpty ? .p(.class("empty"), .text(say(nl: "Nog geen besluiten.", en: "No decisions yet.")))
                : .ul(.id("irbt-decisions"), .forEach(irbt.decisions) { decision in
                    .li(
                        .text(decision.text),
                        .span(.class(decision.allAgreed ? "badge" : "badge open"), .text(" " + (decision.allAgreed
                            ? say(nl: "alle voorzitters akkoord", en: "all chairs agreed")
                            : say(nl: "akkoord: ", en: "agreed: ") + decision.agreedRegions.map(name).joined(separator: ", ")))),
                        .span(.class("muted"), .text(" — " + DisplayFormat.time(decision.decidedAt) + " · "
                            + decision.recordedByName + " (" + decision.recordedByOrganisation + ")")))
                }),
            .if(mayRecord && irbt.possible, decisionForm()),
            .h3(.text(say(nl: "Afstemming met het Rijk", en: "Alignment with the Rijk"))),
            irbt.alignments.isEmpty ? .p(.class("empty"), .text(say(nl: "Nog niets vastgelegd.", en: "Nothing recorded yet.")))
                : .ul(.id("irbt-alignments"), .forEach(irbt.alignments) { alignment in
                    .li(
                        .strong(.text(alignment.with + ": ")), .text(alignment.text),
                        .span(.class("muted"), .text(" — " + DisplayFormat.time(alignment.at) + " · "
                            + alignment.recordedByName + " (" + alignment.recordedByOrganisation + ")")))
                }),
            .if(mayRecord && irbt.possible, alignmentForm()))
    }

    private func coordinatorForm() -> Node<HTML.BodyContext> {
        .details(
            .summary(.text(say(nl: "Coördinerend voorzitter wijzigen", en: "Change the coordinating chair"))),
            .form(
                .id("irbt-coordinator-form"), .class("inline js-refresh"), .method(.post), .action(SiteURL.incident(.value(incident), .irbtCoordinator).path),
                .input(.type(.hidden), .name(CSRFMiddleware.fieldName), .value(csrfToken)),
                .label(.for("irbt-coordinator"), .text(say(nl: "Regio", en: "Region"))),
                .select(.id("irbt-coordinator"), .attribute(named: "name", value: "coordinatingRegion"), .forEach(involvedRegions) { region in
                    .choice(region.rawValue, name(region), selected: region == irbt.coordinatingRegion)
                }),
                .button(.type(.submit), .class("small"), .text(say(nl: "Opslaan", en: "Save")))))
    }

    private func decisionForm() -> Node<HTML.BodyContext> {
        .details(
            .summary(.text(say(nl: "Gezamenlijk besluit vastleggen", en: "Record a joint decision"))),
            .form(
                .id("irbt-decision-form"), .class("stacked js-refresh js-reset"), .method(.post), .action(SiteURL.incident(.value(incident), .irbtDecisions).path),
                .input(.type(.hidden), .name(CSRFMiddleware.fieldName), .value(csrfToken)),
                .label(.for("irbt-decision-text"), .text(say(nl: "Besluit", en: "Decision"))),
                .textarea(.id("irbt-decision-text"), .name("text"), .required(true), .attribute(named: "rows", value: "2")),
                .div(
                    .class("checkbox-group"), .attribute(named: "role", value: "group"),
                    .attribute(named: "aria-label", value: say(nl: "Akkoord van de voorzitters van", en: "Agreed by the chairs of")),
                    .p(.class("help"), .text(say(nl: "Akkoord van de voorzitters van", en: "Agreed by the chairs of"))),
                    .forEach(involvedRegions) { region in
                        .label(.class("checkbox"),
                               .input(.type(.checkbox), .name("agreedRegions[]"), .value(region.rawValue)),
                               .text(" " + name(region)))
                    }),
                .button(.type(.submit), .id("irbt-decision-submit"), .text(say(nl: "Vastleggen", en: "Record")))))
    }

    private func alignmentForm() -> Node<HTML.BodyContext> {
        .details(
            .summary(.text(say(nl: "Afstemming met het Rijk vastleggen", en: "Record an alignment with the Rijk"))),
            .form(
                .id("irbt-alignment-form"), .class("stacked js-refresh js-reset"), .method(.post), .action(SiteURL.incident(.value(incident), .irbtAlignments).path),
                .input(.type(.hidden), .name(CSRFMiddleware.fieldName), .value(csrfToken)),
                .label(.for("irbt-alignment-with"), .text(say(nl: "Met wie (bijv. NCC, ministerie van JenV)", en: "With whom (e.g. NCC, ministry of JenV)"))),
                .input(.type(.text), .id("irbt-alignment-with"), .name("with"), .required(true)),
                .label(.for("irbt-alignment-text"), .text(say(nl: "Wat is afgestemd", en: "What was aligned"))),
                .textarea(.id("irbt-alignment-text"), .name("text"), .required(true), .attribute(named: "rows", value: "2")),
                .button(.type(.submit), .id("irbt-alignment-submit"), .text(say(nl: "Vastleggen", en: "Record")))))
    }
}
