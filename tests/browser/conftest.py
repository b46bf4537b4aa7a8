"""Browser tests: a real Chromium (Debian's, no download) driven by Playwright's sync API.

One browser per xdist worker (session scope), a fresh context per test, and pytest-django's
`live_server` (transactional database: rows made in a test are visible to the server thread).
"""

import os

# Playwright's sync API keeps an event loop running in the test thread; Django's ORM would refuse
# to run there without this (the tests themselves are synchronous, so this is safe).
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

import contextlib  # noqa: E402
import json  # noqa: E402
import re  # noqa: E402
import time  # noqa: E402
from pathlib import Path  # noqa: E402

import pytest  # noqa: E402
from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value  # noqa: E402
from django.core.cache import cache  # noqa: E402
from playwright.sync_api import Error as PlaywrightError  # noqa: E402
from playwright.sync_api import Page, expect, sync_playwright  # noqa: E402

from conftest import TEST_PASSWORD, TEST_TOTP_SECRET  # noqa: E402

CHROMIUM = os.environ.get("SEBAYA_CHROMIUM", "/usr/bin/chromium")
LAUNCH_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
AXE_JS = Path(__file__).parent / "vendor" / "axe-core" / "axe.min.js"
AXE_SOURCE = AXE_JS.read_text(encoding="utf-8")
ID_CATALOG = Path(__file__).resolve().parents[2] / "sebaya" / "locale" / "id" / "LC_MESSAGES" / "django.mo"
MFA_KINDS = {"counselor", "coordinator", "org_admin", "outsider"}
TIMEOUT_MS = 10_000

expect.set_options(timeout=TIMEOUT_MS)


def pytest_collection_modifyitems(items):
    here = Path(__file__).parent
    for item in items:
        if here in Path(str(item.fspath)).parents:
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def browser():
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=LAUNCH_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Used TOTP codes and rate-limit counters live in the (per-process) cache: start each test clean."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def csp_violations():
    """Content-Security-Policy violations seen in this test's browser contexts."""
    return []


@pytest.fixture
def new_context(browser, live_server, csp_violations):
    """Make a fresh browser context (its own cookies) on the live server; an Indonesian phone by default.

    Any Content-Security-Policy violation on any page fails the test: it means something on the
    page did not work for a real user.
    """
    contexts = []
    violations = csp_violations

    def make(**options):
        options.setdefault("base_url", live_server.url)
        options.setdefault("locale", "id-ID")
        options.setdefault("viewport", {"width": 1024, "height": 768})
        context = browser.new_context(**options)
        context.set_default_timeout(TIMEOUT_MS)
        context.set_default_navigation_timeout(TIMEOUT_MS)
        # Headless Chromium still asks for /favicon.ico; answer it here instead of sending a 404
        # through Django on a second server thread.
        context.route("**/favicon.ico", lambda route: route.fulfill(status=204, body=""))
        context.on(
            "console",
            lambda message: (
                violations.append(f"{message.location.get('url')}: {message.text}")
                if "Content Security Policy" in message.text
                else None
            ),
        )
        contexts.append(context)
        return context

    yield make
    for context in contexts:
        # Let every request a page still has in flight finish on the server (it may be saving the
        # session) before the test database is flushed: on SQLite a flush during that write
        # fails with "database table is locked".
        for open_page in context.pages:
            with contextlib.suppress(PlaywrightError):  # a page that never settles is closed anyway
                open_page.wait_for_load_state("networkidle", timeout=5_000)
        context.close()
    assert not violations, "Content-Security-Policy violations:\n" + "\n".join(violations)


@pytest.fixture
def page(new_context) -> Page:
    return new_context().new_page()


def goto(page: Page, path: str, *, wait_until="domcontentloaded"):
    return page.goto(path, wait_until=wait_until)


def html_lang(page: Page) -> str:
    return page.locator("html").get_attribute("lang")


def current_totp_code() -> str:
    """The code an authenticator app shows now; waits out the last second of a 30 s step."""
    if 30 - time.time() % 30 < 1.5:
        time.sleep(30 - time.time() % 30 + 0.1)
    return format_hotp_value(hotp_value(TEST_TOTP_SECRET, int(time.time()) // 30))


def sign_in(page: Page, username: str, *, password: str = TEST_PASSWORD, totp: bool = False):
    """Sign in through the real allauth form (and its second step when the user has an authenticator)."""
    goto(page, "/accounts/login/")
    form = page.locator("main form").filter(has=page.locator("input[name=password]"))
    form.locator("input[name=login]").fill(username)
    form.locator("input[name=password]").fill(password)
    with page.expect_navigation(wait_until="domcontentloaded"):
        form.locator("button[type=submit]").click()
    if totp:
        expect(page).to_have_url(_path_re("/accounts/2fa/authenticate/"))
        code_form = page.locator("main form").filter(has=page.locator("input[name=code]"))
        for attempt in range(2):
            # On a busy machine the 30 s step may turn between computing the code and checking it
            # (allauth allows no drift): then the next step's code is tried once.
            if attempt:
                time.sleep(30 - time.time() % 30 + 0.1)
            code_form.locator("input[name=code]").fill(current_totp_code())
            with page.expect_navigation(wait_until="domcontentloaded"):
                code_form.locator("button[type=submit]:not([form])").click()
            if "/accounts/2fa/authenticate/" not in page.url:
                break
        expect(page).not_to_have_url(_path_re("/accounts/2fa/authenticate/"))


def sign_out(page: Page):
    with page.expect_navigation(wait_until="domcontentloaded"):
        page.locator("header form[action='/accounts/logout/'] button[type=submit]").click()


def choose_language(page: Page, code: str):
    """Use the footer language form, as a person would."""
    page.locator("#language-select").select_option(code)
    with page.expect_navigation(wait_until="domcontentloaded"):
        page.locator("footer form.language-switch button[type=submit]").click()
    expect(page.locator("html")).to_have_attribute("lang", code)


def _path_re(path: str):
    import re

    return re.compile(r"^https?://[^/]+" + re.escape(path) + r"(\?.*)?$")


def path_re(path: str):
    return _path_re(path)


SERIOUS = {"serious", "critical"}
BROKEN_IDREFS_JS = """() => {
  const found = [];
  for (const attr of ["aria-describedby", "aria-labelledby", "aria-controls", "aria-errormessage"]) {
    for (const el of document.querySelectorAll(`[${attr}]`)) {
      for (const id of el.getAttribute(attr).split(/\\s+/).filter(Boolean)) {
        if (!document.getElementById(id)) {
          found.push(`${el.tagName.toLowerCase()}#${el.id} ${attr}="${id}" points to nothing`);
        }
      }
    }
  }
  for (const label of document.querySelectorAll("label[for]")) {
    if (!document.getElementById(label.htmlFor)) found.push(`label for="${label.htmlFor}" points to nothing`);
  }
  return found;
}"""


NAVIGATING = re.compile(r"reading 'documentElement'|Execution context was destroyed|navigat", re.I)


def axe_problems(page: Page) -> list[str]:
    """Run axe-core on the page; describe every serious or critical violation (rule, help, nodes)."""
    # Evaluated through the DevTools protocol, not as a <script> tag: the page's
    # Content-Security-Policy rightly refuses inline scripts, and the test must not weaken it.
    result = None
    for attempt in range(3):
        # A click that follows a link returns before the next page has its document; axe then
        # finds no documentElement or its context is destroyed mid-run. Wait for the page the
        # click led to and run again: the audit must be of that page, never skipped.
        page.wait_for_load_state("load")
        try:
            page.evaluate(AXE_SOURCE)
            result = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
            break
        except PlaywrightError as error:
            if attempt == 2 or not NAVIGATING.search(str(error)):
                raise
            page.wait_for_timeout(100)
    problems = []
    # axe files a reference to a missing element under "needs review"; here it is simply wrong:
    # e.g. aria-describedby="id_x_helptext" when the help text is not on the page.
    for broken in page.evaluate(BROKEN_IDREFS_JS):
        problems.append(f"{page.url} [lang={html_lang(page)}] broken-idref (serious): {broken}")
    for violation in result["violations"]:
        if violation.get("impact") not in SERIOUS:
            continue
        targets = [json.dumps(node["target"]) for node in violation["nodes"]]
        problems.append(
            f"{page.url} [lang={html_lang(page)}] {violation['id']} ({violation['impact']}): "
            f"{violation['help']} <{violation['helpUrl']}>\n      nodes: {', '.join(targets)}"
        )
    return problems
