"""Activities of tier 0 and of the BK program: classroom guidance, group guidance, group
counseling, support and discussion groups led by trained peers, workshops. Each has meetings,
materials, registrations (with a waiting list) and attendance."""

import uuid

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from sebaya.counseling.models import Domain


class Activity(models.Model):
    class Kind(models.TextChoices):
        CLASSROOM = "bimbingan_klasikal", _("Classroom guidance (bimbingan klasikal)")
        GROUP_GUIDANCE = "bimbingan_kelompok", _("Group guidance (bimbingan kelompok)")
        GROUP_COUNSELING = "konseling_kelompok", _("Group counseling (konseling kelompok)")
        SUPPORT_GROUP = "support_group", _("Support group")
        DISCUSSION_GROUP = "discussion_group", _("Discussion group")
        WORKSHOP = "workshop", _("Workshop or training")

    class Audience(models.TextChoices):
        CLASS = "class", _("A class")
        GRADE = "grade", _("A grade")
        OPEN = "open", _("Open to every member")
        INVITED = "invited", _("Invited people only")

    class Status(models.TextChoices):
        PLANNED = "planned", _("Planned")
        DONE = "done", _("Done")
        CANCELLED = "cancelled", _("Cancelled")

    # The kinds whose meeting notes are confidential (kept encrypted, read by counselors only).
    CONFIDENTIAL_KINDS = frozenset({Kind.GROUP_COUNSELING, Kind.SUPPORT_GROUP})
    # The kinds led by trained peer supporters, with a counselor supervising.
    PEER_LED_KINDS = frozenset({Kind.SUPPORT_GROUP, Kind.DISCUSSION_GROUP})
    # The kinds delivered to a whole class or grade when that is their audience (the jurnal counts
    # them as bimbingan klasikal); other kinds are groups of those who registered.
    WHOLE_CLASS_KINDS = frozenset({Kind.CLASSROOM, Kind.WORKSHOP})
    # The kinds that meet as a group: participants accept a group agreement when they register.
    # A class or a workshop has none.
    GROUP_KINDS = frozenset(
        {Kind.GROUP_GUIDANCE, Kind.GROUP_COUNSELING, Kind.SUPPORT_GROUP, Kind.DISCUSSION_GROUP}
    )
    # The kinds whose participants may see each other only by a name they choose.
    NAMES_HIDDEN_KINDS = CONFIDENTIAL_KINDS | PEER_LED_KINDS

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    organization = models.ForeignKey("organizations.Organization", on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(_("kind"), max_length=25, choices=Kind.choices)
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    domain = models.CharField(_("bidang"), max_length=10, choices=Domain.choices, blank=True)
    plan = models.ForeignKey(
        "guidance.ServicePlan",
        verbose_name=_("service plan (RPL)"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="activities",
    )
    campaign = models.ForeignKey(
        "guidance.Campaign", on_delete=models.SET_NULL, null=True, blank=True, related_name="activities"
    )
    audience = models.CharField(_("for whom"), max_length=10, choices=Audience.choices)
    # The class or grade name for those audiences.
    audience_value = models.CharField(max_length=100, blank=True)
    capacity = models.PositiveSmallIntegerField(
        _("places"), null=True, blank=True, validators=[MinValueValidator(1)]
    )
    facilitators = models.ManyToManyField(
        settings.AUTH_USER_MODEL, related_name="+", verbose_name=_("facilitators")
    )
    supervisor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("supervising counselor"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    # The group agreement (kesepakatan kelompok) each participant accepts before joining: empty
    # when the activity needs none (a classroom session).
    agreement = models.TextField(_("group agreement"), blank=True)
    # Support groups: participants see each other only by the names they chose to show.
    names_hidden = models.BooleanField(_("participants do not see each other's names"), default=False)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PLANNED)
    # The evaluation the RPL asks for, written when the activity is done.
    evaluation_process = models.TextField(_("evaluation of the process"), blank=True)
    evaluation_result = models.TextField(_("evaluation of the result"), blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("activity")
        verbose_name_plural = _("activities")

    def __str__(self) -> str:
        return self.title

    @property
    def notes_confidential(self) -> bool:
        return self.kind in self.CONFIDENTIAL_KINDS

    @property
    def for_whole_audience(self) -> bool:
        """Given to everyone in a class or a grade (classroom guidance, a workshop for a class):
        the attendance list is the roster, not only those who registered."""
        return self.kind in self.WHOLE_CLASS_KINDS and self.audience in {
            self.Audience.CLASS,
            self.Audience.GRADE,
        }


class Meeting(models.Model):
    """One meeting of an activity: when, where (or the online link), and what happened."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    activity = models.ForeignKey(Activity, on_delete=models.CASCADE, related_name="meetings")
    starts_at = models.DateTimeField(_("starts"), db_index=True)
    ends_at = models.DateTimeField(_("ends"))
    place = models.CharField(_("place"), max_length=200, blank=True)
    online_link = models.URLField(_("online link"), blank=True)
    # What was done, for the jurnal; confidential kinds keep their notes in `confidential_note`
    # (a kernel.crypto token) instead.
    note = models.TextField(_("notes"), blank=True)
    confidential_note = models.TextField(blank=True, editable=False)
    held_at = models.DateTimeField(null=True, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    # The secret in the QR code participants scan to mark themselves present; a new one per
    # meeting, changed when the facilitator closes the scanning.
    attendance_code = models.CharField(max_length=64, blank=True, db_index=True)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["starts_at"]
        verbose_name = _("meeting")

    def __str__(self) -> str:
        return f"{self.activity} · {self.starts_at:%Y-%m-%d}"


class Material(models.Model):
    """A file given out with an activity (slides, a worksheet). Kept in the database like the
    letterhead's logo: Sebaya runs without a media server. Type and size are checked on upload."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    activity = models.ForeignKey(Activity, on_delete=models.CASCADE, related_name="materials")
    name = models.CharField(_("file name"), max_length=200)
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField()
    data = models.BinaryField(editable=False)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["uploaded_at"]
        verbose_name = _("material")

    def __str__(self) -> str:
        return self.name


class Registration(models.Model):
    """A person in an activity: registered, or waiting for a place, or withdrawn."""

    class Status(models.TextChoices):
        REGISTERED = "registered", _("Registered")
        WAITING = "waiting", _("On the waiting list")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    activity = models.ForeignKey(Activity, on_delete=models.CASCADE, related_name="registrations")
    person = models.ForeignKey(
        "people.Person", on_delete=models.PROTECT, related_name="activity_registrations"
    )
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.REGISTERED)
    agreed_at = models.DateTimeField(null=True, blank=True)  # the group agreement accepted
    # The name other participants see when the activity hides names ("" = "Peserta 3").
    shown_name = models.CharField(_("name shown to the group"), max_length=60, blank=True)
    # None: the person registered themselves.
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    # The satisfaction form the participant filled after a held meeting (one per activity).
    feedback = models.ForeignKey(
        "screening.Administration", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at"]
        verbose_name = _("registration")
        constraints = [
            models.UniqueConstraint(fields=["activity", "person"], name="one_registration_per_activity")
        ]

    def __str__(self) -> str:
        return f"{self.person_id} → {self.activity_id}"


class Attendance(models.Model):
    class How(models.TextChoices):
        LIST = "list", _("Marked on the list")
        QR = "qr", _("Scanned the QR code")

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="attendance")
    person = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="+")
    present = models.BooleanField(default=True)
    how = models.CharField(max_length=5, choices=How.choices, default=How.LIST)
    recorded_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("attendance")
        constraints = [
            models.UniqueConstraint(fields=["meeting", "person"], name="one_attendance_per_meeting")
        ]

    def __str__(self) -> str:
        return f"{self.person_id} @ {self.meeting_id}"
