"""Retention: each kind of record is kept as long as the organization's privacy settings say, then
its content is erased (or, for screening results, the record is deleted). The worker runs it.

What happens to each kind, and why:

* **messages** — a peer support relationship that ended (closed, or stepped up to a counselor)
  `messages_months` ago: the text of its messages, its session notes and its closing note are
  erased. The rows stay, without text, so counts, dates and reply times (the program's figures)
  stay true.
* **anonymous_requests** — an anonymous help request closed or withdrawn `anonymous_requests_months`
  ago: its words, the check's answers, total and band, the safety answer, the replies and a
  counselor's triage reason are erased, and its follow-up code and PIN are removed, so nobody can
  open it again. Topic, tier, urgency and dates stay (reach and response times).
* **help_requests** — the same for a named person's request, `help_requests_months` after closing.
* **screening** — a result older than `screening_years` is deleted (answers, score and band are
  health data about a named person; a row without them would say nothing). Its invitation keeps
  "completed", so a round's coverage stays. Results within a case stay with the case, and a result
  still waiting in the screening follow-up list stays until it is followed up. 0 keeps them.
* **cases** — a case closed `cases_years` ago: everything written in it is erased (summary,
  plan, closing summary, sessions with their confidential notes, home visits, conferences,
  follow-ups, referral texts, break-the-glass reasons) and its screening measures are deleted.
  The line in the case book stays (number, person, dates, domain, services), so the jurnal BK
  reports still count it. 0 keeps them (the school's archive rule decides).
* **group_notes** — the notes of an activity's meeting (open notes and the encrypted notes of
  group counseling and support groups), `cases_years` after the meeting, as counseling records.
  The meeting and its attendance stay, so the jurnal BK and the program's progress still count
  it. A meeting where a blocked person was present waits.
* **Never erased:** alerts and their actions (`Alert.delete()` refuses; they hold signal codes
  and staff notes, not the person's words), the audit trail (append-only), consent records.

**Blocked while open.** Nothing about a person is erased while the organization has an open case
for them (status other than closed) or an alert about them that is not closed. An anonymous
request, or an anonymous relationship, is blocked the same way by an alert not closed that was
raised from it (from the request, its relationships, their messages or sessions: the alert's
`source_ref`).

Each run writes, per organization and kind, one audit event with the count (only when something
was done), and never any content. Erased records are listed in `ErasedRecord`, so each is done
once. The worker claims an organization with a conditional UPDATE on its privacy settings (at most
once an hour), and does all of an organization's work in one transaction: a killed worker leaves
everything as it was, and the next round does it again.

Each kind is carried out by the app that owns the records (`support/retention.py`,
`screening/retention.py`, `counseling/retention.py`, `guidance/retention.py`; `safety/retention.py`
adds what an alert blocks), declared on its AppConfig and read through `kernel.registry`, so
privacy imports none of those apps. The periods stay here, in the organization's privacy settings.
"""

from __future__ import annotations

import calendar
import datetime
from collections.abc import Callable
from dataclasses import dataclass, field

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from sebaya.audit.models import AuditAction
from sebaya.audit.services import record
from sebaya.kernel import registry
from sebaya.organizations.models import Organization
from sebaya.privacy.consent import privacy_settings
from sebaya.privacy.models import ErasedRecord, PrivacySettings, RetentionKind

BATCH = 500  # records per kind per organization per run; the rest waits for the next round
CHECK_EVERY = datetime.timedelta(hours=1)


# --- What the apps' retention modules use ----------------------------------------------------------------


@dataclass(frozen=True)
class Kind:
    """One kind of record the retention rules erase, declared by the app that owns the records
    (`retention_kinds` on its AppConfig). `carry_out(*, organization, cutoff, blocked)` finds the
    records due in one organization, leaves out the blocked ones, erases ("erased": the rows stay,
    listed in ErasedRecord) or deletes ("deleted": no row is left to list) at most `BATCH` of them
    and returns their ids. It runs inside the caller's transaction and writes no audit event of
    its own (the caller writes one per kind)."""

    kind: RetentionKind
    carry_out: Callable
    how: str = "erased"


@dataclass
class Blocked:
    """Who may not be touched now: people with an open case or an alert that is not closed, and
    anonymous requests and relationships that an alert not closed was raised from. The apps that
    own those records fill it in (`retention_blocks` on their AppConfigs)."""

    people: set = field(default_factory=set)
    requests: set = field(default_factory=set)
    relationships: set = field(default_factory=set)


def not_erased(queryset, kind):
    """The records of `queryset` not yet erased as `kind`."""
    return queryset.exclude(pk__in=ErasedRecord.objects.filter(kind=kind).values("record_id"))


def batch(queryset) -> list:
    """The ids of the first `BATCH` records (read at call time: tests make it smaller)."""
    return list(queryset.order_by("pk").values_list("pk", flat=True)[:BATCH])


# --- The rules ------------------------------------------------------------------------------------------


def months_before(moment: datetime.datetime, months: int) -> datetime.datetime:
    """The same day and time `months` calendar months earlier (the last day of a shorter month)."""
    month_index = moment.year * 12 + moment.month - 1 - months
    year, month = divmod(month_index, 12)
    day = min(moment.day, calendar.monthrange(year, month + 1)[1])
    return moment.replace(year=year, month=month + 1, day=day)


def retention_run(*, now=None) -> int:
    """The worker's job: every organization not looked at for an hour, claimed one at a time.
    Returns how many records were erased or deleted."""
    now = now or timezone.now()
    missing = Organization.objects.filter(privacy_settings__isnull=True).values_list("pk", flat=True)
    PrivacySettings.objects.bulk_create(
        [PrivacySettings(organization_id=pk) for pk in missing], ignore_conflicts=True
    )
    due = PrivacySettings.objects.filter(
        Q(retention_checked_at__isnull=True) | Q(retention_checked_at__lte=now - CHECK_EVERY)
    )
    done = 0
    for settings_row in due.select_related("organization").order_by("retention_checked_at")[:50]:
        with transaction.atomic():
            claimed = PrivacySettings.objects.filter(
                pk=settings_row.pk, retention_checked_at=settings_row.retention_checked_at
            ).update(retention_checked_at=now)
            if not claimed:
                continue  # another worker has it
            counts, more = _apply(settings_row, now)
            if more:
                # A batch was full: look at this organization again in the next round.
                PrivacySettings.objects.filter(pk=settings_row.pk).update(retention_checked_at=None)
        done += sum(counts.values())
    return done


@transaction.atomic
def retention_apply(*, organization, now=None) -> dict[str, int]:
    """Carry out the organization's retention rules as of `now` (tests move the clock with it).
    Returns {kind: how many records}."""
    counts, _more = _apply(privacy_settings(organization), now or timezone.now())
    return counts


def _months(settings_row: PrivacySettings, kind: RetentionKind) -> int:
    """How long the organization keeps this kind of record, in months (0: keep)."""
    return {
        RetentionKind.MESSAGES: settings_row.messages_months,
        RetentionKind.ANONYMOUS_REQUESTS: settings_row.anonymous_requests_months,
        RetentionKind.HELP_REQUESTS: settings_row.help_requests_months,
        RetentionKind.SCREENING: settings_row.screening_years * 12,
        RetentionKind.CASES: settings_row.cases_years * 12,
        # Group counseling notes are counseling records: kept as long as the cases.
        RetentionKind.GROUP_NOTES: settings_row.cases_years * 12,
    }[kind]


def _kinds() -> list[Kind]:
    """The apps' retention kinds (declared on their AppConfigs), in the order of RetentionKind:
    screening results are looked at before the cases that hold some of them are erased."""
    order = list(RetentionKind)
    return sorted(registry.retention_kinds(), key=lambda rule: order.index(rule.kind))


def _apply(settings_row: PrivacySettings, now) -> tuple[dict[str, int], bool]:
    organization = settings_row.organization
    blocked = Blocked()
    for block in registry.retention_blocks():
        block(organization, blocked)
    counts: dict[str, int] = {}
    more = False
    for rule in _kinds():
        kind, months = rule.kind, _months(settings_row, rule.kind)
        if months <= 0:
            continue  # "keep"
        ids = rule.carry_out(organization=organization, cutoff=months_before(now, months), blocked=blocked)
        if rule.how == "erased":  # a deleted record leaves no row to list
            ErasedRecord.objects.bulk_create(
                [
                    ErasedRecord(organization=organization, kind=kind, record_id=pk, erased_at=now)
                    for pk in ids
                ]
            )
        counts[kind] = len(ids)
        more = more or len(ids) >= BATCH
        if ids:
            record(
                action=AuditAction.RECORD_CHANGED,
                organization=organization,
                detail={"retention": str(kind), "count": len(ids), "how": rule.how},
            )
    return counts, more
