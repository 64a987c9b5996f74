import Foundation
import KnooppuntCore
import Plot

/// A region's (or the national level's) phase towards a threat on a page (decision 0021): the phase,
/// why and since when, who set it, the earlier settings, and — for those who may set it — the form.
struct RegionPhasePanel: Bilingual {
    let phase: RegionPhases.PhaseDTO
    /// Where the form posts; nil when the reader may not set this phase.
    let formAction: String?
    let csrfToken: String
    /// A question to the region (cold phase while an incident runs at GRIP 1 or higher).
    var hint: LocalizedLabel? = nil
    let language: KnooppuntCore.Language

    private var text: NationalText { NationalText(language: language) }

    /// "Warme fase" or "Koude fase (niet vastgelegd)".
    static func phaseText(_ phase: RegionPhases.PhaseDTO, _ language: KnooppuntCore.Language) -> String {
        phase.phase.label.text(language) + (phase.recorded ? "" : language.say(nl: " (niet vastgelegd)", en: " (not recorded)"))
    }

    func render(id: String) -> Node<HTML.BodyContext> {
        .section(
            .class("card region-phase"), .id(id), .attribute(named: "aria-labelledby", value: id + "-title"),
            .h2(.id(id + "-title"), .text(phase.scope == PhaseScope.national.rawValue
                ? say(nl: "Landelijke fase", en: "National phase") : say(nl: "Fase van \(phase.name)", en: "Phase of \(phase.name)"))),
            .p(
                .span(.class("badge phase-\(phase.phase.rawValue)"), .id(id + "-value"), .text(Self.phaseText(phase, language))),
                .text(" " + phase.phase.meaning.text(language))),
            .unwrap(phase.current) { current in
                .p(.class("muted"), .text(
                    say(nl: "Sinds ", en: "Since ") + DisplayFormat.time(current.setAt) + " · " + current.setByName + " (" + current.setByOrganisation + ")"
                        + " · " + say(nl: "reden: ", en: "reason: ") + current.reason))
            },
            .unwrap(hint) { hint in .p(.class("advice"), .id(id + "-hint"), .attribute(named: "role", value: "note"), .text(hint.text(language))) },
            .if(phase.history.count > 1, .details(
                .summary(.text(say(nl: "Eerdere fasen", en: "Earlier phases"))),
                .ul(.class("phase-history"), .forEach(phase.history.dropFirst()) { setting in
                    .li(.text(setting.phase.label.text(language) + " · " + DisplayFormat.time(setting.setAt) + " · "
                        + setting.setByName + " (" + setting.setByOrganisation + ") · " + setting.reason))
                }))),
            .unwrap(formAction) { action in form(action, id: id) }
        )
    }

    private func form(_ action: String, id: String) -> Node<HTML.BodyContext> {
        .details(
            .summary(.text(say(nl: "Fase wijzigen", en: "Change the phase"))),
            .form(
                .id(id + "-form"), .class("stacked"), .method(.post), .action(action),
                .input(.type(.hidden), .name(CSRFMiddleware.fieldName), .value(csrfToken)),
                .label(.for(id + "-phase"), .text(say(nl: "Fase", en: "Phase"))),
                .select(.id(id + "-phase"), .attribute(named: "name", value: "phase"), .forEach(RegionPhase.allCases) { value in
                    .choice(value.rawValue, value.label.text(language) + " — " + value.meaning.text(language), selected: value == phase.phase)
                }),
                .label(.for(id + "-reason"), .text(say(nl: "Reden (verplicht)", en: "Reason (required)"))),
                .textarea(.id(id + "-reason"), .name("reason"), .required(true), .attribute(named: "minlength", value: "3"),
                          .attribute(named: "rows", value: "2")),
                .button(.type(.submit), .id(id + "-submit"), .text(say(nl: "Fase vastleggen", en: "Record the phase"))))
        )
    }
}
