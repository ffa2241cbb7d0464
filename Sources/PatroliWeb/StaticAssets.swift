import Hummingbird

/// The page's only script and stylesheet, compiled into the binary (nothing is loaded from
/// anywhere else; the Content-Security-Policy allows no other source).
enum StaticAssets {
    static func addRoutes(to router: Router<WebRequestContext>) {
        router.get("/static/app.js") { _, _ in asset(script, type: "text/javascript; charset=utf-8") }
        router.get("/static/app.css") { _, _ in asset(stylesheet, type: "text/css; charset=utf-8") }
        // Browsers ask for it on their own; answer without a redirect to the sign-in page.
        router.get("/favicon.ico") { _, _ in Response(status: .noContent, headers: [.cacheControl: "max-age=86400"]) }
    }

    private static func asset(_ content: String, type: String) -> Response {
        Response(status: .ok, headers: [.contentType: type, .cacheControl: "max-age=300"],
                 body: .init(byteBuffer: ByteBuffer(string: content)))
    }

    /// Keyboard shortcuts: a key press clicks the button whose `data-key` names it (verdicts on the
    /// item page, "Review next" on the queue); `e` moves to the note; Escape leaves it. Keys typed
    /// into a field are left alone.
    static let script = """
        (function () {
          'use strict';
          function typing(element) {
            return element && (element.tagName === 'TEXTAREA' || element.tagName === 'INPUT' ||
              element.tagName === 'SELECT' || element.isContentEditable);
          }
          document.addEventListener('keydown', function (event) {
            if (event.ctrlKey || event.metaKey || event.altKey || event.repeat) { return; }
            if (typing(document.activeElement)) {
              if (event.key === 'Escape') { document.activeElement.blur(); }
              return;
            }
            if (event.key === 'e') {
              var note = document.getElementById('note');
              if (note) { event.preventDefault(); note.focus(); }
              return;
            }
            var buttons = document.querySelectorAll('button[data-key]');
            for (var i = 0; i < buttons.length; i++) {
              if (buttons[i].getAttribute('data-key') === event.key && !buttons[i].disabled) {
                event.preventDefault();
                buttons[i].click();
                return;
              }
            }
          });
          document.addEventListener('submit', function (event) {
            var buttons = event.target.querySelectorAll('button');
            window.setTimeout(function () {
              for (var i = 0; i < buttons.length; i++) { buttons[i].disabled = true; }
            }, 0);
          });
        })();
        """

    static let stylesheet = """
        :root { --ink: #1d232a; --muted: #5b6670; --line: #d6dbe0; --accent: #0b5cad; font-family: system-ui, sans-serif; }
        body { margin: 0; color: var(--ink); background: #f6f7f9; line-height: 1.45; }
        header.top { display: flex; flex-wrap: wrap; gap: .75rem; align-items: center; padding: .6rem 1rem;
          background: #14324f; color: #fff; }
        header.top a { color: #fff; } .brand { font-weight: 700; text-decoration: none; margin-right: auto; }
        main { max-width: 70rem; margin: 0 auto; padding: 1rem; }
        form.inline { display: inline; }
        button { font: inherit; padding: .45rem .9rem; border: 1px solid var(--line); border-radius: .35rem;
          background: #fff; cursor: pointer; }
        button:focus-visible, a:focus-visible, textarea:focus-visible { outline: 3px solid #f0a500; }
        kbd { font-size: .8em; border: 1px solid var(--line); border-radius: .2rem; padding: 0 .25rem; background: #eef1f4; color: var(--ink); }
        table { border-collapse: collapse; width: 100%; background: #fff; display: block; overflow-x: auto; }
        th, td { text-align: left; padding: .35rem .5rem; border-bottom: 1px solid var(--line); vertical-align: top; }
        td.num, th.num { text-align: right; } td.excerpt { min-width: 18rem; overflow-wrap: anywhere; }
        .badge { display: inline-block; padding: 0 .4rem; border-radius: .3rem; font-size: .85em; color: #fff; background: #7a8791; }
        .risk-high { background: #b3261e; } .risk-medium { background: #c25e00; } .risk-low { background: #4f6f8f; }
        .notice { background: #e7f3e8; border: 1px solid #9cc9a0; padding: .5rem .75rem; border-radius: .35rem; }
        .notice.error { background: #fbeaea; border-color: #e3a3a3; }
        nav.views { margin: .75rem 0; display: flex; gap: .75rem; } nav.views a[aria-current] { font-weight: 700; }
        pre.post { white-space: pre-wrap; overflow-wrap: anywhere; background: #fff; border: 1px solid var(--line);
          padding: .75rem; border-radius: .35rem; font: 1.05rem/1.5 ui-monospace, monospace; unicode-bidi: plaintext; }
        mark.hit { background: #ffe08a; border-bottom: 2px solid #c25e00; padding: 0 .05rem; }
        dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: .2rem .75rem; }
        dl.facts dt { color: var(--muted); } dl.facts dd { margin: 0; overflow-wrap: anywhere; }
        form.decide { background: #fff; border: 1px solid var(--line); padding: .75rem; border-radius: .35rem; margin: 1rem 0; }
        form.decide textarea { width: 100%; box-sizing: border-box; font: inherit; }
        .verdicts { display: flex; flex-wrap: wrap; gap: .5rem; margin-top: .5rem; }
        button.recruitment { border-color: #b3261e; } button.victim-lead { border-color: #6a1b9a; }
        .signin { max-width: 22rem; margin: 3rem auto; display: block; }
        .signin form { display: grid; gap: .4rem; } .signin input { font: inherit; padding: .4rem; }
        .check { display: block; margin-top: .4rem; }
        @media (max-width: 40rem) {
          main { padding: .5rem; } .verdicts button { flex: 1 1 45%; }
          .queue-items th:nth-child(n+4):nth-child(-n+7), .queue-items td:nth-child(n+4):nth-child(-n+7) { display: none; }
          td.excerpt { min-width: 0; }
        }
        """
}
