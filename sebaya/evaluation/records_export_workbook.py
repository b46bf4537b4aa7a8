"""The workbook of a de-identified records file: a README sheet that says what was done, in the
file's language, then one sheet per kind of record (`records_export_build` collects the rows),
written through `kernel.spreadsheets` so that no cell runs as a formula."""

from __future__ import annotations

import datetime

from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from sebaya.evaluation.records_export_build import MIN_GRADE_GROUP, SHIFT_DAYS, Collected
from sebaya.kernel.spreadsheets import xlsx_bytes


def sheets() -> list[tuple[str, str, list[str], list[int]]]:
    """(key, sheet title, column headers, column widths) in the workbook's order, in the active language."""

    # The context keeps these short words apart from the same words elsewhere (makemessages needs
    # each one written out in full to find it).
    return [
        (
            "people",
            pgettext("records export", "People"),
            [
                pgettext("records export", "Person code"),
                pgettext("records export", "Gender"),
                pgettext("records export", "Age band"),
                pgettext("records export", "Grade"),
            ],
            [12, 18, 14, 10],
        ),
        (
            "screening",
            pgettext("records export", "Screening results"),
            [
                pgettext("records export", "Person code"),
                pgettext("records export", "Questionnaire"),
                pgettext("records export", "Date"),
                pgettext("records export", "Score"),
                pgettext("records export", "Result"),
                pgettext("records export", "Severity"),
                pgettext("records export", "In a screening round"),
                pgettext("records export", "With a counselor"),
            ],
            [12, 14, 18, 8, 22, 16, 12, 12],
        ),
        (
            "help_requests",
            pgettext("records export", "Help requests"),
            [
                pgettext("records export", "Person code"),
                pgettext("records export", "Came from"),
                pgettext("records export", "Tier"),
                pgettext("records export", "Urgency"),
                pgettext("records export", "Topic"),
                pgettext("records export", "Status"),
                pgettext("records export", "Asked"),
                pgettext("records export", "First contact"),
                pgettext("records export", "Closed"),
            ],
            [12, 22, 20, 22, 22, 20, 18, 18, 18],
        ),
        (
            "peer_sessions",
            pgettext("records export", "Peer sessions"),
            [
                pgettext("records export", "Person code"),
                pgettext("records export", "Peer supporter code"),
                pgettext("records export", "Date"),
                pgettext("records export", "How"),
                pgettext("records export", "Minutes"),
                pgettext("records export", "Topics"),
                pgettext("records export", "Mood before (1-5)"),
                pgettext("records export", "Mood after (1-5)"),
                pgettext("records export", "Worried about safety"),
            ],
            [12, 12, 12, 12, 8, 30, 10, 10, 10],
        ),
        (
            "cases",
            pgettext("records export", "Cases"),
            [
                pgettext("records export", "Case code"),
                pgettext("records export", "Person code"),
                pgettext("records export", "Came from"),
                pgettext("records export", "Domain"),
                pgettext("records export", "Status"),
                pgettext("records export", "Opened"),
                pgettext("records export", "Closed"),
                pgettext("records export", "Outcome"),
            ],
            [12, 12, 22, 18, 18, 18, 18, 22],
        ),
        (
            "counseling_sessions",
            pgettext("records export", "Counseling sessions"),
            [
                pgettext("records export", "Case code"),
                pgettext("records export", "Person code"),
                pgettext("records export", "Date"),
                pgettext("records export", "Service"),
                pgettext("records export", "Minutes"),
            ],
            [12, 12, 12, 36, 8],
        ),
        (
            "referrals",
            pgettext("records export", "Referrals"),
            [
                pgettext("records export", "Case code"),
                pgettext("records export", "Partner kind"),
                pgettext("records export", "Status"),
                pgettext("records export", "Sent"),
                pgettext("records export", "Answered"),
                pgettext("records export", "Attended"),
                pgettext("records export", "Closed"),
            ],
            [12, 30, 12, 18, 18, 18, 18],
        ),
        (
            "alerts",
            pgettext("records export", "Alerts"),
            [
                pgettext("records export", "Level"),
                pgettext("records export", "Source"),
                pgettext("records export", "Raised"),
                pgettext("records export", "Acknowledged"),
                pgettext("records export", "Closed"),
            ],
            [10, 30, 18, 18, 18],
        ),
    ]


def readme(collected: Collected, *, reason: str, prepared_at: datetime.datetime) -> list[list]:
    def day(value: datetime.date) -> str:
        return formats.date_format(value, "j F Y")

    lines = [
        _(
            "Every person is replaced by a code such as P-7F3A2C, drawn at random for this file. The same "
            "person has the same code in every sheet of this file, and a different code in any other file."
        ),
        _(
            "Every date and time of a person is moved by a number of days between -%(days)s and +%(days)s, "
            "chosen at random for each person. All of one person's records move by the same number of days, "
            "so the time between them stays true. Because of this, some dates fall a little outside the "
            "period."
        )
        % {"days": SHIFT_DAYS},
        _(
            "Anonymous help requests have no person code; each one's dates are moved by its own number of "
            "days. Alerts have no person code either; their dates move with their person's."
        ),
        _("Cases have random codes too (K-…). Record numbers are not included."),
        _(
            "Nothing written is included: no names, identifiers, classes, birth dates, phone numbers or "
            "addresses, and no summaries, notes, messages, reasons or answers. Partners appear only by kind."
        ),
        _(
            "Ages are age bands at the end of the period. A grade is shown only when at least %(n)s people "
            "in this file share it."
        )
        % {"n": MIN_GRADE_GROUP},
        _(
            "Cases are those open at any time in the period; the other sheets hold the records made in the "
            "period."
        ),
        _(
            "Even so, someone who knows the people well might recognise a person from the rest. Keep this "
            "file safe, use it only for the reason above, and delete it when you no longer need it."
        ),
    ]
    rows = [
        [_("De-identified records of %(organization)s") % {"organization": collected.organization.name}],
        [],
        [
            _("Period"),
            _("%(start)s to %(end)s")
            % {"start": day(collected.period_start), "end": day(collected.period_end)},
        ],
        [_("Why the data is needed"), reason],
        [_("Prepared on"), formats.date_format(timezone.localtime(prepared_at), "j F Y, H:i")],
        [],
        [_("What was done to protect the people in this file")],
        *[[f"{number}.", line] for number, line in enumerate(lines, start=1)],
        [],
        [_("Sheet"), _("Rows")],
        *[[title, len(collected.rows.get(key, []))] for key, title, _columns, _widths in sheets()],
    ]
    return rows


def workbook(collected: Collected, *, reason: str, prepared_at: datetime.datetime) -> bytes:
    title = pgettext("records export", "README")
    book = {title: readme(collected, reason=reason, prepared_at=prepared_at)}
    widths = {title: [28, 100]}
    for key, sheet_title, columns, column_widths in sheets():
        book[sheet_title] = [columns, *collected.rows.get(key, [])]
        widths[sheet_title] = column_widths
    return xlsx_bytes(book, widths)
