"""Two registrations of one person: the review list of likely pairs, merging one into the other,
and remembering that a pair is two different people.

A merge deletes nothing: the merged registration stays, pointing to the one kept
(`merged_into`), and its page says so. What the kept one lacks (a phone, a village, a family…) is
filled from the merged one, their vulnerabilities and exposures are joined, and the records that
pointed to the merged registration are moved to the kept one (`REPOINTED`), so that they all show
on one page. Both registrations get an audit event naming the other.

"Not the same person" needs no table of its own: the decision is an audit event on each of the
two registrations (`detail.affected == "not_same"`), which the review list reads to leave the pair
out. The audit trail is append-only, which suits a decision that is only ever added."""

from __future__ import annotations

from dataclasses import dataclass

from django.apps import apps
from django.core.cache import cache
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from sebaya.audit.models import AuditAction, AuditEvent
from sebaya.audit.services import record
from sebaya.psychosocial import names
from sebaya.psychosocial.models import AffectedPerson, Exposure, Incident, Vulnerability
from sebaya.psychosocial.services.registration import _as_match

# Records that point at a person affected, as ("app_label.Model", "field"): on a merge, those
# pointing at the merged registration are moved to the kept one with one UPDATE each, so the kept
# registration's page shows all of them. HOOK for the models that come next (PFA contacts, needs,
# follow-ups, screenings given in the field): add a row here for every foreign key to
# AffectedPerson, and nothing else in the merge needs to change. Registrations merged earlier
# into the one now merged follow it too, so no chain of merges is ever more than one step.
REPOINTED: tuple[tuple[str, str], ...] = (
    ("psychosocial.AffectedPerson", "merged_into"),
    ("psychosocial.Contact", "affected"),
    ("psychosocial.Need", "affected"),
)

# Filled on the kept registration when it has none ("" or None; an age of 0 is a baby, not empty).
FILLED = ("phone", "village", "site", "birth_year", "age_years", "description")
FILLED_ON_PERSON = ("guardian_name", "guardian_phone")


class MergeError(ValueError):
    """A refusal with a message for the user (already translated)."""


def _check(kept: AffectedPerson, merged: AffectedPerson) -> None:
    if kept.pk == merged.pk:
        raise MergeError(_("Choose two different registrations."))
    if kept.incident_id != merged.incident_id or kept.organization_id != merged.organization_id:
        raise MergeError(_("Only two registrations of the same incident by your organization can be merged."))
    if kept.merged_into_id is not None or merged.merged_into_id is not None:
        raise MergeError(_("One of the two was already merged. Open the list again to see what is left."))


@transaction.atomic
def affected_merge(*, kept: AffectedPerson, merged: AffectedPerson, by, request=None) -> AffectedPerson:
    """Merge `merged` into `kept` (see the module's docstring); returns the kept registration."""
    _check(kept, merged)
    # Both rows locked, in a fixed order so two merges of the same pair cannot deadlock; then
    # checked again, as another worker may have merged one of them meanwhile.
    locked = {
        row.pk: row
        for row in AffectedPerson.objects.select_for_update()
        .filter(pk__in=[kept.pk, merged.pk])
        .order_by("pk")
        .select_related("person")
    }
    kept, merged = locked[kept.pk], locked[merged.pk]
    _check(kept, merged)
    filled = []
    for name in FILLED:
        if getattr(kept, name) in (None, "") and getattr(merged, name) not in (None, ""):
            setattr(kept, name, getattr(merged, name))
            filled.append(name)
    if kept.household_id is None and merged.household_id is not None:
        kept.household_id, filled = merged.household_id, [*filled, "household"]
        if not kept.relation and merged.relation:
            kept.relation, filled = merged.relation, [*filled, "relation"]
    person_filled = [
        name for name in FILLED_ON_PERSON if not getattr(kept.person, name) and getattr(merged.person, name)
    ]
    for name in person_filled:
        setattr(kept.person, name, getattr(merged.person, name))
    if person_filled:
        kept.person.save(update_fields=person_filled)
    kept.vulnerabilities = [
        code for code in Vulnerability.values if code in {*kept.vulnerabilities, *merged.vulnerabilities}
    ]
    kept.exposures = [code for code in Exposure.values if code in {*kept.exposures, *merged.exposures}]
    moved = {}
    for label, field in REPOINTED:
        count = apps.get_model(label).objects.filter(**{field: merged}).update(**{field: kept})
        if count:
            moved[f"{label}.{field}"] = count
    kept.version += 1
    kept.save()
    merged.merged_into = kept
    merged.version += 1
    merged.save(update_fields=["merged_into", "version"])
    for target, other, what in ((kept, merged, "merged"), (merged, kept, "merged_into")):
        record(
            action=AuditAction.RECORD_CHANGED,
            actor=by,
            organization=kept.organization,
            target=target,
            request=request,
            detail={
                "affected": what,
                "incident": str(kept.incident_id),
                "other": str(other.pk),
                "filled": [*filled, *person_filled] if target is kept else [],
                "moved": moved if target is kept else {},
            },
        )
    return kept


@transaction.atomic
def affected_not_same(*, first: AffectedPerson, second: AffectedPerson, by, request=None) -> None:
    """Remember that two registrations the review list paired are two different people."""
    if first.pk == second.pk:
        raise MergeError(_("Choose two different registrations."))
    if first.incident_id != second.incident_id or first.organization_id != second.organization_id:
        raise MergeError(
            _("Only two registrations of the same incident by your organization can be compared.")
        )
    for target, other in ((first, second), (second, first)):
        record(
            action=AuditAction.RECORD_CHANGED,
            actor=by,
            organization=first.organization,
            target=target,
            request=request,
            detail={"affected": "not_same", "incident": str(first.incident_id), "other": str(other.pk)},
        )


def _not_same_pairs(*, incident: Incident, organization) -> set[frozenset[str]]:
    events = AuditEvent.objects.filter(
        organization=organization,
        target_type=AffectedPerson._meta.label_lower,
        detail__affected="not_same",
        detail__incident=str(incident.pk),
    ).values_list("target_id", "detail")
    return {frozenset((target, detail.get("other", ""))) for target, detail in events}


@dataclass(frozen=True)
class Pair:
    first: AffectedPerson
    second: AffectedPerson
    match: names.Match


# Pairs found are kept in the cache (ids and scores only, no names) with the version of every
# registration they were computed on, so that the next look compares only what changed since.
PAIRS_CACHE_SECONDS = 24 * 3600


def _pairs_cache_key(incident: Incident, organization) -> str:
    return f"psychosocial:likely-pairs:{incident.pk}:{organization.pk}"


def _may_match(born_a: int | None, born_b: int | None) -> bool:
    # likely_same refuses two birth years further apart than this; every registration with an age
    # has a birth year, and those with neither are compared with everyone.
    return born_a is None or born_b is None or abs(born_a - born_b) <= names.BIRTH_YEAR_TOLERANCE


def likely_pairs(*, incident: Incident, organization) -> list[Pair]:
    """The pairs among the organization's current registrations for this incident that
    `names.likely_same` calls likely one person, best first, leaving out pairs decided "not the
    same".

    Bounded work: only registrations whose birth years `likely_same` could accept are compared
    (a cheap integer test first), and the pairs found are cached with the registrations' versions,
    so each later look compares only the registrations added or changed since against the others:
    a new registration costs one comparison per registration, as while registering. Unknown names
    only match on a household head, which registrations are not compared on (as while
    registering), so they are never paired."""
    year = timezone.localdate().year
    rows = {
        str(row.pk): row
        for row in AffectedPerson.objects.current()
        .filter(incident=incident, organization=organization, name_unknown=False)
        .select_related("person", "household", "registered_by__person")
    }
    records = {pk: _as_match(row) for pk, row in rows.items()}
    born = {
        pk: data["birth_year"]
        if data["birth_year"] is not None
        else (year - data["age"] if data["age"] is not None else None)
        for pk, data in records.items()
    }
    versions = {pk: row.version for pk, row in rows.items()}
    key = _pairs_cache_key(incident, organization)
    cached = cache.get(key) or {"versions": {}, "pairs": []}
    fresh = [pk for pk in rows if cached["versions"].get(pk) != versions[pk]]
    fresh_set = set(fresh)
    found = [
        entry
        for entry in cached["pairs"]
        if entry[0] in rows and entry[1] in rows and not {entry[0], entry[1]} & fresh_set
    ]
    compared_fresh: set[str] = set()
    for pk in fresh:
        compared_fresh.add(pk)
        for other in rows:
            if other in compared_fresh or not _may_match(born[pk], born[other]):
                continue
            match = names.likely_same(records[pk], records[other], year=year)
            if match is not None:
                found.append((pk, other, match.score, list(match.reasons), match.evidence))
    cache.set(key, {"versions": versions, "pairs": found}, PAIRS_CACHE_SECONDS)
    decided = _not_same_pairs(incident=incident, organization=organization)
    pairs = []
    for a, b, score, reasons, evidence in found:
        if frozenset((a, b)) in decided:
            continue
        first, second = sorted((rows[a], rows[b]), key=lambda row: (row.registered_at, str(row.pk)))
        pairs.append(
            Pair(
                first=first, second=second, match=names.Match(score=score, reasons=reasons, evidence=evidence)
            )
        )
    pairs.sort(key=lambda pair: (-pair.match.evidence, pair.first.registered_at, str(pair.first.pk)))
    return pairs
