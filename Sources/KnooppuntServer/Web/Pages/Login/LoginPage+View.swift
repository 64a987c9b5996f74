import Plot

/// How `LoginPage` is drawn: its HTML, from the model's data.
extension LoginPage {
    func render() -> String {
        Layout(title: strings.loginTitle, strings: strings, csrfToken: csrfToken, user: nil, path: SiteURL.login.path)
            .render(
                .div(
                    .class("card login"),
                    .h1(.text(strings.loginTitle)),
                    .p(.text(strings.loginIntro)),
                    .unwrap(message) { .p(.class("error"), .attribute(named: "role", value: "alert"), .text($0)) },
                    .form(
                        .action(SiteURL.login.path), .method(.post),
                        .input(.type(.hidden), .name(CSRFMiddleware.fieldName), .value(csrfToken)),
                        .input(.type(.hidden), .name("next"), .value(DisplayFormat.attribute(next))),
                        .label(.for("username"), .text(strings.username)),
                        .input(
                            .type(.text), .id("username"), .name("username"), .required(true),
                            .attribute(named: "autocomplete", value: "username"),
                            .attribute(named: "autocapitalize", value: "none"), .autofocus(true)),
                        .label(.for("password"), .text(strings.password)),
                        .input(
                            .type(.password), .id("password"), .name("password"), .required(true),
                            .attribute(named: "autocomplete", value: "current-password")),
                        .button(.type(.submit), .id("login-submit"), .text(strings.logIn))
                    )
                ))
    }
}
