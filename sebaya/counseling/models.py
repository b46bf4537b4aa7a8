"""Counseling case management (BK): the case book, sessions with encrypted confidential notes,
and the break-the-glass record.

Cases are tier 2 of the ladder. Everything here is sensitive: staff reads are audited, and the
confidential note of a session is encrypted at rest (`kernel.crypto`, purpose "notes"), readable
only by the case's assigned counselors, or by another counselor who breaks the glass with a
reason for a limited time. Cases and sessions carry a `version` for optimistic locking: an edit
made on an old version is refused, never silently written over a colleague's.
"""

import uuid

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _


class Domain(models.TextChoices):
    """Bidang layanan BK."""

    PERSONAL = "pribadi", _("Personal (pribadi)")
    SOCIAL = "sosial", _("Social (sosial)")
    LEARNING = "belajar", _("Learning (belajar)")
    CAREER = "karier", _("Career (karier)")


class ServiceType(models.TextChoices):
    """Jenis layanan BK."""

    INDIVIDUAL = "konseling_individu", _("Individual counseling (konseling individu)")
    GROUP_COUNSELING = "konseling_kelompok", _("Group counseling (konseling kelompok)")
    GROUP_GUIDANCE = "bimbingan_kelompok", _("Group guidance (bimbingan kelompok)")
    CLASSROOM_GUIDANCE = "bimbingan_klasikal", _("Classroom guidance (bimbingan klasikal)")
    CONSULTATION = "konsultasi", _("Consultation (konsultasi)")
    MEDIATION = "mediasi", _("Mediation (mediasi)")
    ADVOCACY = "advokasi", _("Advocacy (advokasi)")
    CASE_CONFERENCE = "konferensi_kasus", _("Case conference (konferensi kasus)")
    HOME_VISIT = "kunjungan_rumah", _("Home visit (kunjungan rumah)")
    REFERRAL = "alih_tangan_kasus", _("Referral (alih tangan kasus)")


class CaseQuerySet(models.QuerySet):
    def open(self):
        return self.exclude(status=Case.Status.CLOSED)

    def closed(self):
        return self.filter(status=Case.Status.CLOSED)


class Case(models.Model):
    audit_sensitive = True

    class Status(models.TextChoices):
        NEW = "baru", _("New (baru)")
        IN_PROGRESS = "proses", _("In progress (dalam proses)")
        REFERRED = "dirujuk", _("Referred (dirujuk)")
        CLOSED = "selesai", _("Closed (selesai)")

    class Source(models.TextChoices):
        TRIAGE = "triage", _("Help request (triage)")
        STEP_UP = "step_up", _("Stepped up by a peer supporter")
        SCREENING = "screening", _("Screening result")
        DIRECT = "direct", _("Opened directly")

    class Outcome(models.TextChoices):
        RESOLVED = "resolved", _("Resolved")
        IMPROVED = "improved", _("Improved")
        UNCHANGED = "unchanged", _("No change")
        REFERRED = "referred", _("Continued elsewhere (referred)")
        DISCONTINUED = "discontinued", _("Stopped by the person")

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    organization = models.ForeignKey("organizations.Organization", on_delete=models.PROTECT, related_name="+")
    # The case book's number within the organization (buku kasus no. 1, 2, …).
    number = models.PositiveIntegerField()
    person = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="cases")
    source = models.CharField(max_length=12, choices=Source.choices, default=Source.DIRECT)
    help_request = models.ForeignKey(
        "support.HelpRequest", on_delete=models.PROTECT, null=True, blank=True, related_name="cases"
    )
    administration = models.ForeignKey(
        "screening.Administration", on_delete=models.PROTECT, null=True, blank=True, related_name="cases"
    )
    summary = models.CharField(_("what it is about, in a line"), max_length=300)
    domain = models.CharField(_("domain (bidang layanan)"), max_length=10, choices=Domain.choices)
    service_types = models.JSONField(_("services used (jenis layanan)"), default=list, blank=True)
    counselors = models.ManyToManyField(
        settings.AUTH_USER_MODEL, related_name="counseling_cases", verbose_name=_("assigned counselors")
    )
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.NEW, db_index=True)
    plan_goals = models.TextField(_("goals"), blank=True)
    plan_interventions = models.TextField(_("interventions"), blank=True)
    review_date = models.DateField(_("review date"), null=True, blank=True)
    opened_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    opened_at = models.DateTimeField(auto_now_add=True)
    closed_at = models.DateTimeField(null=True, blank=True)
    closing_summary = models.TextField(_("closing summary"), blank=True)
    outcome = models.CharField(_("outcome"), max_length=15, choices=Outcome.choices, blank=True)
    version = models.PositiveIntegerField(default=1)

    objects = CaseQuerySet.as_manager()

    class Meta:
        ordering = ["-opened_at"]
        constraints = [
            models.UniqueConstraint(fields=["organization", "number"], name="one_case_number_per_org")
        ]
        verbose_name = _("case")

    def __str__(self) -> str:
        return f"#{self.number} {self.summary}"

    @property
    def is_open(self) -> bool:
        return self.status != self.Status.CLOSED

    @property
    def service_labels(self) -> list[str]:
        labels = dict(ServiceType.choices)
        return [str(labels.get(code, code)) for code in self.service_types]


class CaseStatusChange(models.Model):
    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="status_changes")
    from_status = models.CharField(max_length=10, choices=Case.Status.choices, blank=True)
    to_status = models.CharField(max_length=10, choices=Case.Status.choices)
    note = models.TextField(blank=True)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["at", "id"]

    def __str__(self) -> str:
        return f"{self.from_status or '-'} → {self.to_status}"


class CounselingSession(models.Model):
    """A counseling session (catatan konseling): structured notes every counselor on the case
    reads, and a confidential note encrypted at rest."""

    class Seriousness(models.TextChoices):
        LOW = "ringan", _("Mild (ringan)")
        MEDIUM = "sedang", _("Moderate (sedang)")
        HIGH = "berat", _("Serious (berat)")

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="sessions")
    date = models.DateField(_("date"))
    service_type = models.CharField(
        _("service"), max_length=25, choices=ServiceType.choices, default=ServiceType.INDIVIDUAL
    )
    duration_minutes = models.PositiveSmallIntegerField(
        _("minutes"), default=45, validators=[MinValueValidator(1), MaxValueValidator(480)]
    )
    discussed = models.TextField(_("what was discussed"))
    analysis = models.TextField(_("the counselor's analysis"), blank=True)
    plan = models.TextField(_("plan and follow-up"), blank=True)
    seriousness = models.CharField(
        _("seriousness"), max_length=10, choices=Seriousness.choices, default=Seriousness.LOW
    )
    # Fernet token (authenticated encryption); "" when there is no confidential note.
    confidential_note = models.TextField(blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["-date", "-created_at"]

    def __str__(self) -> str:
        return f"{self.case_id} {self.date}"


class BreakGlass(models.Model):
    """A counselor not assigned to a case reads its confidential notes for a limited time, with a
    reason. Audited, and shown to the assigned counselors on the case."""

    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="break_glass")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    reason = models.TextField()
    granted_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField()

    class Meta:
        ordering = ["-granted_at"]

    def __str__(self) -> str:
        return f"{self.user_id} → {self.case_id} until {self.expires_at:%Y-%m-%d %H:%M}"


class CaseMeasure(models.Model):
    """An instrument given within a case (at intake, at a review, at closing): the result itself
    is a screening Administration; this says which case and when in it."""

    class Moment(models.TextChoices):
        INTAKE = "intake", _("At intake")
        REVIEW = "review", _("At a review")
        CLOSING = "closing", _("At closing")

    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="measures")
    administration = models.OneToOneField(
        "screening.Administration", on_delete=models.PROTECT, related_name="case_measure"
    )
    moment = models.CharField(_("when in the case"), max_length=10, choices=Moment.choices)

    class Meta:
        ordering = ["administration__created_at"]

    def __str__(self) -> str:
        return f"{self.case_id} {self.moment}"


class FollowUpQuerySet(models.QuerySet):
    def pending(self):
        """Not done yet."""
        return self.filter(done_at__isnull=True)

    def due_by(self, day):
        """Not done and due on `day` or before (overdue ones included)."""
        return self.pending().filter(due_on__lte=day)


class FollowUp(models.Model):
    """Something a counselor must do by a date for a case (call the parents, check in after the
    exam…). Overdue ones are listed per counselor; the worker reminds once, without content."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="follow_ups")
    what = models.CharField(_("what to do"), max_length=300)
    due_on = models.DateField(_("due on"))
    assigned_to = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("who")
    )
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    done_at = models.DateTimeField(null=True, blank=True)
    done_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    reminded_at = models.DateTimeField(null=True, blank=True)

    objects = FollowUpQuerySet.as_manager()

    class Meta:
        ordering = ["due_on", "created_at"]
        indexes = [
            models.Index(fields=["assigned_to", "done_at", "due_on"], name="followup_due"),
            # The worker's follow_ups job, every round: the due ones nobody has been reminded of yet.
            # Without it, a sequential scan of every follow-up ever written (docs/PERFORMANCE.md).
            models.Index(
                fields=["due_on"],
                condition=models.Q(done_at__isnull=True, reminded_at__isnull=True),
                name="followup_to_remind",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.due_on} {self.what}"


class Partner(models.Model):
    """A partner professional or service in the directory: where cases are referred to.

    It belongs to an organization; `shared_with_network` shows it (read-only) in the directories
    of the other organizations of the same network. Partner professionals who sign in are the
    accounts in `users` (each holds the partner role in the organization)."""

    class Kind(models.TextChoices):
        PSYCHOLOGIST = "psychologist", _("Psychologist")
        PSYCHIATRIST = "psychiatrist", _("Psychiatrist")
        PUSKESMAS = "puskesmas", _("Community health centre (puskesmas)")
        HOSPITAL = "hospital", _("Hospital")
        UPTD_PPA = "uptd_ppa", _("Child and women protection service (UPTD PPA)")
        SOCIAL = "social", _("Social services (dinas sosial)")
        POLICE = "police", _("Police")
        OTHER = "other", _("Other")

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    organization = models.ForeignKey("organizations.Organization", on_delete=models.PROTECT, related_name="+")
    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=15, choices=Kind.choices)
    contact_person = models.CharField(_("contact person"), max_length=200, blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    email = models.EmailField(_("email"), blank=True)
    address = models.CharField(_("address"), max_length=300, blank=True)
    area = models.CharField(_("area served"), max_length=200, blank=True)
    hours = models.CharField(_("opening hours"), max_length=200, blank=True)
    cost = models.CharField(_("cost"), max_length=200, blank=True, help_text=_("For example: free with BPJS"))
    languages = models.CharField(_("languages"), max_length=200, blank=True)
    shared_with_network = models.BooleanField(
        _("show to the other organizations of our network"), default=False
    )
    users = models.ManyToManyField(
        settings.AUTH_USER_MODEL, blank=True, related_name="partners", verbose_name=_("who signs in for them")
    )
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("partner")

    def __str__(self) -> str:
        return self.name


class Referral(models.Model):
    """Alih tangan kasus: a case referred to a partner, with consent (or an audited override),
    what is shared, and its progress: sent → accepted or declined → attended → closed."""

    audit_sensitive = True

    class Status(models.TextChoices):
        SENT = "sent", _("Sent")
        ACCEPTED = "accepted", _("Accepted")
        DECLINED = "declined", _("Declined")
        ATTENDED = "attended", _("Attended")
        CLOSED = "closed", _("Closed")

    class Consent(models.TextChoices):
        PERSON = "person", _("The person agreed")
        GUARDIAN = "guardian", _("Their parent or guardian agreed")
        OVERRIDE = "override", _("Without consent (override)")

    # What may be shared with the partner, chosen per referral.
    SHARE_CHOICES = [
        ("identity", _("Name, birth date and class")),
        ("guardian", _("Parent or guardian and their phone")),
        ("summary", _("What the case is about")),
        ("plan", _("The plan (goals and interventions)")),
        ("screening", _("Screening results (scores and bands)")),
        ("sessions", _("Dates and services of counseling sessions")),
    ]

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    organization = models.ForeignKey("organizations.Organization", on_delete=models.PROTECT, related_name="+")
    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="referrals")
    partner = models.ForeignKey(Partner, on_delete=models.PROTECT, related_name="referrals")
    reason = models.TextField(_("reason for the referral"))
    shared = models.JSONField(_("what is shared"), default=list)
    letter_note = models.TextField(_("a note for the partner"), blank=True)
    consent = models.CharField(_("consent"), max_length=10, choices=Consent.choices)
    consent_by_name = models.CharField(_("who agreed"), max_length=200, blank=True)
    # The consent record the referral rests on (none for an override); see privacy.consent.
    consent_record = models.ForeignKey(
        "privacy.Consent", on_delete=models.PROTECT, null=True, blank=True, related_name="referrals"
    )
    override_reason = models.TextField(_("why without consent"), blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.SENT, db_index=True)
    partner_feedback = models.TextField(_("the partner's feedback"), blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    status_at = models.DateTimeField(auto_now_add=True)
    reminded_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("referral")

    def __str__(self) -> str:
        return f"{self.case_id} → {self.partner_id} ({self.status})"

    @property
    def person_id(self):
        # The audit trail records whom a referral is about.
        return self.case.person_id


class ReferralUpdate(models.Model):
    referral = models.ForeignKey(Referral, on_delete=models.PROTECT, related_name="updates")
    status = models.CharField(max_length=10, choices=Referral.Status.choices)
    note = models.TextField(blank=True)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["at", "id"]

    def __str__(self) -> str:
        return f"{self.referral_id} {self.status}"


class HomeVisit(models.Model):
    """Kunjungan rumah: planned, then done, with who went, whom they met and what they found;
    printable as a berita acara."""

    class Status(models.TextChoices):
        PLANNED = "planned", _("Planned")
        DONE = "done", _("Done")
        CANCELLED = "cancelled", _("Cancelled")

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="home_visits")
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.PLANNED)
    planned_on = models.DateField(_("planned for"))
    done_on = models.DateField(_("done on"), null=True, blank=True)
    address = models.CharField(_("address"), max_length=300, blank=True)
    purpose = models.TextField(_("purpose"))
    visitors = models.CharField(
        _("who went"),
        max_length=300,
        help_text=_("Names and roles, for example: Bu Sri (guru BK), Pak Andi (wali kelas)"),
    )
    met_with = models.CharField(_("whom they met"), max_length=300, blank=True)
    findings = models.TextField(_("findings"), blank=True)
    agreements = models.TextField(_("agreements and follow-up"), blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["-planned_on"]

    def __str__(self) -> str:
        return f"{self.case_id} {self.planned_on}"


class CaseConference(models.Model):
    """Konferensi kasus: who takes part, the agenda, the minutes (notulen), decisions and the
    actions assigned, each with a due date; printable."""

    class Status(models.TextChoices):
        PLANNED = "planned", _("Planned")
        HELD = "held", _("Held")

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="conferences")
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.PLANNED)
    date = models.DateField(_("date"))
    place = models.CharField(_("place"), max_length=200, blank=True)
    agenda = models.TextField(_("agenda"))
    minutes = models.TextField(_("minutes (notulen)"), blank=True)
    decisions = models.TextField(_("decisions"), blank=True)
    # Signed at the foot of the notulen.
    chair = models.CharField(_("chaired by"), max_length=200, blank=True)
    notulis = models.CharField(_("minutes taken by (notulis)"), max_length=200, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["-date"]

    def __str__(self) -> str:
        return f"{self.case_id} {self.date}"


class ConferenceParticipant(models.Model):
    class Role(models.TextChoices):
        COUNSELOR = "counselor", _("Counselor (guru BK)")
        HOMEROOM = "homeroom", _("Homeroom teacher (wali kelas)")
        PRINCIPAL = "principal", _("Principal or vice-principal")
        PARENT = "parent", _("Parent or guardian")
        PARTNER = "partner", _("Partner professional")
        STUDENT = "student", _("The student")
        OTHER = "other", _("Other")

    conference = models.ForeignKey(CaseConference, on_delete=models.CASCADE, related_name="participants")
    name = models.CharField(_("name"), max_length=200)
    # Set when they were picked from the organization's people (the name is kept as written then);
    # empty for someone from outside (a parent, a partner professional).
    person = models.ForeignKey(
        "people.Person", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    role = models.CharField(_("role"), max_length=12, choices=Role.choices)
    attended = models.BooleanField(_("attended"), default=False)

    class Meta:
        ordering = ["id"]

    def __str__(self) -> str:
        return self.name


class ConferenceAction(models.Model):
    conference = models.ForeignKey(CaseConference, on_delete=models.CASCADE, related_name="actions")
    what = models.CharField(_("action"), max_length=300)
    who = models.CharField(_("who"), max_length=200)
    due_on = models.DateField(_("due on"))
    done = models.BooleanField(_("done"), default=False)

    class Meta:
        ordering = ["due_on", "id"]

    def __str__(self) -> str:
        return self.what


class JournalEntry(models.Model):
    """A manual line in a counselor's jurnal BK: work that is not a case record (a classroom
    guidance lesson, a consultation with a teacher, a parents' meeting). Sessions, home visits
    and case conferences enter the journal by themselves."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    organization = models.ForeignKey("organizations.Organization", on_delete=models.PROTECT, related_name="+")
    counselor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    date = models.DateField(_("date"))
    service_type = models.CharField(_("service"), max_length=25, choices=ServiceType.choices)
    domain = models.CharField(_("domain (bidang layanan)"), max_length=10, choices=Domain.choices)
    description = models.CharField(_("what was done"), max_length=300)
    people = models.PositiveSmallIntegerField(
        _("how many people"), default=1, validators=[MaxValueValidator(2000)]
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-date", "-created_at"]

    def __str__(self) -> str:
        return f"{self.date} {self.service_type}"
