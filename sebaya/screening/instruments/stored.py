"""An organization's own needs questionnaires, kept in the database (`screening.OrganizationInstrument`)
rather than as files: the one place in this package that reads the database.

A stored version never changes (every save is a new row), so a parsed version is kept in memory by
its row's id: the lookup costs one small query for the id, and the definition is parsed once.
"""

from __future__ import annotations

from functools import lru_cache

from sebaya.screening.instruments.definitions import Instrument, UnknownInstrument
from sebaya.screening.instruments.parsing import parse


def stored_instrument(code: str, version: int | None = None) -> Instrument:
    """The stored instrument with this exact code (its latest version, or the given one)."""
    from sebaya.screening.models import OrganizationInstrument

    rows = OrganizationInstrument.objects.filter(code=code)
    if version is not None:
        rows = rows.filter(version=version)
    found = rows.order_by("-version").values_list("pk", "version").first()
    if found is None:
        if version is not None and OrganizationInstrument.objects.filter(code=code).exists():
            raise UnknownInstrument(
                "unknown_version", f"{code} has no version {version}.", instrument=code, version=version
            )
        raise UnknownInstrument("unknown_instrument", f"No instrument {code!r}.", instrument=code)
    return _parsed(found[0])


@lru_cache(maxsize=512)
def _parsed(pk) -> Instrument:
    from sebaya.screening.models import OrganizationInstrument

    row = OrganizationInstrument.objects.get(pk=pk)
    return parse(row.definition, name=f"{row.code}.v{row.version}")


def organization_instruments(organization) -> list[Instrument]:
    """The latest version of each of the organization's own questionnaires, by code."""
    from sebaya.screening.models import OrganizationInstrument

    latest: dict[str, object] = {}
    for pk, code in (
        OrganizationInstrument.objects.filter(organization=organization)
        .order_by("code", "-version")
        .values_list("pk", "code")
    ):
        latest.setdefault(code, pk)
    return [_parsed(pk) for pk in latest.values()]
