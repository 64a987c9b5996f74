import Foundation
import KnooppuntCore
import Plot

/// `/meldkamer`: the incident proposals of the regions the reader sees (decision 0034), live. What matters
/// first: how many are open and how urgent; then each open proposal with its messages and why they belong
/// together; the acts (make an incident, dismiss, merge, split) sit behind the proposal's own buttons and
/// a folded "meer" so they stay out of the reading flow. For a calamiteitencoördinator: the exercise replay and
/// the messages that could not be placed.
struct MeldkamerPage: Bilingual {
    let strings: UIStrings
    let csrfToken: String
    let user: CurrentUser
    let data: MeldkamerProposals.PageData
    let unplaced: [MeldkamerProposals.MessageDTO]
    let replay: MeldkamerReplays.Status?
    let isCaCo: Bool
    let showsAll: Bool

    /// Open proposals shown at first; the rest behind "toon alle".
    static let shown = 50

    var language: KnooppuntCore.Language { strings.language }

    static let path = "/meldkamer"
    static func navLabel(_ language: KnooppuntCore.Language) -> String { language == .nl ? "Meldkamer" : "Dispatch" }

    var open: [MeldkamerProposals.ProposalDTO] { data.open }
    var handled: [MeldkamerProposals.ProposalDTO] { data.handled }

    func render() -> String {
        var layout = Layout(title: say(nl: "Meldkamer: voorstellen", en: "Dispatch: proposals"), strings: strings, csrfToken: csrfToken, user: user, path: Self.path)
        layout.scripts = [SiteURL.asset(.value("live.js")).path, SiteURL.asset(.value("live-section.js")).path]
        return layout.render(.group(
            .h1(.text(say(nl: "Meldkamer: incidentvoorstellen", en: "Dispatch: incident proposals"))),
            .section(
                .id("meldkamer-live"), .data(named: "live-stream", value: "/api/v1/meldkamer/stream"),
                .p(.id("meldkamer-status"), .class("lead"), .text(status())),
                .if(open.isEmpty, .p(.class("help"), .text(say(
                    nl: "Berichten van de meldkamer die bij elkaar horen worden hier een voorstel. Maak er een incident van, of wijs het af.",
                    en: "Dispatch messages that belong together become a proposal here. Make it an incident, or dismiss it.")))),
                .div(.id("proposals"), .forEach(open) { card($0) }),
                .if(data.openCount > open.count, .p(.id("proposals-more"), .a(
                    .href(Self.path + "?alle=1"),
                    .text(say(nl: "Toon alle \(data.openCount) open voorstellen (nu \(open.count), de dringendste eerst)",
                              en: "Show all \(data.openCount) open proposals (now \(open.count), most urgent first)"))))),
                .if(!handled.isEmpty, .section(
                    .class("card"), .id("proposals-handled"),
                    .h2(.text(say(nl: "Afgehandeld", en: "Handled"))),
                    .ul(.class("plain"), .forEach(handled) { proposal in
                        .li(.text(DisplayFormat.minute(proposal.handledAt ?? proposal.lastMessageAt) + " · "),
                            .if(proposal.incident != nil,
                                .a(.href(SiteURL.incident(.value(proposal.incident ?? UUID())).path), .text(proposal.title)),
                                else: .text(proposal.status == "merged" ? say(nl: "Voorstel", en: "Proposal") : proposal.title)),
                            .text(" — " + proposal.statusLabel.lowercased()
                                + (proposal.handledReason.map { (proposal.status == "merged" ? say(nl: " met ", en: " into ") : ": ") + $0 } ?? "")))
                    })))),
            .if(isCaCo, replaySection()),
            .if(isCaCo && !unplaced.isEmpty, .section(
                .class("card"), .id("unplaced"),
                .details(
                    .summary(.text(say(nl: "Niet geplaatst (\(unplaced.count))", en: "Not placed (\(unplaced.count))"))),
                    .p(.class("help"), .text(say(
                        nl: "Berichten zonder plaats of regio, proefalarmen en mededelingen: bewaard, maar geen voorstel.",
                        en: "Messages without a place or region, test alarms and announcements: kept, but no proposal."))),
                    .ul(.class("plain"), .forEach(unplaced.prefix(50)) { message in
                        .li(.text(DisplayFormat.minute(message.receivedAt) + " · " + message.text))
                    }))))
        ))
    }

    private func status() -> String {
        let regions = data.regions.map { (data.regionNames[$0] ?? $0) }.joined(separator: ", ")
        let total = data.openCount
        guard total > 0 else { return say(nl: "Geen open voorstellen · \(regions)", en: "No open proposals · \(regions)") }
        let urgent = data.urgentCount
        let count = say(nl: "\(total) open \(total == 1 ? "voorstel" : "voorstellen")", en: "\(total) open proposal\(total == 1 ? "" : "s")")
        let prio = urgent > 0 ? say(nl: " · \(urgent) met prioriteit 1", en: " · \(urgent) priority 1") : ""
        return count + prio + " · " + regions
    }

    private func priorityBadge(_ priority: Int?) -> Node<HTML.BodyContext> {
        guard let priority else { return .empty }
        return .span(.class("badge prio-\(priority)"), .text("P\(priority)"))
    }

    private func card(_ proposal: MeldkamerProposals.ProposalDTO) -> Node<HTML.BodyContext> {
        let id = proposal.id.uuidString.lowercased()
        let first = proposal.messages.first?.receivedAt ?? proposal.openedAt
        let span = proposal.messages.count > 1
            ? DisplayFormat.minute(first) + "–" + DisplayFormat.minute(proposal.lastMessageAt).suffix(5)
            : DisplayFormat.minute(first)
        let place = proposal.municipality?.name ?? (data.regionNames[proposal.region] ?? proposal.region)
        // Merge candidates: the same municipality and kind (real or exercise), within two hours, at most 15.
        let others = mergeCandidates(for: proposal)
        let count = say(nl: "\(proposal.messages.count) \(proposal.messages.count == 1 ? "bericht" : "berichten")",
                        en: "\(proposal.messages.count) message\(proposal.messages.count == 1 ? "" : "s")")
        let facts = [place, proposal.categoryLabel, count, String(span)].joined(separator: " · ")
        return .article(
            .class("card proposal"), .id("proposal-\(id)"),
            .h2(priorityBadge(proposal.highestPriority), .text(" " + proposal.title),
                .if(proposal.exercise, .span(.class("badge"), .text(say(nl: " Oefening", en: " Exercise"))))),
            .p(.class("muted"), .text(facts)),
            messageList(proposal),
            actions(proposal, id: id, others: others)
        )
    }

    private func messageList(_ proposal: MeldkamerProposals.ProposalDTO) -> Node<HTML.BodyContext> {
        .ol(.class("messages"), .forEach(proposal.messages) { message in
            .li(.strong(.text(String(DisplayFormat.minute(message.receivedAt).suffix(5)) + " ")), .text(message.text),
                .br(),
                .span(.class("muted small"), .text(explanation(message))))
        })
    }

    private func actions(_ proposal: MeldkamerProposals.ProposalDTO, id: String, others: [MeldkamerProposals.ProposalDTO]) -> Node<HTML.BodyContext> {
        .if(proposal.mayHandle, .group(
                .form(
                    .class("inline"), .id("promote-\(id)"), .method(.post), .action("\(Self.path)/voorstellen/\(id)/incident"),
                    .input(.type(.hidden), .name(CSRFMiddleware.fieldName), .value(csrfToken)),
                    .input(.type(.hidden), .name("version"), .value(String(proposal.version))),
                    .button(.type(.submit), .text(say(nl: "Maak incident (GRIP 1)", en: "Make incident (GRIP 1)")))),
                .details(
                    .id("more-\(id)"),
                    .summary(.text(say(nl: "Meer: afwijzen, samenvoegen, splitsen", en: "More: dismiss, merge, split"))),
                    .form(
                        .class("stacked"), .id("dismiss-\(id)"), .method(.post), .action("\(Self.path)/voorstellen/\(id)/afwijzen"),
                        .input(.type(.hidden), .name(CSRFMiddleware.fieldName), .value(csrfToken)),
                        .input(.type(.hidden), .name("version"), .value(String(proposal.version))),
                        .label(.for("reason-\(id)"), .text(say(nl: "Reden van afwijzen", en: "Reason for dismissing"))),
                        .input(.id("reason-\(id)"), .name("reason"), .type(.text), .required(true)),
                        .button(.type(.submit), .text(say(nl: "Afwijzen", en: "Dismiss")))),
                    mergeForm(proposal, id: id, others: others),
                    splitForm(proposal, id: id))),
                else: .p(.class("help"), .text(say(
                    nl: "De calamiteitencoördinator of de informatiemanager van de regio handelt dit voorstel af.",
                    en: "The calamity coordinator or the region's information manager handles this proposal."))))
    }

    private func mergeCandidates(for proposal: MeldkamerProposals.ProposalDTO) -> [MeldkamerProposals.ProposalDTO] {
        var found: [MeldkamerProposals.ProposalDTO] = []
        for other in open where other.id != proposal.id && other.region == proposal.region && other.exercise == proposal.exercise {
            let sameMunicipality: Bool = other.municipality?.code == proposal.municipality?.code
            let gap: TimeInterval = abs(other.lastMessageAt.timeIntervalSince(proposal.lastMessageAt))
            if sameMunicipality && gap <= 7200 { found.append(other) }
            if found.count == 15 { break }
        }
        return found
    }

    private func mergeForm(_ proposal: MeldkamerProposals.ProposalDTO, id: String, others: [MeldkamerProposals.ProposalDTO]) -> Node<HTML.DetailsContext> {
        guard !others.isEmpty else { return .empty }
        return .form(
                        .class("stacked"), .id("merge-\(id)"), .method(.post), .action("\(Self.path)/voorstellen/\(id)/samenvoegen"),
                        .input(.type(.hidden), .name(CSRFMiddleware.fieldName), .value(csrfToken)),
                        .input(.type(.hidden), .name("version"), .value(String(proposal.version))),
                        .label(.for("into-\(id)"), .text(say(nl: "Samenvoegen met", en: "Merge into"))),
                        .select(.id("into-\(id)"), .attribute(named: "name", value: "into"), .attribute(named: "required", value: "required"),
                                .choice("", say(nl: "— kies een voorstel —", en: "— choose a proposal —")),
                                .forEach(others) { other in
                                    .choice(other.id.uuidString, mergeLabel(other))
                                }),
                        .button(.type(.submit), .text(say(nl: "Samenvoegen", en: "Merge"))))
    }

    private func splitForm(_ proposal: MeldkamerProposals.ProposalDTO, id: String) -> Node<HTML.DetailsContext> {
        guard proposal.messages.count > 1 else { return .empty }
        return .form(
                        .class("stacked"), .id("split-\(id)"), .method(.post), .action("\(Self.path)/voorstellen/\(id)/splitsen"),
                        .input(.type(.hidden), .name(CSRFMiddleware.fieldName), .value(csrfToken)),
                        .input(.type(.hidden), .name("version"), .value(String(proposal.version))),
                        .p(.text(say(nl: "Afsplitsen naar een nieuw voorstel:", en: "Split off into a new proposal:"))),
                        .forEach(Array(proposal.messages.enumerated())) { index, message in
                            splitChoice(id: id, index: index, message: message)
                        },
                        .button(.type(.submit), .text(say(nl: "Splitsen", en: "Split"))))
    }

    /// "23:14 · P1 · Brand woning — Damrak, Amsterdam (3 berichten)": enough to tell proposals apart.
    private func mergeLabel(_ other: MeldkamerProposals.ProposalDTO) -> String {
        let time = String(DisplayFormat.minute(other.lastMessageAt).suffix(5))
        let priority = other.highestPriority.map { " · P\($0)" } ?? ""
        let count = say(nl: "\(other.messages.count) \(other.messages.count == 1 ? "bericht" : "berichten")",
                        en: "\(other.messages.count) message\(other.messages.count == 1 ? "" : "s")")
        return "\(time)\(priority) · \(other.title) (\(count))"
    }

    private func splitChoice(id: String, index: Int, message: MeldkamerProposals.MessageDTO) -> Node<HTML.FormContext> {
        let time = String(DisplayFormat.minute(message.receivedAt).suffix(5))
        let text = " " + time + " " + (message.text.count > 80 ? String(message.text.prefix(79)) + "…" : message.text)
        return .label(.class("check"), .input(.type(.checkbox), .name("messages[]"), .value(message.id.uuidString), .id("split-\(id)-\(index)")),
                      .text(text))
    }

    /// What was read from a message and why it is in the proposal, for the person who checks it.
    private func explanation(_ message: MeldkamerProposals.MessageDTO) -> String {
        var parts: [String] = []
        if let type = message.messageTypeExpanded, type != message.messageType { parts.append(type) }
        parts.append(contentsOf: message.reasons)
        if let reason = message.joinReason { parts.append(say(nl: "bij dit voorstel: ", en: "in this proposal: ") + reason) }
        return parts.joined(separator: " · ")
    }

    private func replaySection() -> Node<HTML.BodyContext> {
        .section(
            .class("card"), .id("replay"),
            .details(
                .id("replay-details"),
                // With nothing proposed yet, the exercise is the way to see the page work: open it.
                .if(data.openCount == 0 && replay == nil, .attribute(named: "open")),
                .summary(.text(say(nl: "Oefening: oudejaarsnacht Amsterdam afspelen", en: "Exercise: replay New Year's Eve in Amsterdam"))),
                .p(.class("help"), .text(say(
                    nl: "Speelt de 297 P2000-berichten van de Amsterdamse brandweer in de oudejaarsnacht 2019–2020 opnieuw af als oefenberichten van uw meldkamer, in hun eigen tempo of sneller. Er wordt niemand gealarmeerd; voorstellen en incidenten zijn oefeningen.",
                    en: "Replays the Amsterdam fire service's 297 P2000 messages of New Year's Eve 2019–2020 as exercise messages of your meldkamer, at their own pace or faster. Nobody is alerted; proposals and incidents are exercises."))),
                .unwrap(replay) { status in
                    .p(.id("replay-status"), .text(status.running
                        ? say(nl: "Bezig: \(status.sent) van \(status.total) berichten verstuurd (\(Int(status.speed))× sneller).",
                              en: "Running: \(status.sent) of \(status.total) messages sent (\(Int(status.speed))× faster).")
                        : say(nl: "Klaar of gestopt: \(status.sent) van \(status.total) berichten verstuurd.",
                              en: "Finished or stopped: \(status.sent) of \(status.total) messages sent.")))
                },
                .form(
                    .class("stacked"), .id("replay-form"), .method(.post), .action("\(Self.path)/oefening"),
                    .input(.type(.hidden), .name(CSRFMiddleware.fieldName), .value(csrfToken)),
                    .label(.for("replay-speed"), .text(say(nl: "Tempo", en: "Pace"))),
                    .select(.id("replay-speed"), .attribute(named: "name", value: "speed"),
                            .choice("60", say(nl: "60× sneller (een uur per minuut)", en: "60× faster (an hour a minute)")),
                            .choice("600", say(nl: "600× sneller", en: "600× faster")),
                            .choice("6000", say(nl: "6000× sneller (de hele nacht in een halve minuut)", en: "6000× faster (the whole night in half a minute)")),
                            .choice("1", say(nl: "Werkelijk tempo", en: "Real pace"))),
                    .button(.type(.submit), .id("replay-start"), .text(say(nl: "Afspelen", en: "Replay")))),
                .if(replay?.running == true, .form(
                    .class("inline"), .id("replay-stop"), .method(.post), .action("\(Self.path)/oefening/stop"),
                    .input(.type(.hidden), .name(CSRFMiddleware.fieldName), .value(csrfToken)),
                    .button(.type(.submit), .text(say(nl: "Stoppen", en: "Stop")))))))
    }
}
