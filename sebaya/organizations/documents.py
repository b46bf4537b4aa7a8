"""Official documents (Tata Naskah Dinas): the letterhead, the letter number, the date line and
the signatories that every printed letter, berita acara, notulen and report shares.

Documents are written in Indonesian whatever the reader's page language: official school
correspondence is in Bahasa Indonesia, and a letter reads the same whoever prints it.
"""

from __future__ import annotations

import datetime

from django.utils import translation

from sebaya.kernel.pdf import render_pdf
from sebaya.kernel.tanggal import date_long
from sebaya.organizations.models import Letterhead
from sebaya.organizations.numbering import letter_number

DOCUMENT_LANGUAGE = "id"


def letterhead_for(organization) -> Letterhead:
    """The organization's letterhead, or an unsaved one with its name until the admin sets it."""
    return Letterhead.objects.filter(organization=organization).first() or Letterhead(
        organization=organization
    )


def signer(user, organization, title: str, *, before: str = "") -> dict:
    """A staff signature: name and NIP from their membership ("" where none; printed "NIP. -")."""
    person = getattr(user, "person", None) if user else None
    nip = ""
    if person is not None:
        membership = person.memberships.filter(organization=organization).first()
        nip = membership.nip if membership else ""
    name = person.full_name if person is not None else (user.get_username() if user else "")
    return {"before": before, "title": title, "name": name, "nip": nip, "staff": True}


def principal(letterhead: Letterhead, title: str, *, before: str = "") -> dict:
    return {
        "before": before,
        "title": title,
        "name": letterhead.principal_name,
        "nip": letterhead.principal_nip,
        "staff": True,
    }


def document_pdf(
    request,
    template: str,
    context: dict,
    filename: str,
    *,
    on: datetime.date,
    kind: str | None = None,
    ref: str | None = None,
):
    """Render an official document as PDF: with its letter number when `kind` and `ref` name
    it (given at the first print, kept after), dated `on` (or the day its number was given)."""
    organization = request.organization
    letterhead = letterhead_for(organization)
    letter = None
    if kind and ref:
        letter = letter_number(organization=organization, kind=kind, ref=ref, on=on, by=request.user)
        on = letter.issued_on
    city = letterhead.city or organization.region
    document = {
        "letterhead": letterhead,
        "organization": organization,
        "letter": letter,
        "date": on,
        "date_text": date_long(on),
        "date_line": f"{city}, {date_long(on)}" if city else date_long(on),
    }
    with translation.override(DOCUMENT_LANGUAGE):
        return render_pdf(request, template, {**context, **document}, filename)
