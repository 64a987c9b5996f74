import Foundation
import KnooppuntCore
import KnooppuntInterop
import Plot

/// Bilingual text for the capacity pages.
struct CapacityText: Bilingual {
    let language: KnooppuntCore.Language
    let types: [String: CapacityTypeDTO]

    func type(_ code: String) -> String { types[code].map { say(LocalizedLabel(nl: $0.nl, en: $0.en)) } ?? code }
    func status(_ status: AssistanceStatus) -> String { status.label.text(language) }

    func hidden(_ csrf: String) -> Node<HTML.FormContext> { .input(.type(.hidden), .name(CSRFMiddleware.fieldName), .value(csrf)) }

    func number(_ id: String, _ name: String, _ label: String, value: Int? = nil, min: Int = 0, required: Bool = true) -> Node<HTML.FormContext> {
        .group(
            .label(.for(id), .text(label)),
            .input(.type(.number), .id(id), .name(name), .attribute(named: "min", value: String(min)),
                   .value(value.map(String.init) ?? ""), .required(required)))
    }

    func button(_ action: String, _ label: String, csrf: String, id: String? = nil, fields: [(String, String)] = [], danger: Bool = false)
        -> Node<HTML.BodyContext>
    {
        .form(
            .class("inline js-refresh"), .method(.post), .action(action), hidden(csrf),
            .forEach(fields) { .input(.type(.hidden), .name($0.0), .value($0.1)) },
            .button(.type(.submit), .class(danger ? "small danger" : "small"), .unwrap(id) { .id($0) }, .text(label)))
    }
}
