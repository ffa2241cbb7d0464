#!/usr/bin/env python3
"""Real-browser tests of the review page: headless Chromium driven by Selenium.

Usage: review_page_test.py PATH_TO_PATROLI_BINARY [unittest options]

Builds nothing: it takes the built `patroli` binary, queues a small fixture with `patroli batch`
(posts carrying script tags, attribute break-outs, a javascript: link and a right-to-left
override), adds an account with `patroli users add --password-stdin`, starts `patroli serve` on a
free loopback port and works the queue in Chromium. Screenshots go to .build-browser/; the item
page's screenshot is also copied to docs/review-page.png when that file is missing or
PATROLI_UPDATE_SCREENSHOT=1.
"""
import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import unittest
import urllib.request

from selenium import webdriver
from selenium.common.exceptions import NoAlertPresentException
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions
from selenium.webdriver.support.ui import WebDriverWait

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
OUTPUT = os.path.join(ROOT, ".build-browser")
PATROLI = None  # set from the command line
ACCOUNT = "officer1"
PASSWORD = "uji-coba-peramban-2026"

POSTS = [
    {"id": "xss-script", "url": "https://contoh.invalid/p/1",
     "text": "LOKER KAMBOJA admin online gaji 15jt per bulan tanpa pengalaman, tiket ditanggung "
             "<script>alert(1)</script> hub WA 0812-0000-3101"},
    {"id": "xss-attribute", "url": "https://contoh.invalid/p/2",
     "text": "Dicari operator komputer penempatan Myawaddy lewat Mae Sot, gaji 12jt, visa diurus agen "
             "\"><img src=x onerror=alert(1)> japri WA 0812-0000-3102"},
    {"id": "xss-link", "url": "javascript:alert(document.cookie)",
     "text": "Lowongan marketing online di Laos gaji dollar, semua biaya ditanggung perusahaan, "
             "daftar javascript:alert(1) WA 0812-0000-3103"},
    {"id": "rtl-override", "url": "https://contoh.invalid/p/4",
     "text": "Loker Kamboja gaji 20jt tanpa pengalaman tiket ditanggung hub WA \u202e1013-0000-2180\u202c segera berangkat"},
    {"id": "plain-1", "url": "https://contoh.invalid/p/5",
     "text": "L0ker K4mboja gaji 15jt/bln tnp pglmn, tiket ditanggung! Hub WA 0812-0000-3105"},
    {"id": "plain-2", "url": "https://contoh.invalid/p/6",
     "text": "Kerja kebun sawit di Sabah Malaysia tanpa paspor, berangkat lewat Nunukan jalur belakang, "
             "gaji 8jt, dijemput di pelabuhan. Info WA 0812-0000-3106"},
]


def run(*arguments, stdin=None, cwd=ROOT):
    return subprocess.run([PATROLI, *arguments], input=stdin, capture_output=True, text=True, cwd=cwd, timeout=120)


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class ReviewPageInChromium(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        os.makedirs(OUTPUT, exist_ok=True)
        cls.folder = tempfile.mkdtemp(prefix="patroli-browser-")
        cls.queue = os.path.join(cls.folder, "patroli.db")
        inputs = os.path.join(cls.folder, "in")
        os.makedirs(inputs)
        with open(os.path.join(inputs, "posts.jsonl"), "w", encoding="utf-8") as out:
            for post in POSTS:
                out.write(json.dumps(post, ensure_ascii=False) + "\n")
        # Relative input path, so pages (and the screenshot) show `in/posts.jsonl`.
        batch = run("batch", "--plain", "--rules", os.path.join(ROOT, "rules"), "--queue", cls.queue,
                    "--report", os.path.join(cls.folder, "report"), "in", cwd=cls.folder)
        assert batch.returncode in (0, 1), batch.stderr
        added = run("users", "add", ACCOUNT, "--role", "reviewer", "--password-stdin", "--queue", cls.queue,
                    stdin=PASSWORD + "\n")
        assert added.returncode == 0, added.stderr
        cls.port = free_port()
        cls.base = "http://127.0.0.1:%d" % cls.port
        cls.log = open(os.path.join(OUTPUT, "serve.log"), "w")
        cls.server = subprocess.Popen([PATROLI, "serve", "--queue", cls.queue, "--port", str(cls.port)],
                                      stdout=cls.log, stderr=subprocess.STDOUT, cwd=ROOT)
        cls.wait_for_server()
        options = webdriver.ChromeOptions()
        for argument in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                         "--window-size=1280,1400", "--lang=en-US"):
            options.add_argument(argument)
        chromium = shutil.which("chromium") or shutil.which("chromium-browser")
        if chromium:
            options.binary_location = chromium
        driver_path = shutil.which("chromedriver") or "/usr/bin/chromedriver"
        cls.browser = webdriver.Chrome(service=Service(driver_path), options=options)
        cls.browser.set_page_load_timeout(30)

    @classmethod
    def wait_for_server(cls):
        deadline = time.time() + 60
        while time.time() < deadline:
            if cls.server.poll() is not None:
                raise RuntimeError("patroli serve exited; see .build-browser/serve.log")
            try:
                with urllib.request.urlopen(cls.base + "/login", timeout=2) as response:
                    if response.status == 200:
                        return
            except OSError:
                time.sleep(0.2)
        raise RuntimeError("patroli serve did not answer within 60 s")

    @classmethod
    def tearDownClass(cls):
        try:
            cls.browser.quit()
        finally:
            cls.server.terminate()
            try:
                cls.server.wait(timeout=10)
            except subprocess.TimeoutExpired:
                cls.server.kill()
            cls.log.close()
            shutil.rmtree(cls.folder, ignore_errors=True)

    # Helpers

    def open(self, path):
        self.browser.get(self.base + path)

    def wait_for(self, selector):
        return WebDriverWait(self.browser, 15).until(
            expected_conditions.presence_of_element_located((By.CSS_SELECTOR, selector)))

    def sign_in(self):
        self.open("/login")
        if not self.browser.find_elements(By.ID, "signin-form"):
            return
        self.browser.find_element(By.ID, "name").send_keys(ACCOUNT)
        self.browser.find_element(By.ID, "password").send_keys(PASSWORD)
        self.browser.find_element(By.ID, "signin-submit").click()
        self.wait_for("#queue-items, #queue-empty")

    def assert_no_alert(self):
        try:
            alert = self.browser.switch_to.alert
            text = alert.text
            alert.dismiss()
            self.fail("a script from a post ran: alert(%r)" % text)
        except NoAlertPresentException:
            pass

    def item_id_with(self, fragment):
        """The id of the queued post whose text contains `fragment`, from `patroli review export`."""
        exported = run("review", "export", "--queue", self.queue, "--format", "jsonl")
        self.assertEqual(exported.returncode, 0, exported.stderr)
        for line in exported.stdout.splitlines():
            item = json.loads(line)
            if fragment in item["text"]:
                return str(item["id"])
        self.fail("no queued post contains %r" % fragment)

    def screenshot(self, name):
        path = os.path.join(OUTPUT, name)
        self.browser.save_screenshot(path)
        return path

    # Tests (unittest runs them in name order; each signs in when it needs to)

    def test_1_signing_in_shows_the_queue(self):
        self.open("/")
        self.assertTrue(self.browser.current_url.endswith("/login"), self.browser.current_url)
        self.sign_in()
        rows = self.browser.find_elements(By.CSS_SELECTOR, "#queue-items tbody tr")
        self.assertEqual(len(rows), len(POSTS), "every fixture post is queued and listed")
        self.assertIn("officer1 (reviewer)", self.browser.find_element(By.CSS_SELECTOR, "header.top").text)

    def test_2_item_page_highlights_hits_at_their_text(self):
        self.sign_in()
        item = self.item_id_with("L0ker K4mboja")
        self.open("/items/" + item)
        self.wait_for("#post-text")
        marks = [mark.text for mark in self.browser.find_elements(By.CSS_SELECTOR, "#post-text mark.hit")]
        self.assertTrue(marks, "the post has highlighted hits")
        matched = [row.find_elements(By.TAG_NAME, "td")[3].text
                   for row in self.browser.find_elements(By.CSS_SELECTOR, "#hits tbody tr")]
        post = self.browser.find_element(By.ID, "post-text").text
        for text in filter(None, matched):
            self.assertTrue(any(text in mark for mark in marks), "hit %r is inside a highlight %r" % (text, marks))
        for mark in marks:
            self.assertIn(mark, post)
            self.assertTrue(any(text in mark for text in matched), "highlight %r covers a hit" % mark)
        shot = self.screenshot("item-page.png")
        docs = os.path.join(ROOT, "docs", "review-page.png")
        if not os.path.exists(docs) or os.environ.get("PATROLI_UPDATE_SCREENSHOT") == "1":
            shutil.copyfile(shot, docs)

    def test_3_script_and_attribute_probes_render_inert_and_visible(self):
        self.sign_in()
        for fragment, visible in (("<script>alert(1)</script>", "<script>alert(1)</script>"),
                                  ("onerror=alert(1)", "\"><img src=x onerror=alert(1)>")):
            self.open("/items/" + self.item_id_with(fragment))
            self.wait_for("#post-text")
            time.sleep(0.3)
            self.assert_no_alert()
            self.assertIn(visible, self.browser.find_element(By.ID, "post-text").text)
            self.assertEqual(self.browser.find_elements(By.CSS_SELECTOR, "main script, main img, #post-text *:not(mark)"), [])
            scripts = self.browser.find_elements(By.TAG_NAME, "script")
            self.assertEqual([s.get_attribute("src") for s in scripts], [self.base + "/static/app.js"])
        self.open("/")
        self.wait_for("#queue-items")
        self.assert_no_alert()
        self.assertIn("<script>alert(1)</script>", self.browser.find_element(By.ID, "queue-items").text)
        self.screenshot("xss-probes.png")

    def test_4_javascript_links_and_bidi_overrides_render_inert_and_visible(self):
        self.sign_in()
        self.open("/items/" + self.item_id_with("daftar javascript:alert(1)"))
        self.wait_for("#post-text")
        self.assertEqual(self.browser.find_elements(By.CSS_SELECTOR, "a[href^='javascript:' i]"), [])
        self.assertIn("javascript:alert(document.cookie)", self.browser.find_element(By.CSS_SELECTOR, "code.url").text)
        self.open("/items/" + self.item_id_with("segera berangkat"))
        self.wait_for("#post-text")
        text = self.browser.find_element(By.ID, "post-text").text
        self.assertIn("\u27e8U+202E\u27e91013-0000-2180\u27e8U+202C\u27e9", text)
        self.assertNotIn("\u202e", self.browser.page_source)
        self.assert_no_alert()

    def test_5_three_decisions_by_button_and_keyboard_reach_the_audit_trail(self):
        self.sign_in()
        decided = {}
        for verdict, how in (("recruitment", "button"), ("not-relevant", "button"), ("victim-lead", "key")):
            self.open("/")
            self.wait_for("#review-next")
            if how == "key":
                self.browser.find_element(By.TAG_NAME, "body").send_keys("n")
            else:
                self.browser.find_element(By.ID, "review-next").click()
            item = self.wait_for("#item").get_attribute("data-item-id")
            self.assertNotIn(item, decided, "Review next hands out a new item")
            if verdict == "recruitment":
                self.browser.find_element(By.ID, "note").send_keys("nomor agen sama dengan kasus lama")
            if how == "key":
                self.browser.find_element(By.TAG_NAME, "body").send_keys("v")
            else:
                self.browser.find_element(By.ID, "verdict-" + verdict).click()
            notice = self.wait_for("#notice").text
            self.assertEqual(notice, "Recorded %s on item %s." % (verdict, item))
            decided[item] = verdict
        for item, verdict in decided.items():
            shown = run("review", "show", item, "--queue", self.queue, "--color", "never")
            self.assertEqual(shown.returncode, 0, shown.stderr)
            self.assertIn("status %s" % verdict, shown.stdout)
            self.assertIn("decided %s by %s" % (verdict, ACCOUNT), shown.stdout)
        recruitment = [item for item, verdict in decided.items() if verdict == "recruitment"][0]
        self.assertIn("nomor agen sama dengan kasus lama",
                      run("review", "show", recruitment, "--queue", self.queue, "--color", "never").stdout)

    def test_6_signing_out_sends_every_page_back_to_sign_in(self):
        self.sign_in()
        item = self.item_id_with("Sabah Malaysia")
        self.browser.find_element(By.ID, "sign-out").click()
        self.wait_for("#signin-form")
        for path in ("/", "/items/" + item, "/?view=all"):
            self.open(path)
            self.assertTrue(self.browser.current_url.endswith("/login"), "%s -> %s" % (path, self.browser.current_url))
        self.assertEqual(self.browser.get_cookie("patroli_session"), None)


if __name__ == "__main__":
    if len(sys.argv) < 2 or not os.access(sys.argv[1], os.X_OK):
        sys.exit("usage: review_page_test.py PATH_TO_PATROLI_BINARY [unittest options]")
    PATROLI = os.path.abspath(sys.argv.pop(1))
    unittest.main(verbosity=2)
