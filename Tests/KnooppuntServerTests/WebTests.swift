import Fluent
import Foundation
import Testing
import Vapor
import VaporTesting

@testable import KnooppuntServer

@Suite("Web UI shell")
struct WebTests {
    @Test("the home page sends anonymous visitors to the Dutch login form")
    func anonymousHome() async throws {
        try await withTestApp { app in
            let home = try await app.testing().sendRequest(.GET, "/")
            #expect(home.status == .seeOther)
            #expect(home.headers.first(name: .location) == "/login")
            let login = try await app.testing().sendRequest(.GET, "/login")
            #expect(login.status == .ok)
            #expect(login.body.string.contains(#"<html lang="nl">"#))
            #expect(login.body.string.contains(#"<label for="username">Gebruikersnaam</label>"#))
            #expect(login.body.string.contains(#"name="_csrf""#))
        }
    }

    @Test("values from the request are escaped inside attributes: no markup injection through ?next=")
    func attributeEscaping() async throws {
        try await withTestApp { app in
            let hostile = "/x\"><script>alert(1)</script>"
            let path = "/login?next=" + hostile.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!
            let page = try await app.testing().sendRequest(.GET, path).body.string
            #expect(!page.contains("<script>alert(1)</script>"))
            #expect(page.contains(#"value="/x&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;""#))
        }
        #expect(DisplayFormat.attribute(#"a"b'c<d>&"#) == "a&quot;b&#39;c&lt;d&gt;&amp;")
    }

    @Test("form login sets an HttpOnly SameSite=Strict session cookie and shows the home page")
    func formLogin() async throws {
        try await withTestApp { app in
            let csrf = try await WebSession.csrfCookie(app)
            let response = try await WebSession.postForm(
                app, "/login", fields: ["_csrf": csrf, "username": "im-vr13", "password": "demo", "next": "/"],
                cookies: "kp_csrf=\(csrf)")
            #expect(response.status == .seeOther)
            let setCookie = response.headers[.setCookie].first { $0.hasPrefix("kp_session=") } ?? ""
            #expect(setCookie.contains("HttpOnly"))
            #expect(setCookie.contains("SameSite=Strict"))

            let session = WebSession(
                csrf: csrf, session: try #require(response.headers.setCookie?["kp_session"]?.string))
            let home = try await session.get(app, "/")
            #expect(home.status == .ok)
            let html = home.body.string
            #expect(html.contains("Veiligheidsregio Amsterdam-Amstelland (VR13)"))
            #expect(html.contains("Informatiemanager"))
            #expect(html.contains(#"id="home-incidents""#))
            // the 25 regions moved to their own page (decision 0023)
            let regions = try await session.get(app, "/regios").body.string
            #expect(regions.contains(#"id="region-map""#))
            #expect(regions.contains(#"data-highlight="VR13""#))
            #expect(regions.contains(#"<tr class="own-region"><td>VR13</td>"#))
            #expect(regions.contains("CBS / PDOK, CC BY 4.0"))
        }
    }

    @Test("a form post without the CSRF token is refused and logs nobody in")
    func csrfRequired() async throws {
        try await withTestApp { app in
            let csrf = try await WebSession.csrfCookie(app)
            let missing = try await WebSession.postForm(
                app, "/login", fields: ["username": "im-vr13", "password": "demo"], cookies: "kp_csrf=\(csrf)")
            #expect(missing.status == .forbidden)
            #expect(missing.body.string.contains("CSRF"))
            #expect(missing.headers.setCookie?["kp_session"] == nil)
            let wrong = try await WebSession.postForm(
                app, "/login", fields: ["_csrf": String(csrf.reversed()), "username": "im-vr13", "password": "demo"],
                cookies: "kp_csrf=\(csrf)")
            #expect(wrong.status == .forbidden)
        }
    }

    @Test("a cookie-authenticated API write needs the CSRF header")
    func csrfOnCookieAPI() async throws {
        try await withTestApp { app in
            let session = try await WebSession.login(app, "im-vr13")
            var headers = session.cookieHeader
            headers.contentType = .json
            let body = ByteBuffer(string: #"{"name":"x","expiresInDays":3}"#)
            let refused = try await app.testing().sendRequest(.POST, "/api/v1/tokens", headers: headers, body: body)
            #expect(refused.status == .forbidden)
            headers.add(name: CSRFMiddleware.headerName, value: session.csrf)
            let accepted = try await app.testing().sendRequest(.POST, "/api/v1/tokens", headers: headers, body: body)
            #expect(accepted.status == .created)
        }
    }

    @Test("a wrong password shows the form again with an error")
    func failedFormLogin() async throws {
        try await withTestApp { app in
            let csrf = try await WebSession.csrfCookie(app)
            let response = try await WebSession.postForm(
                app, "/login", fields: ["_csrf": csrf, "username": "im-vr13", "password": "nee"],
                cookies: "kp_csrf=\(csrf)")
            #expect(response.status == .unauthorized)
            #expect(response.body.string.contains("Onbekende gebruikersnaam of onjuist wachtwoord"))
        }
    }

    @Test("the language switch turns the UI English and back")
    func languageSwitch() async throws {
        try await withTestApp { app in
            var session = try await WebSession.login(app, "im-vr13")
            let dutch = try await session.get(app, "/")
            #expect(dutch.body.string.contains("Uitloggen"))
            let toggle = try await session.get(app, "/lang/en?next=/")
            #expect(toggle.status == .seeOther)
            #expect(toggle.headers.first(name: .location) == "/")
            session.language = try #require(toggle.headers.setCookie?[Request.languageCookie]?.string)
            let english = try await session.get(app, "/")
            #expect(english.body.string.contains(#"<html lang="en">"#))
            #expect(english.body.string.contains("Log out"))
            #expect(english.body.string.contains("Information manager"))
            #expect(english.body.string.contains("The 25 safety regions"))
        }
    }

    @Test("a bad form input shows the problem in the page's language, naming the field; the API keeps its problem+json")
    func formErrorInTheReadersLanguage() async throws {
        try await withTestApp { app in
            var session = try await WebSession.login(app, "im-vr13")
            let form = { (session: WebSession) in
                try await WebSession.postForm(
                    app, "/incidents", fields: ["_csrf": session.csrf, "title": "Brand loods", "category": "onzin"],
                    cookies: session.cookieHeader.first(name: "Cookie") ?? "")
            }
            let dutch = try await form(session)
            #expect(dutch.status == .unprocessableEntity)
            #expect(dutch.body.string.contains(#"<html lang="nl">"#))
            #expect(dutch.body.string.contains("‘onzin’ past niet in het veld ‘Categorie’"))
            #expect(!dutch.body.string.contains("field 'category'"))

            session.language = "en"
            let english = try await form(session)
            #expect(english.status == .unprocessableEntity)
            #expect(english.body.string.contains("field &#39;category&#39;") || english.body.string.contains("field 'category'"))

            let token = try await HTTP.login(app, "im-vr13")
            let api = try await HTTP.send(app, .POST, "/api/v1/incidents", json: #"{"title":"Brand loods","category":"onzin"}"#, token: token)
            #expect(api.status == .unprocessableEntity)
            #expect(HTTP.problemDetail(api).contains("category"))
            let incidents = try await HTTP.send(app, .GET, "/api/v1/incidents", token: token)
            #expect(!incidents.body.string.contains("Brand loods"), "the bad input changed nothing")
        }
    }

    @Test("the access policy's refusals read in Dutch on a Dutch page, with the names they carry; unknown ones get the status sentence")
    func refusalsInDutch() {
        #expect(DutchProblemTexts.dutch(for: "TENNET is not linked to this incident (need-to-know)")
            == "TENNET is niet aan dit incident gekoppeld (need-to-know).")
        #expect(ErrorPage.message(status: .forbidden, detail: "VR12 is not involved in this incident", field: nil, language: .nl)
            == "VR12 is niet bij dit incident betrokken.")
        #expect(ErrorPage.message(status: .forbidden, detail: "something new", field: nil, language: .nl)
            == "Dit mag u met uw rol of organisatie niet inzien of doen.")
        #expect(ErrorPage.message(status: .forbidden, detail: "something new", field: nil, language: .en) == "something new")
    }

    @Test("the language switch only returns to pages on this site")
    func noOpenRedirect() async throws {
        try await withTestApp(demo: false) { app in
            for target in ["//evil.example/", "https://evil.example/", "/\\evil"] {
                let encoded = target.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? ""
                let response = try await app.testing().sendRequest(.GET, "/lang/en?next=\(encoded)")
                #expect(response.headers.first(name: .location) == "/", "\(target)")
            }
        }
    }

    @Test("logging out through the form ends the session")
    func formLogout() async throws {
        try await withTestApp { app in
            let session = try await WebSession.login(app, "im-vr13")
            let out = try await WebSession.postForm(
                app, "/logout", fields: ["_csrf": session.csrf],
                cookies: "kp_csrf=\(session.csrf); kp_session=\(session.session)")
            #expect(out.status == .seeOther)
            let home = try await session.get(app, "/")
            #expect(home.status == .seeOther)
            #expect(home.headers.first(name: .location) == "/login?expired=1")
        }
    }

    @Test("pages and API responses carry strict security headers")
    func securityHeaders() async throws {
        try await withTestApp(demo: false) { app in
            for path in ["/login", "/api/v1/health", "/api/v1/nothing-here"] {
                let response = try await app.testing().sendRequest(.GET, path)
                let csp = response.headers.first(name: "Content-Security-Policy") ?? ""
                #expect(csp.contains("default-src 'self'"), "\(path)")
                #expect(csp.contains("frame-ancestors 'none'"))
                #expect(response.headers.first(name: "X-Content-Type-Options") == "nosniff")
                #expect(response.headers.first(name: "X-Frame-Options") == "DENY")
                #expect(response.headers.first(name: "Referrer-Policy") == "no-referrer")
            }
        }
    }

    @Test("assets are served, and paths that leave their folder are not")
    func assets() async throws {
        try await withTestApp(demo: false) { app in
            let css = try await app.testing().sendRequest(.GET, "/assets/app.css")
            #expect(css.status == .ok)
            #expect(css.body.string.contains(".site-header"))
            let leaflet = try await app.testing().sendRequest(.GET, "/vendor/leaflet/leaflet.js")
            #expect(leaflet.status == .ok, "Leaflet (Debian libjs-leaflet) must be installed by the setup script")
            let escape = try await app.testing().sendRequest(.GET, "/vendor/leaflet/..%2F..%2F..%2Fetc%2Fpasswd")
            #expect(escape.status == .notFound)
        }
    }
}
