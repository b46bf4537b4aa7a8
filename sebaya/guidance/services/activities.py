"""Activities: creating them, their meetings and materials, the places taken (registration
itself is in services/registration.py), the evaluation at the end, and a facilitator's concern
about a participant.
"""

from __future__ import annotations

import datetime
import zipfile
from io import BytesIO

from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from sebaya.access.roles import users_with_role
from sebaya.audit.models import AuditAction
from sebaya.audit.services import record
from sebaya.guidance.models import Activity, Material, Meeting, Registration
from sebaya.kernel.versioning import EditConflict
from sebaya.people.models import Role
from sebaya.safety.models import AlertSource
from sebaya.safety.services import alert_raise
from sebaya.support.models import SupporterProfile

MATERIAL_MAX_BYTES = 5 * 1024 * 1024

# The group agreement every group starts with; the facilitator may rewrite it.
DEFAULT_AGREEMENT = gettext_lazy(
    "What is shared in this group stays in this group. We listen to each other without "
    "judging, and we take turns to speak. Everyone may choose to pass. We do not record or "
    "photograph the group. If someone might be in danger, the facilitator tells a counselor, "
    "so that they get help."
)


class ActivityError(Exception):
    """Input the activity cannot take; `str(error)` is the translated message to show."""


def audit_change(target, by, organization, request, **detail) -> None:
    """One audit event for a write to an activity's records (used by every guidance activity service)."""
    record(
        action=AuditAction.RECORD_CHANGED,
        actor=by,
        organization=organization,
        target=target,
        request=request,
        detail=detail,
    )


# --- Facilitators ---------------------------------------------------------------------------


def counselor_choices(organization):
    return users_with_role(organization, Role.COUNSELOR).select_related("person")


def peer_choices(organization):
    """Trained peer supporters who may lead a support or discussion group: certified and active."""
    person_ids = SupporterProfile.objects.filter(
        organization=organization,
        certified=True,
        status=SupporterProfile.Status.ACTIVE,
        membership__is_active=True,
    ).values("membership__person_id")
    return users_with_role(organization, Role.PEER_SUPPORTER).filter(person_id__in=person_ids)


def facilitator_choices(organization, kind: str | None = None):
    """Counselors, and for peer-led kinds (or when the kind is not known yet) trained peers."""
    counselors = counselor_choices(organization)
    if kind is not None and kind not in Activity.PEER_LED_KINDS:
        return counselors
    ids = set(counselors.values_list("pk", flat=True)) | set(
        peer_choices(organization).values_list("pk", flat=True)
    )
    return users_with_role(organization, Role.COUNSELOR, Role.PEER_SUPPORTER).filter(pk__in=ids)


def _checked(
    organization,
    *,
    kind,
    title,
    description,
    domain,
    plan,
    campaign,
    audience,
    audience_value,
    capacity,
    facilitators,
    supervisor,
) -> dict:
    """The activity's fields as saved, once the rules of creating and changing one are met."""
    if audience in {Activity.Audience.CLASS, Activity.Audience.GRADE} and not audience_value.strip():
        raise ActivityError(_("Please write which class or grade the activity is for."))
    if not facilitators:
        raise ActivityError(_("Please choose at least one facilitator."))
    allowed = set(facilitator_choices(organization, kind).values_list("pk", flat=True))
    if any(user.pk not in allowed for user in facilitators):
        raise ActivityError(
            _(
                "A facilitator must be a counselor, or a certified peer supporter for a support "
                "or discussion group."
            )
        )
    peer_led = kind in Activity.PEER_LED_KINDS
    if peer_led and (
        supervisor is None or not counselor_choices(organization).filter(pk=supervisor.pk).exists()
    ):
        raise ActivityError(_("A group led by peer supporters needs a supervising counselor."))
    if plan is not None and plan.organization_id != organization.pk:
        raise ActivityError(_("Choose a service plan of this school."))
    if campaign is not None and campaign.organization_id != organization.pk:
        raise ActivityError(_("Choose a campaign of this school."))
    return {
        "kind": kind,
        "title": title.strip(),
        "description": description,
        "domain": domain,
        "plan": plan,
        "campaign": campaign,
        "audience": audience,
        "audience_value": audience_value.strip() if audience in {"class", "grade"} else "",
        "capacity": capacity,
        "supervisor": supervisor if peer_led else None,
    }


def _group_settings(kind: str, *, agreement: str, names_hidden: bool) -> dict:
    """The agreement and hidden names as kept: only for the kinds that use them."""
    return {
        "agreement": agreement.strip() if kind in Activity.GROUP_KINDS else "",
        "names_hidden": names_hidden and kind in Activity.NAMES_HIDDEN_KINDS,
    }


@transaction.atomic
def activity_create(
    *,
    organization,
    by,
    kind: str,
    title: str,
    description: str = "",
    domain: str = "",
    plan=None,
    campaign=None,
    audience: str,
    audience_value: str = "",
    capacity: int | None = None,
    facilitators,
    supervisor=None,
    agreement: str | None = None,
    names_hidden: bool | None = None,
    request=None,
) -> Activity:
    facilitators = list(facilitators)
    values = _checked(
        organization,
        kind=kind,
        title=title,
        description=description,
        domain=domain,
        plan=plan,
        campaign=campaign,
        audience=audience,
        audience_value=audience_value,
        capacity=capacity,
        facilitators=facilitators,
        supervisor=supervisor,
    )
    # A new group starts with the standard agreement unless one was written; the settings of
    # groups are dropped for the other kinds (a class never accepts a group agreement).
    activity = Activity.objects.create(
        organization=organization,
        **values,
        **_group_settings(
            kind,
            agreement=(agreement or "").strip() or str(DEFAULT_AGREEMENT),
            names_hidden=(kind == Activity.Kind.SUPPORT_GROUP) if names_hidden is None else names_hidden,
        ),
        created_by=by,
    )
    activity.facilitators.set(facilitators)
    audit_change(activity, by, organization, request, created=True, kind=kind)
    return activity


# The fields `activity_update` writes, besides the facilitators.
EDITABLE_FIELDS = (
    "kind",
    "title",
    "description",
    "domain",
    "plan",
    "campaign",
    "audience",
    "audience_value",
    "capacity",
    "supervisor",
    "agreement",
    "names_hidden",
    "status",
)


@transaction.atomic
def activity_update(
    *,
    activity: Activity,
    by,
    version: int | None,
    kind: str,
    title: str,
    description: str = "",
    domain: str = "",
    plan=None,
    campaign=None,
    audience: str,
    audience_value: str = "",
    capacity: int | None = None,
    facilitators,
    supervisor=None,
    agreement: str = "",
    names_hidden: bool = False,
    status: str = Activity.Status.PLANNED,
    request=None,
) -> tuple[Activity, list[Registration]]:
    """Change an activity: EditConflict when someone saved it after `version`. The row is locked
    as registration locks it, so the places counted here cannot change before the save: fewer
    places than people registered is refused, and places added go to the first people waiting
    (returned, in order). The kind stays once a meeting exists (its notes were kept, encrypted
    or not, by the kind's rule). Cancelling is the status `cancelled`."""
    organization = activity.organization
    current = locked(activity)
    if version is not None and current.version != version:
        raise EditConflict(current)
    facilitators = list(facilitators)
    values = _checked(
        organization,
        kind=kind,
        title=title,
        description=description,
        domain=domain,
        plan=plan,
        campaign=campaign,
        audience=audience,
        audience_value=audience_value,
        capacity=capacity,
        facilitators=facilitators,
        supervisor=supervisor,
    )
    if status not in Activity.Status.values:
        raise ActivityError(_("Choose one of the statuses offered."))
    if kind != current.kind and current.meetings.exists():
        raise ActivityError(
            _(
                "The kind cannot change once the activity has meetings: their notes and "
                "attendance were kept for this kind."
            )
        )
    registered = registered_count(current)
    if capacity is not None and capacity < registered:
        raise ActivityError(
            ngettext(
                "%(n)s person is registered, so there must be at least %(n)s place.",
                "%(n)s people are registered, so there must be at least %(n)s places.",
                registered,
            )
            % {"n": registered}
        )
    values |= {**_group_settings(kind, agreement=agreement, names_hidden=names_hidden), "status": status}
    changed = sorted(name for name, value in values.items() if getattr(current, name) != value)
    if {u.pk for u in facilitators} != set(current.facilitators.values_list("pk", flat=True)):
        changed.append("facilitators")
    for name, value in values.items():
        setattr(current, name, value)
    current.version += 1
    current.save(update_fields=[*values, "version"])
    current.facilitators.set(facilitators)
    audit_change(current, by, organization, request, changed=changed)
    moved_up = []
    if current.status == Activity.Status.PLANNED:
        while (registration := move_up(current, by=by, request=request)) is not None:
            moved_up.append(registration)
    return current, moved_up


@transaction.atomic
def activity_evaluate(
    *, activity: Activity, process: str, result: str, done: bool, by, request=None
) -> Activity:
    """The evaluation the RPL asks for; `done` closes the activity."""
    activity.evaluation_process = process.strip()
    activity.evaluation_result = result.strip()
    if done:
        activity.status = Activity.Status.DONE
    activity.version += 1
    activity.save(update_fields=["evaluation_process", "evaluation_result", "status", "version"])
    audit_change(activity, by, activity.organization, request, evaluated=True, done=done)
    return activity


# --- Meetings and materials -------------------------------------------------------------------


@transaction.atomic
def meeting_add(
    *,
    activity: Activity,
    starts_at: datetime.datetime,
    ends_at: datetime.datetime,
    place: str = "",
    online_link: str = "",
    by,
    request=None,
) -> Meeting:
    if ends_at <= starts_at:
        raise ActivityError(_("The meeting must end after it starts."))
    if not place.strip() and not online_link.strip():
        raise ActivityError(_("Please write the place, or the online link."))
    meeting = Meeting.objects.create(
        activity=activity, starts_at=starts_at, ends_at=ends_at, place=place.strip(), online_link=online_link
    )
    audit_change(meeting, by, activity.organization, request, created=True)
    return meeting


# What an uploaded file must be, judged by its first bytes (never by its name alone).
_OFFICE = {
    ".docx": ("word/", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
    ".pptx": ("ppt/", "application/vnd.openxmlformats-officedocument.presentationml.presentation"),
    ".xlsx": ("xl/", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
}


def sniff(name: str, data: bytes) -> str | None:
    """The content type of an allowed material (PDF, PNG, JPEG, GIF, WebP, DOCX, PPTX, XLSX), read
    from the file's content; None when the content is not one of them or does not match the name."""
    extension = "." + name.rsplit(".", 1)[-1].lower() if "." in name else ""
    if data.startswith(b"%PDF-"):
        return "application/pdf" if extension == ".pdf" else None
    images = {
        b"\x89PNG\r\n\x1a\n": ("image/png", {".png"}),
        b"\xff\xd8\xff": ("image/jpeg", {".jpg", ".jpeg"}),
        b"GIF87a": ("image/gif", {".gif"}),
        b"GIF89a": ("image/gif", {".gif"}),
    }
    for magic, (content_type, extensions) in images.items():
        if data.startswith(magic):
            return content_type if extension in extensions else None
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return "image/webp" if extension == ".webp" else None
    if data.startswith(b"PK\x03\x04") and extension in _OFFICE:
        folder, content_type = _OFFICE[extension]
        try:
            with zipfile.ZipFile(BytesIO(data)) as archive:
                names = archive.namelist()
        except zipfile.BadZipFile:
            return None
        if "[Content_Types].xml" in names and any(n.startswith(folder) for n in names):
            return content_type
    return None


@transaction.atomic
def material_add(*, activity: Activity, name: str, data: bytes, by, request=None) -> Material:
    name = name.replace("/", "_").replace("\\", "_").strip()[:200] or "materi"
    if len(data) > MATERIAL_MAX_BYTES:
        raise ActivityError(_("The file is larger than 5 MB. Please send a smaller one."))
    content_type = sniff(name, data)
    if content_type is None:
        raise ActivityError(
            _(
                "This file type cannot be shared here. Please send a PDF, an image, or a Word, "
                "PowerPoint or Excel file."
            )
        )
    material = Material.objects.create(
        activity=activity, name=name, content_type=content_type, size=len(data), data=data, uploaded_by=by
    )
    audit_change(material, by, activity.organization, request, created=True)
    return material


# --- Places (registering is in services/registration.py) ---------------------------------------


def locked(activity: Activity) -> Activity:
    return Activity.objects.select_for_update().get(pk=activity.pk)


def registered_count(activity: Activity) -> int:
    return activity.registrations.filter(status=Registration.Status.REGISTERED).count()


def move_up(activity: Activity, *, by, request) -> Registration | None:
    if activity.capacity is not None and registered_count(activity) >= activity.capacity:
        return None
    first = activity.registrations.filter(status=Registration.Status.WAITING).order_by("created_at").first()
    if first is None:
        return None
    first.status = Registration.Status.REGISTERED
    first.save(update_fields=["status"])
    audit_change(first, by, activity.organization, request, status="registered", moved_up=True)
    return first


# --- Concerns ---------------------------------------------------------------------------------


@transaction.atomic
def concern_raise(*, activity: Activity, person, level: str, note: str, by, request=None):
    """A facilitator's concern about a participant goes through the alert path; its source is
    the activity."""
    if (
        not activity.registrations.filter(person=person)
        .exclude(status=Registration.Status.WITHDRAWN)
        .exists()
    ):
        raise ActivityError(_("This person is not a participant of the activity."))
    alert = alert_raise(
        organization=activity.organization,
        level=level,
        source=AlertSource.CONCERN_FLAG,
        person=person,
        source_ref=f"guidance.activity:{activity.pk}",
        raised_by=by,
        note=note,
    )
    audit_change(activity, by, activity.organization, request, concern_raised=str(alert.pk))
    return alert
