import Foundation
import KnooppuntCore
import Plot

/// How `SitRapListPage` is drawn: its HTML, from the model's data.
extension SitRapListPage {
    private var s: SitRapStrings { strings.sitrap }

    private var language: KnooppuntCore.Language { strings.language }

    private var base: String { SiteURL.incident(.value(incident.id), .sitraps).path }

    func render() -> String {
        let layout = Layout(title: "\(s.title) · \(incident.reference)", strings: strings, csrfToken: csrfToken, user: user, path: base)
        return layout.render(
            .group(
                .p(.a(.href(SiteURL.incident(.value(incident.id)).path), .text("← \(incident.reference) · \(incident.title)"))),
                .h1(.id("sitraps-heading"), .text(s.title)),
                .p(.class("help"), .text(s.intro)),
                .section(
                    .class("card"), .attribute(named: "aria-labelledby", value: "sitrap-list-title"),
                    .h2(.id("sitrap-list-title"), .text(s.issuedAt)),
                    !readsWholePicture
                        ? .p(.class("empty"), .id("sitraps-not-read"), .text(strings.language.say(
                            nl: "SitRaps horen bij het hele beeld; u leest alleen wat de informatiemanager u opende.",
                            en: "SitRaps belong to the whole picture; you read only what the information manager opened to you.")))
                        : sitraps.isEmpty
                        ? .p(.class("empty"), .text(s.none))
                        : .tableScroll(s.issuedAt, .table(
                            .id("sitrap-table"),
                            .thead(.tr(.th(.text(s.number)), .th(.text(s.moment)), .th(.text(s.issuedAt)), .th(.text(s.issuedBy)),
                                       .th(.text(s.classification)), .th(.text(s.downloads)))),
                            .tbody(.forEach(sitraps.reversed()) { row($0) })))),
                .if(mayIssue && incident.status == .open, issueForm()),
                .if(mayIssue, scheduleSection()),
                .if(!intakeChoices.isEmpty && incident.status == .open, intakeForm())
            ))
    }

    private func row(_ sitrap: SitRapSummaryDTO) -> Node<HTML.TableContext> {
        .tr(
            .td(.a(.href("\(base)/\(sitrap.number)"), .text("\(s.number) \(sitrap.number)"))),
            .td(.text(DisplayFormat.time(sitrap.moment))),
            .td(.text(DisplayFormat.time(sitrap.issuedAt))),
            .td(.text(sitrap.issuedBy + (sitrap.scheduled ? " · \(s.scheduledNote)" : ""))),
            .td(.text(sitrap.classification.label.text(language))),
            .td(
                .a(.href(SiteURL.api(.sitrap(incident.id, sitrap.number, .pdf)).path), .text("PDF")), .text(" · "),
                .a(.href(SiteURL.api(.sitrap(incident.id, sitrap.number, .markdown)).path), .text("Markdown")), .text(" · "),
                .a(.href(SiteURL.api(.sitrap(incident.id, sitrap.number)).path), .text("JSON"))))
    }

    private func issueForm() -> Node<HTML.BodyContext> {
        .section(
            .class("card"), .attribute(named: "aria-labelledby", value: "issue-title"),
            .h2(.id("issue-title"), .text(s.issue)),
            .form(
                .id("sitrap-form"), .class("stacked"), .method(.post), .action(base),
                .input(.type(.hidden), .name(CSRFMiddleware.fieldName), .value(csrfToken)),
                .div(.class("field"),
                     .label(.for("sitrap-at"), .text(s.moment)),
                     .input(.id("sitrap-at"), .name("at"), .type(.text), .attribute(named: "placeholder", value: "2026-12-01T14:00:00+01:00")),
                     .p(.class("help"), .text(s.momentHelp))),
                .div(.class("field"),
                     .label(.for("sitrap-unverified"), .text(s.unverified)),
                     .select(.id("sitrap-unverified"), .attribute(named: "name", value: "unverified"),
                             .choice(UnverifiedHandling.leaveOut.rawValue, s.leaveOut, selected: true),
                             .choice(UnverifiedHandling.mark.rawValue, s.mark))),
                .div(.class("field"),
                     .label(.for("sitrap-ceiling"), .text(s.ceiling)),
                     .select(.id("sitrap-ceiling"), .attribute(named: "name", value: "ceiling"),
                             .forEach(Classification.allCases) { level in
                                 .choice(level.rawValue, level.label.text(language), selected: level == .internal)
                             })),
                .div(.class("field"),
                     .label(.for("sitrap-summary"), .text(s.summary)),
                     .textarea(.id("sitrap-summary"), .attribute(named: "name", value: "summary"), .attribute(named: "rows", value: "3")),
                     .p(.class("help"), .text(s.summaryHelp))),
                .button(.type(.submit), .id("sitrap-issue"), .text(s.issue))))
    }

    private func scheduleSection() -> Node<HTML.BodyContext> {
        .section(
            .class("card"), .attribute(named: "aria-labelledby", value: "schedule-title"),
            .h2(.id("schedule-title"), .text(s.schedule)),
            .p(.class("help"), .text(s.scheduleHelp)),
            .p(.id("schedule-status"), .text(schedule.map {
                s.scheduleActive.replacingOccurrences(of: "%@", with: DisplayFormat.time($0.nextDue))
                    .replacingOccurrences(of: "%d", with: String($0.intervalMinutes))
            } ?? s.scheduleNone)),
            .if(incident.status == .open, .form(
                .id("schedule-form"), .class("inline"), .method(.post), .action(SiteURL.incident(.value(incident.id), .sitrapSchedule).path),
                .input(.type(.hidden), .name(CSRFMiddleware.fieldName), .value(csrfToken)),
                .label(.for("schedule-interval"), .text(s.scheduleEvery)),
                .input(.id("schedule-interval"), .name("intervalMinutes"), .type(.number),
                       .attribute(named: "min", value: "15"), .attribute(named: "max", value: "1440"),
                       .value(String(schedule?.intervalMinutes ?? 120))),
                .button(.type(.submit), .name("action"), .value("set"), .text(s.scheduleSave)),
                .if(schedule != nil, .button(.type(.submit), .name("action"), .value("stop"), .class("secondary"), .text(s.scheduleOff))))))
    }

    private func intakeForm() -> Node<HTML.BodyContext> {
        let intake = PartnerSitRapStrings.for(language)
        return .section(
            .class("card"), .attribute(named: "aria-labelledby", value: "intake-title"),
            .h2(.id("intake-title"), .text(intake.title)),
            .p(.class("help"), .text(intake.help)),
            .form(
                .id("partner-sitrap-form"), .class("stacked"), .method(.post), .action(SiteURL.incident(.value(incident.id), .partnerSitraps).path),
                .input(.type(.hidden), .name(CSRFMiddleware.fieldName), .value(csrfToken)),
                .div(.class("field"),
                     .label(.for("intake-partner"), .text(intake.partner)),
                     .select(.id("intake-partner"), .attribute(named: "name", value: "partner"), .forEach(intakeChoices) { .choice($0.code, $0.name) })),
                .div(.class("field"),
                     .label(.for("intake-reported"), .text(intake.reportedAt)),
                     .input(.id("intake-reported"), .name("reportedAt"), .type(.text),
                            .attribute(named: "placeholder", value: "07-12-2026 14:00"))),
                .forEach(PartnerSitRap.fields) { field in
                    .div(.class("field"),
                         .label(.for("intake-\(field)"), .text(intake.label(field))),
                         .textarea(.id("intake-\(field)"), .attribute(named: "name", value: field), .attribute(named: "rows", value: "2"),
                                   .if(field == "situation", .attribute(named: "required", value: "required"))))
                },
                .div(.class("field"),
                     .label(.for("intake-contact"), .text(intake.contact)),
                     .input(.id("intake-contact"), .name("contact"), .type(.text))),
                .button(.type(.submit), .id("intake-submit"), .text(intake.submit))))
    }
}
