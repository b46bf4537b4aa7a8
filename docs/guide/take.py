"""Take the user guides' screenshots (docs/guide/img/) from a fresh demo (run by `./dev guide-shots`).

Every docs/guide/shots/<role>.toml declares its shots (see docs/guide/README.md):

    [[shot]]
    file = "guru-bk-antrean-alert.png"   # written to docs/guide/img/
    user = "konselor1"                   # the demo account to sign in as ("" = signed out)
    path = "/o/sman-1-harapan/alerts/"   # the page to open
    size = "laptop"                      # "phone" (360 x 780) or "laptop" (1280 x 800)
    # optional: full_page = true, click = "css selector" (clicked first, e.g. a link to the first
    # record of a list), scroll_to = "css selector", lang = "en" (Indonesian otherwise)

The demo is served as for docs/screens/take.py (docs/demo_browser.py): a throwaway database, a local
server, Debian's Chromium signed in through the real sign-in form with the two-step codes. Each user
signs in once. A shot is written only when it succeeded; the run fails at the end if any did not.

    .venv/bin/python docs/guide/take.py               # every role's shots
    .venv/bin/python docs/guide/take.py --role guru-bk --role admin
"""

from __future__ import annotations

import argparse
import sys
import time
import tomllib
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))  # docs/demo_browser.py, shared with docs/screens/take.py

from demo_browser import (  # noqa: E402 (after the path it is found on)
    SIZES,
    chromium,
    demo_server,
    goto,
    new_context,
    settle,
    shrink,
    sign_in,
)

SHOTS_DIR = HERE / "shots"
IMG_DIR = HERE / "img"
KEYS = {"file", "user", "path", "size", "full_page", "click", "scroll_to", "lang"}
MAX_BYTES = 120_000  # a laptop page with a table of names stays under this as a palette PNG


@dataclass(frozen=True)
class Shot:
    role: str
    file: str
    user: str
    path: str
    size: str
    full_page: bool = False
    click: str = ""
    scroll_to: str = ""
    lang: str = "id"


def read_shots(roles: list[str] | None = None) -> list[Shot]:
    """Every declared shot (of these roles only, when given), checked for what the browser needs."""
    shots = []
    for toml in sorted(SHOTS_DIR.glob("*.toml")):
        role = toml.stem
        if roles and role not in roles:
            continue
        for entry in tomllib.loads(toml.read_text(encoding="utf-8")).get("shot", []):
            unknown = set(entry) - KEYS
            if unknown or entry.get("size") not in SIZES or not str(entry.get("path", "")).startswith("/"):
                raise SystemExit(f"{toml.name}: unknown keys {sorted(unknown)}, or a bad size or path")
            shots.append(Shot(role=role, **entry))
    names = [shot.file for shot in shots]
    if len(names) != len(set(names)):
        raise SystemExit("two shots write the same file")
    return shots


def take(page, shot: Shot, out: Path, base: str) -> None:
    page.context.add_cookies([{"name": "sebaya_language", "value": shot.lang, "url": base}])
    goto(page, shot.path)
    if shot.click:
        page.locator(shot.click).first.click()
        settle(page)
    if shot.scroll_to:
        page.locator(shot.scroll_to).first.evaluate(
            "el => window.scrollTo(0, el.getBoundingClientRect().top + window.scrollY - 16)"
        )
    page.mouse.move(0, 0)  # no hover state on whatever happens to be under the pointer
    png = page.screenshot(animations="disabled", caret="hide", full_page=shot.full_page)
    (out / shot.file).write_bytes(shrink(png, MAX_BYTES))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--role", action="append", help="only this role's shots (repeatable)")
    args = parser.parse_args()
    shots = read_shots(args.role)
    if not shots:
        print("no shots declared", file=sys.stderr)
        return 1
    started = time.monotonic()
    failed: list[str] = []
    IMG_DIR.mkdir(exist_ok=True)
    with demo_server("sebaya-guide-") as (base, env, _tmp), chromium() as browser:
        states: dict[str, dict] = {}  # each user signs in once
        for shot in sorted(shots, key=lambda s: (s.user, s.size)):
            try:
                state = None
                if shot.user:
                    if shot.user not in states:
                        with new_context(browser, base, SIZES["laptop"]) as ctx:
                            page = ctx.new_page()
                            sign_in(page, shot.user, env=env)
                            states[shot.user] = ctx.storage_state()
                    state = states[shot.user]
                with new_context(browser, base, SIZES[shot.size], state) as ctx:
                    page = ctx.new_page()
                    take(page, shot, IMG_DIR, base)
                size = (IMG_DIR / shot.file).stat().st_size
                print(f"   {shot.role}: {shot.file}  {size // 1024} KB", flush=True)
            except Exception as error:  # noqa: BLE001 (report every failed shot, then fail)
                who = shot.user or "signed out"
                failed.append(f"{shot.role}: {shot.file} ({who} at {shot.path}): {error}")
                print(f"!! {failed[-1]}", flush=True)
    print(f"== {len(shots) - len(failed)} of {len(shots)} shots in {time.monotonic() - started:.0f} s")
    if failed:
        print("Failed:\n" + "\n".join(failed), file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
