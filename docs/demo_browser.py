"""What the screenshot scripts share: a throwaway demo served locally, and Chromium signed in to it.

Used by docs/screens/take.py (the README's screenshots) and docs/guide/take.py (the user guides'):
a temporary SQLite data directory gets `sebaya migrate` and `sebaya demo`, `sebaya runserver` serves
it on a free local port (`demo_server()`), and Debian's Chromium, driven by Playwright, signs in as
the demo accounts through the real sign-in form, typing the two-step code from `sebaya democode`
(`sign_in`). `shrink` turns a screenshot into a small palette PNG.
"""

from __future__ import annotations

import contextlib
import io
import os
import re
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

from PIL import Image
from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import Page, sync_playwright

ROOT = Path(__file__).resolve().parents[1]
ORG = "/o/sman-1-harapan"  # the demo school
PASSWORD = "sebaya-demo-2026"  # the demo's public password (sebaya/core/demo/people.py)
CHROMIUM = os.environ.get("SEBAYA_CHROMIUM", "/usr/bin/chromium")  # as tests/browser/conftest.py
LAUNCH_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--no-first-run"]
PHONE = {"viewport": {"width": 360, "height": 780}, "is_mobile": True, "has_touch": True}
LAPTOP = {"viewport": {"width": 1280, "height": 800}}
SIZES = {"phone": PHONE, "laptop": LAPTOP}
MAX_BYTES = 80_000
TIMEOUT_MS = 15_000
UUID = r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"


class ShotError(RuntimeError):
    pass


def sebaya(*args: str, env: dict, **kwargs) -> subprocess.CompletedProcess:
    return subprocess.run(  # noqa: S603 (our own interpreter and command)
        [sys.executable, "-m", "sebaya", *args], env=env, cwd=ROOT, check=True, text=True, **kwargs
    )


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_until_up(base: str, server: subprocess.Popen, log: Path) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise ShotError(f"runserver stopped (exit {server.returncode}):\n{log.read_text()[-3000:]}")
        try:
            with urllib.request.urlopen(base + "/healthz", timeout=2) as response:  # noqa: S310 (local)
                if response.status == 200:
                    return
        except OSError:
            pass
        time.sleep(0.3)
    raise ShotError(f"runserver did not answer within 60 s:\n{log.read_text()[-3000:]}")


def stop(server: subprocess.Popen) -> None:
    if server.poll() is None:
        server.send_signal(signal.SIGINT)
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()


@contextlib.contextmanager
def demo_server(prefix: str) -> Iterator[tuple[str, dict, Path]]:
    """(base URL, the environment for `sebaya` commands, a temporary directory) of a fresh demo
    served on a free port; everything is removed afterwards."""
    with tempfile.TemporaryDirectory(prefix=prefix) as tmp:
        tmp_path = Path(tmp)
        env = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "REDIS_URL", "SEBAYA_ENV"}}
        env["SEBAYA_DATA_DIR"] = str(tmp_path / "data")
        env["DJANGO_SETTINGS_MODULE"] = "sebaya.settings"
        print("== a throwaway database with the demo data", flush=True)
        sebaya("migrate", "--noinput", "-v", "0", env=env)
        sebaya("demo", env=env, stdout=subprocess.DEVNULL)
        port = free_port()
        base = f"http://127.0.0.1:{port}"
        log = tmp_path / "runserver.log"
        with log.open("w") as log_file:
            server = subprocess.Popen(  # noqa: S603 (our own interpreter and command)
                [sys.executable, "-m", "sebaya", "runserver", f"127.0.0.1:{port}", "--noreload"],
                env=env,
                cwd=ROOT,
                stdout=log_file,
                stderr=subprocess.STDOUT,
            )
            try:
                wait_until_up(base, server, log)
                yield base, env, tmp_path
            except Exception:
                print(f"runserver's log (last lines):\n{log.read_text()[-3000:]}", file=sys.stderr)
                raise
            finally:
                stop(server)


@contextlib.contextmanager
def chromium():
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=LAUNCH_ARGS)
        try:
            yield browser
        finally:
            browser.close()


def new_context(browser, base: str, size: dict, storage_state=None, *, locale: str = "id-ID"):
    ctx = browser.new_context(
        base_url=base, locale=locale, device_scale_factor=1, storage_state=storage_state, **size
    )
    ctx.set_default_timeout(TIMEOUT_MS)
    ctx.route("**/favicon.ico", lambda route: route.fulfill(status=204, body=""))
    return ctx


# --- The browser ------------------------------------------------------------------------------


def settle(page: Page) -> None:
    """Wait until what a person would see is there: the load, htmx's requests, the fonts."""
    page.wait_for_load_state("load")
    with contextlib.suppress(PlaywrightError):  # a page that polls never goes idle; the load is enough
        page.wait_for_load_state("networkidle", timeout=5_000)
    page.evaluate("() => document.fonts.ready.then(() => true)")


def goto(page: Page, path: str) -> None:
    response = page.goto(path, wait_until="domcontentloaded")
    if response is None or response.status != 200:
        raise ShotError(f"{path} answered {response.status if response else 'nothing'}")
    check_landed(page, path)
    settle(page)


def check_landed(page: Page, path: str) -> None:
    """The page asked for, not a sign-in page or a refusal after a redirect."""
    landed = re.sub(r"^https?://[^/]+", "", page.url).split("?")[0]
    if landed != path.split("?")[0]:
        raise ShotError(f"asked for {path}, landed on {landed}")


def first_link(page: Page, list_path: str, pattern: str) -> str:
    """The first link in the page's main content whose path matches `pattern` (a detail page)."""
    goto(page, list_path)
    for href in page.locator("main a[href]").evaluate_all("links => links.map(a => a.getAttribute('href'))"):
        if re.fullmatch(pattern, href.split("?")[0]):
            return href
    raise ShotError(f"no link matching {pattern} on {list_path}")


def link_named(page: Page, list_path: str, pattern: str, text: str) -> str:
    """The first link in the main content whose path matches `pattern` and whose words hold `text`."""
    goto(page, list_path)
    links = page.locator("main a[href]").evaluate_all(
        "links => links.map(a => [a.getAttribute('href'), a.textContent])"
    )
    for href, words in links:
        if re.fullmatch(pattern, href.split("?")[0]) and text in words:
            return href
    raise ShotError(f"no link matching {pattern} with {text!r} on {list_path}")


def shrink(png: bytes, max_bytes: int = MAX_BYTES) -> bytes:
    """A palette PNG (fewer colors until it is under max_bytes); screens are flat colors and text."""
    image = Image.open(io.BytesIO(png)).convert("RGB")
    data = b""
    for colors in (256, 128, 64, 32):
        buffer = io.BytesIO()
        image.quantize(colors=colors, method=Image.Quantize.MEDIANCUT, dither=Image.Dither.NONE).save(
            buffer, format="PNG", optimize=True
        )
        data = buffer.getvalue()
        if len(data) <= max_bytes:
            break
    return data


def sign_in(page: Page, username: str, *, env: dict) -> None:
    """The real sign-in form; staff then type the current code from `sebaya democode`."""
    goto(page, "/accounts/login/")
    form = page.locator("main form").filter(has=page.locator("input[name=password]"))
    form.locator("input[name=login]").fill(username)
    form.locator("input[name=password]").fill(PASSWORD)
    with page.expect_navigation(wait_until="domcontentloaded"):
        form.locator("button[type=submit]").click()
    for attempt in range(2):
        if "/accounts/2fa/authenticate/" not in page.url:
            break
        # A code is good for its 30 s step only: do not start one in its last seconds, and if the
        # step turned between printing and checking, try the next step's code once.
        if attempt or 30 - time.time() % 30 < 3:
            time.sleep(30 - time.time() % 30 + 0.2)
        code = sebaya("democode", env=env, capture_output=True).stdout.strip()
        code_form = page.locator("main form").filter(has=page.locator("input[name=code]"))
        code_form.locator("input[name=code]").fill(code)
        with page.expect_navigation(wait_until="domcontentloaded"):
            code_form.locator("button[type=submit]:not([form])").click()
    if "/accounts/" in page.url:
        raise ShotError(f"{username} could not sign in (still at {page.url})")
