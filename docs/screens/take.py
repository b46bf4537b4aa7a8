"""Take the screenshots in docs/screens/ from a fresh demo (run by `./dev screens`).

A throwaway SQLite data directory gets `sebaya migrate` and `sebaya demo`; `sebaya runserver`
serves it on a free local port; Debian's Chromium, driven by Playwright, signs in as the demo
accounts and photographs the key pages at phone size (360 x 780) and a few at laptop size
(1280 x 800), in Indonesian. The PNGs are reduced to a palette so they stay small, and
docs/screens/README.md is written beside them. Nothing is replaced unless every shot succeeds.

Run it with the project's Python: `.venv/bin/python docs/screens/take.py`.
"""

from __future__ import annotations

import re
import shutil
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from playwright.sync_api import Page

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))  # docs/demo_browser.py, shared with docs/guide/take.py

from demo_browser import (  # noqa: E402 (after the path it is found on)
    LAPTOP,
    ORG,
    PHONE,
    ROOT,
    UUID,
    ShotError,
    check_landed,
    chromium,
    demo_server,
    first_link,
    goto,
    link_named,
    new_context,
    settle,
    shrink,
    sign_in,
)

OWN_NAME = re.compile(r"^(phone|laptop)-[a-z0-9-]+\.png$")


@dataclass
class Shot:
    name: str
    caption: str


SHOTS: list[Shot] = []  # in the order taken; README.md lists them in this order


# --- The browser ------------------------------------------------------------------------------


def shoot(page: Page, out: Path, name: str, caption: str, *, scroll_to: str = "") -> None:
    """Photograph what is on screen (the top of the page, or from `scroll_to`'s element down)."""
    settle(page)
    if scroll_to:
        page.locator(scroll_to).evaluate(
            "el => window.scrollTo(0, el.getBoundingClientRect().top + window.scrollY - 16)"
        )
    page.mouse.move(0, 0)  # no hover state on whatever happens to be under the pointer
    overflow = page.evaluate(
        "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
    if overflow > 0:
        print(f"   note: {name}.png scrolls sideways by {overflow} px", flush=True)
    png = page.screenshot(animations="disabled", caret="hide", full_page=False)
    target = out / f"{name}.png"
    target.write_bytes(shrink(png))
    SHOTS.append(Shot(f"{name}.png", caption))
    print(f"   {name}.png  {target.stat().st_size // 1024} KB", flush=True)


# --- What is photographed ---------------------------------------------------------------------


def take_all(browser, base: str, out: Path, env: dict) -> None:
    def context(size: dict, storage_state=None):
        return new_context(browser, base, size, storage_state)

    print("== signed out", flush=True)
    with context(PHONE) as ctx:
        page = ctx.new_page()
        goto(page, "/bantuan/")
        shoot(page, out, "phone-crisis", "The crisis page (`/bantuan/`), open to anyone without signing in.")
        goto(page, "/accounts/login/")
        shoot(page, out, "phone-sign-in", "Signing in (username or email, and password).")

    print("== student (siswa)", flush=True)
    with context(PHONE) as ctx:
        page = ctx.new_page()
        sign_in(page, "siswa", env=env)
        goto(page, f"{ORG}/")
        shoot(page, out, "phone-student-home", "A student's home: ask for help, their check-in invitation.")
        invitation = first_link(page, f"{ORG}/", rf"{ORG}/check-in/invitations/{UUID}/")
        goto(page, invitation)
        shoot(
            page,
            out,
            "phone-check-in",
            "A check-in from a screening round, one question per screen with its answer scale.",
        )
        goto(page, f"{ORG}/help/new/")
        shoot(
            page,
            out,
            "phone-help-request",
            "Asking for help, step 1 of 4: what it is about, in their own words.",
            scroll_to="#help-steps",
        )

    print("== peer supporter (sebaya)", flush=True)
    with context(PHONE) as ctx:
        page = ctx.new_page()
        sign_in(page, "sebaya", env=env)
        relationship = first_link(page, f"{ORG}/accompany/", rf"{ORG}/accompany/{UUID}/")
        goto(page, relationship)
        shoot(
            page,
            out,
            "phone-peer-conversation",
            "A peer supporter's page for the student they accompany: the conversation and sessions.",
        )

    print("== counselor (konselor1)", flush=True)
    with context(PHONE) as ctx:
        page = ctx.new_page()
        sign_in(page, "konselor1", env=env)
        counselor_state = ctx.storage_state()
        goto(page, f"{ORG}/")
        shoot(page, out, "phone-counselor-home", "A counselor's (guru BK) home.")
        goto(page, f"{ORG}/alerts/")
        shoot(page, out, "phone-alert-queue", "The alert queue: open alerts first, crisis before concern.")
        alert = first_link(page, f"{ORG}/alerts/", rf"{ORG}/alerts/{UUID}/")
        goto(page, alert)
        shoot(page, out, "phone-alert", "One alert: whom it is about, what raised it, and acknowledging it.")
        goto(page, f"{ORG}/triage/")
        shoot(page, out, "phone-triage-queue", "The triage queue of help requests waiting for a counselor.")

    print("== the counselor of a case with sessions (konselor2)", flush=True)
    with context(PHONE) as ctx:
        page = ctx.new_page()
        sign_in(page, "konselor2", env=env)
        case_state = ctx.storage_state()
        case = first_link(page, f"{ORG}/cases/", rf"{ORG}/cases/{UUID}/")  # their own come first
        goto(page, case)
        shoot(page, out, "phone-case", "A case in the case book (buku kasus), seen by its counselor.")

    with context(LAPTOP, counselor_state) as ctx:
        page = ctx.new_page()
        goto(page, f"{ORG}/")
        shoot(page, out, "laptop-counselor-home", "A counselor's home on a laptop.")
        goto(page, alert)
        shoot(page, out, "laptop-alert", "An alert on a laptop.")
    with context(LAPTOP, case_state) as ctx:
        page = ctx.new_page()
        goto(page, case)
        shoot(page, out, "laptop-case", "A case on a laptop: its open alert, details and plan.")

    print("== coordinator (koordinator)", flush=True)
    with context(PHONE) as ctx:
        page = ctx.new_page()
        sign_in(page, "koordinator", env=env)
        coordinator_state = ctx.storage_state()
        goto(page, f"{ORG}/jurnal/report/")
        shoot(page, out, "phone-jurnal-report", "The jurnal BK report for a month.")
        goto(page, f"{ORG}/supporters/")
        shoot(page, out, "phone-supporters", "The roster of peer supporters.")
        goto(page, f"{ORG}/buddies/")
        page.locator("#buddy-form select[name=grade]").select_option("10")
        with page.expect_navigation(wait_until="domcontentloaded"):
            page.locator("#buddy-form button[type=submit]").click()
        check_landed(page, re.sub(r"^https?://[^/]+", "", page.url))
        if not re.search(rf"{ORG}/buddies/{UUID}/$", page.url):
            raise ShotError(f"the buddy proposal led to {page.url}")
        shoot(
            page, out, "phone-buddies", "The buddy system: a proposed pairing for the new grade 10 students."
        )

    with context(LAPTOP, coordinator_state) as ctx:
        page = ctx.new_page()
        goto(page, f"{ORG}/program/overview/")
        shoot(page, out, "laptop-program-overview", "The peer supporter program overview on a laptop.")
        goto(page, f"{ORG}/evaluasi/")
        shoot(
            page,
            out,
            "laptop-evaluation-outcomes",
            "Program evaluation: outcomes by reliable change, with the effect size and its caution.",
            scroll_to="#section-outcomes",
        )
    with context(PHONE, coordinator_state) as ctx:
        page = ctx.new_page()
        goto(page, f"{ORG}/evaluasi/")
        shoot(page, out, "phone-evaluation", "Program evaluation on a phone: the period and filters first.")

    print("== the BK program cycle (konselor1)", flush=True)
    with context(PHONE, counselor_state) as ctx:
        page = ctx.new_page()
        goto(page, f"{ORG}/guidance/needs/")
        shoot(
            page,
            out,
            "phone-needs-results",
            "The needs assessment (AKPD) of grade 10: the needs most marked in each class.",
            scroll_to="#needs-by-class",
        )
        program = first_link(page, f"{ORG}/bk-program/", rf"{ORG}/bk-program/{UUID}/")
        goto(page, f"{program}progress/")
        shoot(page, out, "phone-bk-progress", "The BK program's progress: topics planned against delivered.")
        goto(page, f"{ORG}/kegiatan/")
        shoot(
            page,
            out,
            "phone-activities",
            "Activities: what a counselor leads, and every activity of the school.",
        )
        classroom = link_named(page, f"{ORG}/kegiatan/", rf"{ORG}/kegiatan/{UUID}/", "diri (X-1)")
        goto(page, classroom)
        shoot(
            page,
            out,
            "phone-classroom-guidance",
            "A classroom guidance session given from its RPL: its meeting held, how many were present.",
            scroll_to="#meetings",
        )
        campaign = first_link(page, f"{ORG}/campaigns/", rf"{ORG}/campaigns/{UUID}/")
        goto(page, campaign)
        shoot(
            page,
            out,
            "phone-campaign-change",
            "An awareness campaign: what its survey before and after shows.",
            scroll_to="#campaign-change",
        )
        goto(page, f"{ORG}/calendar/")
        shoot(page, out, "phone-calendar", "The calendar: meetings, program weeks and surveys, as a list.")

    with context(LAPTOP, counselor_state) as ctx:
        page = ctx.new_page()
        goto(page, f"{ORG}/guidance/needs/")
        shoot(page, out, "laptop-needs-results", "The needs results on a laptop, by bidang and by class.")
        goto(page, program)
        shoot(
            page, out, "laptop-bk-program", "The annual BK program (program tahunan) for grade 10, approved."
        )
        plan = first_link(page, f"{ORG}/bk-program/rpl/", rf"{ORG}/bk-program/rpl/{UUID}/")
        goto(page, plan)
        shoot(page, out, "laptop-rpl", "A service plan (RPL) made from a program item.")
        goto(page, campaign)
        shoot(page, out, "laptop-campaign", "An awareness campaign on a laptop: its activities and reach.")
        goto(page, f"{ORG}/calendar/")
        shoot(page, out, "laptop-calendar", "The calendar on a laptop.")

    print("== a peer supporter leading a support group (sebaya)", flush=True)
    with context(PHONE) as ctx:
        page = ctx.new_page()
        sign_in(page, "sebaya", env=env)
        group = link_named(page, f"{ORG}/kegiatan/", rf"{ORG}/kegiatan/{UUID}/", "Ruang Cerita")
        goto(page, group)
        shoot(page, out, "phone-support-group", "A support group, as one of the peer supporters who lead it.")

    print("== a field worker in a flood response (relawan)", flush=True)
    community = "/o/komunitas-peduli-sesama"
    with context(PHONE) as ctx:
        page = ctx.new_page()
        sign_in(page, "relawan", env=env)
        incident = first_link(page, f"{community}/kejadian/", rf"{community}/kejadian/{UUID}/")
        goto(page, incident)
        shoot(page, out, "phone-incident", "An incident, as a field worker sees it.")
        person = link_named(page, incident, rf"{community}/kejadian/{UUID}/warga/{UUID}/", "Ujang Rohmat")
        goto(page, person + "pfa/")
        shoot(page, out, "phone-pfa-contact", "A PFA contact: refer at once, then look, listen, link.")
        goto(page, incident + "kebutuhan/")
        shoot(page, out, "phone-needs", "The open needs of a response, urgent and overdue first.")
        goto(page, incident + "tindak-lanjut/")
        shoot(page, out, "phone-follow-ups", "Follow-ups after an incident: overdue, today, next 7 days.")


README = """# Screenshots

What Sebaya looks like, in Indonesian (the default language), with the demo data of
`sebaya demo` (SMA Negeri 1 Harapan; every name is made up). Phone shots are 360 x 780, laptop
shots 1280 x 800; each shows the top of its page.

| file | what it shows |
|---|---|
{rows}

To refresh them all (a throwaway database, a local server and Debian's Chromium; a minute or two):

```sh
./dev screens
```

The script is `docs/screens/take.py`. It replaces the images only when every shot succeeded.
"""


def main() -> int:
    started = time.monotonic()
    with demo_server("sebaya-screens-") as (base, env, tmp_path):
        out = tmp_path / "out"
        out.mkdir()
        with chromium() as browser:
            take_all(browser, base, out, env)
        # Every shot succeeded: replace the old set (a shot no longer taken goes too).
        for old in HERE.iterdir():
            if OWN_NAME.match(old.name):
                old.unlink()
        for shot in SHOTS:
            shutil.copyfile(out / shot.name, HERE / shot.name)
    listed = sorted(SHOTS, key=lambda s: s.name.startswith("laptop-"))  # phones first, else as taken
    rows = "\n".join(f"| [`{s.name}`]({s.name}) | {s.caption} |" for s in listed)
    (HERE / "README.md").write_text(README.format(rows=rows), encoding="utf-8")
    total = sum((HERE / s.name).stat().st_size for s in SHOTS)
    print(
        f"== {len(SHOTS)} screenshots, {total // 1024} KB in all, in {HERE.relative_to(ROOT)}/ "
        f"({time.monotonic() - started:.0f} s)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
