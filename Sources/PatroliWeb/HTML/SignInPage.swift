/// The sign-in form. Its CSRF token is the one in the browser's sign-in cookie.
enum SignInPage {
    static func render(formToken: String, name: String = "", message: String? = nil) -> String {
        let notice = message.map { "<p class=\"notice error\" role=\"alert\" id=\"signin-message\">\(Pages.text($0))</p>" } ?? ""
        let body = """
            <section class="signin"><h1>Sign in</h1>\(notice)
            <form method="post" action="/login" id="signin-form">
            <input type="hidden" name="\(SessionMiddleware.csrfField)" value="\(Pages.text(formToken))">
            <label for="name">Account</label>
            <input id="name" name="name" autocomplete="username" required autofocus value="\(Pages.text(name))">
            <label for="password">Password</label>
            <input id="password" name="password" type="password" autocomplete="current-password" required>
            <button type="submit" id="signin-submit">Sign in</button>
            </form></section>
            """
        return Pages.page(title: "Sign in", session: nil, body: body, pageClass: "signin-page")
    }
}
