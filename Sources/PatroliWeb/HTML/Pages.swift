import Foundation
import Hummingbird
import PatroliCore
import PatroliQueue

/// The page frame and the small pieces every page uses. Every value that can come from a post,
/// an input file or a user goes through `text` (element content and quoted attributes), which
/// escapes markup and shows bidi and zero-width characters as visible markers.
enum Pages {
    /// Escaped text for element content or a double-quoted attribute value.
    static func text(_ value: String) -> String { HTMLEscaping.escapeShowingInvisibles(value) }

    /// A full page: the shared header (signed-in officer, sign-out), `body`, and only the
    /// binary's own stylesheet and script.
    static func page(title: String, session: AccountSession?, body: String, pageClass: String = "") -> String {
        var header = "<header class=\"top\"><a class=\"brand\" href=\"/\">Patroli review</a>"
        if let session {
            header += "<span class=\"who\">\(text(session.account)) (\(session.role.rawValue))</span>"
            if session.role.mayExport {
                header += "<a href=\"/export\">Export</a>"
            }
            header += """
                <form method="post" action="/logout" class="inline">\(csrfField(session))\
                <button type="submit" id="sign-out">Sign out</button></form>
                """
        }
        header += "</header>"
        return """
            <!DOCTYPE html>
            <html lang="en"><head><meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>\(text(title)) · Patroli</title>
            <link rel="stylesheet" href="/static/app.css">
            <script src="/static/app.js" defer></script>
            </head><body class="\(text(pageClass))">\(header)<main>\(body)</main></body></html>
            """
    }

    /// The hidden CSRF field of every form of a signed-in page.
    static func csrfField(_ session: AccountSession) -> String {
        "<input type=\"hidden\" name=\"\(SessionMiddleware.csrfField)\" value=\"\(text(session.csrfToken))\">"
    }

    static func response(_ html: String, status: HTTPResponse.Status = .ok) -> Response {
        Response(status: status, headers: [.contentType: "text/html; charset=utf-8"],
                 body: .init(byteBuffer: ByteBuffer(string: html)))
    }

    /// The generic error page: a status and a message written by this program (never post text
    /// unescaped, never internals).
    static func error(status: HTTPResponse.Status, message: String, session: AccountSession?) -> Response {
        let body = """
            <section class="error"><h1>\(status.code) \(text(status.reasonPhrase))</h1>
            <p>\(text(message))</p><p><a href="/">Back to the queue</a></p></section>
            """
        return response(page(title: status.reasonPhrase, session: session, body: body), status: status)
    }
}

/// Dates and numbers as pages show them.
enum PageFormat {
    static func time(_ date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        return formatter.string(from: date)
    }

    static func number(_ value: Double) -> String { JSONOutput.format(value) }

    static func riskClass(_ risk: RiskLevel) -> String { "risk-" + risk.rawValue }
}
