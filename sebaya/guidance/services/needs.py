"""An organization's own needs questionnaires: copying a shipped one, and saving edited statements.

Every save writes a new version (`screening.OrganizationInstrument`, never changed afterwards), so
answers already given keep the wording they were given to. The definition is built from the
statements and checked by the screening instruments' own parser (`parse`) before anything is
written: every check a shipped file passes applies, and a refused save writes nothing.
"""

from __future__ import annotations

import copy
import re
from dataclasses import dataclass

from django.db import IntegrityError, transaction

from sebaya.audit.models import AuditAction
from sebaya.audit.services import record
from sebaya.screening.instruments import NEEDS_AREAS, InstrumentError, get_instrument, parse
from sebaya.screening.instruments.stored import stored_instrument
from sebaya.screening.models import OrganizationInstrument

PREFIX = {"pribadi": "p", "sosial": "s", "belajar": "b", "karier": "k"}


class NeedsEditError(Exception):
    """The questionnaire was not saved. `code`: "invalid" (then `errors`: the parser's messages),
    "stale" (someone saved a newer version first), "last" (the only statement cannot be removed),
    "not_needs" (the base is not a needs questionnaire)."""

    def __init__(self, code: str, errors: list[str] | None = None):
        super().__init__(code)
        self.code = code
        self.errors = list(errors or [])


@dataclass(frozen=True)
class StatementInput:
    """One statement as edited: its item id ("" for a new one), texts, bidang and risk level
    ("" when it signals no risk, else "concern" or "crisis")."""

    id: str
    text_id: str
    text_en: str
    domain: str
    risk: str = ""


def _code_for(organization, base_code: str) -> str:
    """`<base>_<the organization's slug in letters and digits>`, unique across organizations."""
    suffix = re.sub(r"[^a-z0-9]", "", organization.slug.lower())[: 38 - len(base_code)] or "org"
    code, n = f"{base_code}_{suffix}", 1
    while (
        OrganizationInstrument.objects.filter(code=code).exclude(organization=organization).exists()
        or len(code) > 40
    ):
        n += 1
        code = f"{base_code}_{suffix[: 36 - len(base_code)]}{n}"
    return code


def own_questionnaire(organization, code: str) -> OrganizationInstrument | None:
    """The latest version of one of the organization's own questionnaires, or None."""
    rows = OrganizationInstrument.objects.filter(organization=organization, code=code)
    return rows.order_by("-version").first()


@transaction.atomic
def questionnaire_copy(*, organization, base_code: str, by, request=None) -> OrganizationInstrument:
    """Copy a shipped needs questionnaire to the organization (its version 1). When the organization
    already has its own copy of that questionnaire, that copy is returned unchanged."""
    base = get_instrument(base_code)
    if not base.is_needs or base.path is None:
        raise NeedsEditError("not_needs")
    existing = OrganizationInstrument.objects.filter(organization=organization, base_code=base.code)
    latest = existing.order_by("-version").first()
    if latest is not None:
        return latest
    definition = _shipped_definition(base)
    definition["code"] = _code_for(organization, base.code)
    definition["version"] = 1
    for key in ("short_name", "name"):
        definition[key] = {
            language: f"{text} ({organization.name})" for language, text in definition[key].items()
        }
    return _write(
        organization=organization, base_code=base.code, definition=definition, by=by, request=request
    )


@transaction.atomic
def questionnaire_save(
    *,
    organization,
    code: str,
    statements: list[StatementInput],
    expected_version: int,
    by,
    request=None,
) -> OrganizationInstrument:
    """Save edited statements as the next version of the organization's questionnaire `code`.

    Raises NeedsEditError: "stale" when the latest version is not `expected_version` (a colleague
    saved meanwhile), "invalid" with the parser's messages when the result is not a valid
    questionnaire. Nothing is written then.
    """
    latest = (
        OrganizationInstrument.objects.select_for_update()
        .filter(organization=organization, code=code)
        .order_by("-version")
        .first()
    )
    if latest is None:
        raise OrganizationInstrument.DoesNotExist(code)
    if latest.version != expected_version:
        raise NeedsEditError("stale")
    before = stored_instrument(code, latest.version)
    definition = copy.deepcopy(latest.definition)
    definition["version"] = latest.version + 1
    definition["items"], definition["subscales"], definition["risk_items"] = _statements(
        before, latest.definition, statements
    )
    count = len(definition["items"])
    definition["scoring"] = {"method": "sum", "range": [0, count]}
    definition["bands"] = [dict(definition["bands"][0], min=0, max=count)] if definition["bands"] else []
    return _write(
        organization=organization, base_code=latest.base_code, definition=definition, by=by, request=request
    )


def current_statements(instrument) -> list[StatementInput]:
    """The statements of a (needs) instrument version, as the editor sees them."""
    risks = {risk.item: risk.level for risk in instrument.risk_items}
    domain = {item_id: subscale.code for subscale in instrument.subscales for item_id in subscale.items}
    return [
        StatementInput(item.id, item.text.id, item.text.en, domain.get(item.id, ""), risks.get(item.id, ""))
        for item in instrument.items
    ]


def statement_change(
    *,
    organization,
    code: str,
    expected_version: int,
    item_id: str,
    change: StatementInput | None,
    by,
    request=None,
) -> OrganizationInstrument:
    """Change one statement (`item_id`; "" adds `change` as a new one) or remove it (`change` None),
    saved as the next version through `questionnaire_save` (same checks, same errors; "last" when
    the only statement would be removed)."""
    latest = own_questionnaire(organization, code)
    if latest is None:
        raise OrganizationInstrument.DoesNotExist(code)
    statements = current_statements(stored_instrument(code, latest.version))
    if item_id and item_id not in {s.id for s in statements}:
        raise NeedsEditError("stale")
    if change is None:
        statements = [s for s in statements if s.id != item_id]
        if not statements:
            raise NeedsEditError("last")
    elif item_id:
        statements = [change if s.id == item_id else s for s in statements]
    else:
        statements.append(change)
    return questionnaire_save(
        organization=organization,
        code=code,
        statements=statements,
        expected_version=expected_version,
        by=by,
        request=request,
    )


def _statements(before, old_definition, statements):
    old_items = {item["id"]: item for item in old_definition.get("items", [])}
    old_risks = {risk["item"]: risk for risk in old_definition.get("risk_items", [])}
    default_options = next(iter(old_definition.get("option_sets", {})), None)
    used = {s.id for s in statements if s.id in old_items}
    items, members, risks = [], {area: [] for area in NEEDS_AREAS}, []
    for statement in statements:
        item_id = statement.id if statement.id in old_items else _new_id(statement.domain, used)
        used.add(item_id)
        old = old_items.get(item_id, {})
        item = {
            "id": item_id,
            "text": {"id": statement.text_id.strip(), "en": statement.text_en.strip()},
            "options": old.get("options", default_options),
        }
        items.append(item)
        members.setdefault(statement.domain, []).append(item_id)
        if statement.risk:
            risk = dict(old_risks.get(item_id) or _new_risk(before, item_id, item["text"]))
            risk["level"] = statement.risk
            risks.append(risk)
    names = {subscale.code: subscale.name for subscale in before.subscales}
    subscales = [
        {
            "code": area,
            "name": {"id": names[area].id, "en": names[area].en} if area in names else _area_name(area),
            "items": ids,
        }
        for area, ids in members.items()
        if ids
    ]
    return items, subscales, risks


def _new_id(domain: str, used: set[str]) -> str:
    prefix = PREFIX.get(domain, "x")
    n = 1
    while f"{prefix}{n:02d}" in used:
        n += 1
    return f"{prefix}{n:02d}"


def _new_risk(before, item_id: str, text: dict) -> dict:
    flags = {risk.flag for risk in before.risk_items}
    flag = f"risk_{item_id}"
    while flag in flags:
        flag += "x"
    return {"item": item_id, "op": "==", "value": 1, "flag": flag, "label": dict(text)}


def _area_name(area: str) -> dict:
    names = {
        "pribadi": ("Pribadi", "Personal"),
        "sosial": ("Sosial", "Social"),
        "belajar": ("Belajar", "Learning"),
        "karier": ("Karier", "Career"),
    }
    id_name, en_name = names.get(area, (area, area))
    return {"id": id_name, "en": en_name}


def _shipped_definition(base) -> dict:
    import json

    return json.loads(base.path.read_text(encoding="utf-8"))


def _write(*, organization, base_code: str, definition: dict, by, request) -> OrganizationInstrument:
    name = f"{definition.get('code')}.v{definition.get('version')}"
    try:
        instrument = parse(definition, name=name)
    except InstrumentError as error:
        raise NeedsEditError("invalid", error.errors) from error
    if not instrument.is_needs:
        raise NeedsEditError("not_needs")
    try:
        with transaction.atomic():
            row = OrganizationInstrument.objects.create(
                organization=organization,
                base_code=base_code,
                code=instrument.code,
                version=instrument.version,
                definition=definition,
                created_by=by,
            )
    except IntegrityError as error:  # the same version written at the same moment by a colleague
        raise NeedsEditError("stale") from error
    record(
        action=AuditAction.ORGANIZATION_CHANGED,
        actor=by,
        organization=organization,
        target=row,
        request=request,
        detail={"needs_questionnaire": instrument.code, "version": instrument.version},
    )
    return row
