
/// The login form.
struct LoginPage {
    let strings: UIStrings
    let csrfToken: String
    let next: String
    let message: String?
}
