"""The peer supporter training program: the curriculum (modules with content and a question
bank), each trainee's progress and quiz attempts, supervised practice, and certification.

A trainee (someone holding the peer supporter role) becomes matchable only with a valid
certification, which needs every active module passed and the supervised practice passed. The
certification sets `support.SupporterProfile.certified`; when it expires, the worker clears it.
"""

import uuid

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _


def _pick(obj, field: str) -> str:
    language = (get_language() or "id").lower()
    english = getattr(obj, f"{field}_en")
    return english if language.startswith("en") and english else getattr(obj, f"{field}_id")


class Module(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    organization = models.ForeignKey("organizations.Organization", on_delete=models.PROTECT, related_name="+")
    code = models.SlugField(max_length=40)
    order = models.PositiveSmallIntegerField(default=1)
    title_id = models.CharField(_("title (Indonesian)"), max_length=200)
    title_en = models.CharField(_("title (English)"), max_length=200)
    summary_id = models.TextField(_("summary (Indonesian)"), blank=True)
    summary_en = models.TextField(_("summary (English)"), blank=True)
    content_id = models.TextField(_("content (Indonesian, Markdown)"))
    content_en = models.TextField(_("content (English, Markdown)"))
    live_session_id = models.TextField(_("live session (Indonesian)"), blank=True)
    live_session_en = models.TextField(_("live session (English)"), blank=True)
    minutes = models.PositiveSmallIntegerField(_("minutes"), default=30)
    pass_mark = models.PositiveSmallIntegerField(
        _("pass mark (%)"), default=80, validators=[MinValueValidator(1), MaxValueValidator(100)]
    )
    quiz_size = models.PositiveSmallIntegerField(
        _("questions per quiz"), default=5, validators=[MinValueValidator(1), MaxValueValidator(30)]
    )
    is_active = models.BooleanField(_("part of the curriculum"), default=True)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["order", "code"]
        constraints = [
            models.UniqueConstraint(fields=["organization", "code"], name="one_module_code_per_org")
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def title(self) -> str:
        return _pick(self, "title")

    @property
    def summary(self) -> str:
        return _pick(self, "summary")

    @property
    def content(self) -> str:
        return _pick(self, "content")

    @property
    def live_session(self) -> str:
        return _pick(self, "live_session")


class Question(models.Model):
    module = models.ForeignKey(Module, on_delete=models.CASCADE, related_name="questions")
    code = models.CharField(max_length=20)
    text_id = models.TextField()
    text_en = models.TextField()
    # [{"id": "...", "en": "...", "correct": true|false}, ...]: exactly one correct.
    options = models.JSONField()
    explanation_id = models.TextField(blank=True)
    explanation_en = models.TextField(blank=True)
    is_active = models.BooleanField(default=True)

    class Meta:
        ordering = ["module", "code"]

    def __str__(self) -> str:
        return f"{self.module.code}/{self.code}"

    @property
    def text(self) -> str:
        return _pick(self, "text")

    @property
    def explanation(self) -> str:
        return _pick(self, "explanation")

    def option_text(self, index: int) -> str:
        option = self.options[index]
        language = (get_language() or "id").lower()
        return option["en"] if language.startswith("en") else option["id"]

    @property
    def correct_index(self) -> int:
        return next(n for n, option in enumerate(self.options) if option["correct"])


class ModuleProgress(models.Model):
    organization = models.ForeignKey("organizations.Organization", on_delete=models.PROTECT, related_name="+")
    person = models.ForeignKey("people.Person", on_delete=models.CASCADE, related_name="module_progress")
    module = models.ForeignKey(Module, on_delete=models.CASCADE, related_name="progress")
    read_at = models.DateTimeField(null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    best_score = models.PositiveSmallIntegerField(null=True, blank=True)
    passed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["person", "module"], name="one_progress_per_module")]

    def __str__(self) -> str:
        return f"{self.person_id} {self.module_id}"


class QuizAttempt(models.Model):
    """One try at a module's quiz: the questions drawn (and the order of their options) are fixed
    when it starts, so a reload cannot fish for easier questions; it is submitted once."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    organization = models.ForeignKey("organizations.Organization", on_delete=models.PROTECT, related_name="+")
    person = models.ForeignKey("people.Person", on_delete=models.CASCADE, related_name="quiz_attempts")
    module = models.ForeignKey(Module, on_delete=models.CASCADE, related_name="attempts")
    questions = models.JSONField()  # [[question id, [option indexes in the order shown]], ...]
    answers = models.JSONField(default=list, blank=True)  # the option index chosen per question
    score = models.PositiveSmallIntegerField(null=True, blank=True)  # percent
    passed = models.BooleanField(null=True)
    started_at = models.DateTimeField(auto_now_add=True)
    submitted_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-started_at"]

    def __str__(self) -> str:
        return f"{self.person_id} {self.module_id} {self.score}"


class PracticeAssessment(models.Model):
    """Supervised practice: a counselor assesses a role-play with the checklist."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    organization = models.ForeignKey("organizations.Organization", on_delete=models.PROTECT, related_name="+")
    person = models.ForeignKey("people.Person", on_delete=models.CASCADE, related_name="practice_assessments")
    assessor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    checklist = models.JSONField()  # {item code: true|false}
    passed = models.BooleanField()
    note = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.person_id} {'passed' if self.passed else 'not yet'}"


class Certification(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    organization = models.ForeignKey("organizations.Organization", on_delete=models.PROTECT, related_name="+")
    person = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="certifications")
    number = models.CharField(max_length=40)
    issued_at = models.DateTimeField(auto_now_add=True)
    expires_on = models.DateField()
    issued_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    expired_at = models.DateTimeField(null=True, blank=True)  # set by the worker on expiry
    reminded_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-issued_at"]
        constraints = [
            models.UniqueConstraint(fields=["organization", "number"], name="one_certificate_number")
        ]

    def __str__(self) -> str:
        return self.number


# --- Recruitment and selection ----------------------------------------------------------------------------


class RecruitmentRound(models.Model):
    """A call for new peer supporters: open for applications between two dates, then a panel
    scores the applicants and the coordinator decides. Decisions reach the applicants together,
    when the coordinator publishes them."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    organization = models.ForeignKey("organizations.Organization", on_delete=models.PROTECT, related_name="+")
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("what we are looking for"), blank=True)
    where = models.CharField(_("where (interviews, briefing)"), max_length=200, blank=True)
    opens_on = models.DateField(_("applications open"))
    closes_on = models.DateField(_("applications close"))
    places = models.PositiveSmallIntegerField(
        _("places"), default=10, validators=[MinValueValidator(1), MaxValueValidator(500)]
    )
    guardian_consent = models.BooleanField(_("minors need a guardian's consent"), default=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    published_at = models.DateTimeField(null=True, blank=True)  # decisions sent to the applicants

    class Meta:
        ordering = ["-opens_on", "-created_at"]

    def __str__(self) -> str:
        return self.title

    def is_open_on(self, day) -> bool:
        return self.published_at is None and self.opens_on <= day <= self.closes_on


class SelectionCriterion(models.Model):
    """One line of the organization's selection rubric, scored 1–5 by each panel member."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    organization = models.ForeignKey("organizations.Organization", on_delete=models.PROTECT, related_name="+")
    code = models.SlugField(max_length=40)
    name_id = models.CharField(_("name (Indonesian)"), max_length=120)
    name_en = models.CharField(_("name (English)"), max_length=120)
    weight = models.PositiveSmallIntegerField(
        _("weight"), default=1, validators=[MinValueValidator(1), MaxValueValidator(10)]
    )
    order = models.PositiveSmallIntegerField(default=1)
    is_active = models.BooleanField(_("in use"), default=True)

    class Meta:
        ordering = ["order", "code"]
        constraints = [
            models.UniqueConstraint(fields=["organization", "code"], name="one_criterion_code_per_org")
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        return _pick(self, "name")


class Nomination(models.Model):
    """A counselor or coordinator suggests someone; only the nominee decides whether to apply."""

    audit_sensitive = True

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting for an answer")
        ACCEPTED = "accepted", _("Accepted")
        DECLINED = "declined", _("Declined")

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    organization = models.ForeignKey("organizations.Organization", on_delete=models.PROTECT, related_name="+")
    round = models.ForeignKey(RecruitmentRound, on_delete=models.PROTECT, related_name="nominations")
    person = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="nominations")
    nominated_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    reason = models.TextField(_("why them"))
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    created_at = models.DateTimeField(auto_now_add=True)
    answered_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        constraints = [models.UniqueConstraint(fields=["round", "person"], name="one_nomination_per_round")]

    def __str__(self) -> str:
        return f"{self.person_id} {self.status}"


class Application(models.Model):
    # The applicant's own words (and a minor's guardian): staff reads are audited.
    audit_sensitive = True

    class Status(models.TextChoices):
        SUBMITTED = "submitted", _("Being considered")
        WITHDRAWN = "withdrawn", _("Withdrawn")
        SELECTED = "selected", _("Selected")
        WAITLISTED = "waitlisted", _("Waiting list")
        NOT_SELECTED = "not_selected", _("Not selected this time")

    DECISIONS = (Status.SELECTED, Status.WAITLISTED, Status.NOT_SELECTED)

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    organization = models.ForeignKey("organizations.Organization", on_delete=models.PROTECT, related_name="+")
    round = models.ForeignKey(RecruitmentRound, on_delete=models.PROTECT, related_name="applications")
    person = models.ForeignKey(
        "people.Person", on_delete=models.PROTECT, related_name="supporter_applications"
    )
    nomination = models.OneToOneField(
        Nomination, on_delete=models.PROTECT, null=True, blank=True, related_name="application"
    )
    motivation = models.TextField(_("why you want to be a peer supporter"))
    availability = models.JSONField(_("when you are available"), default=list, blank=True)
    experience = models.TextField(_("experience"), blank=True)
    guardian_name = models.CharField(_("guardian's name"), max_length=200, blank=True)
    guardian_consent_at = models.DateTimeField(null=True, blank=True)
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.SUBMITTED, db_index=True)
    decision_reason = models.TextField(blank=True)  # for the panel's records, never sent
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    notified_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at"]
        constraints = [models.UniqueConstraint(fields=["round", "person"], name="one_application_per_round")]

    def __str__(self) -> str:
        return f"{self.person_id} {self.status}"


class PanelScore(models.Model):
    """One panel member's score (1–5) of one applicant on one criterion."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="scores")
    scorer = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    criterion = models.ForeignKey(SelectionCriterion, on_delete=models.PROTECT, related_name="+")
    score = models.PositiveSmallIntegerField(validators=[MinValueValidator(1), MaxValueValidator(5)])
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["application", "scorer", "criterion"], name="one_score_per_criterion"
            ),
            models.CheckConstraint(condition=models.Q(score__gte=1, score__lte=5), name="panel_score_1_to_5"),
        ]

    def __str__(self) -> str:
        return f"{self.application_id} {self.criterion_id} {self.score}"


# --- Live sessions and supervision ----------------------------------------------------------------------


class LiveSession(models.Model):
    """A face-to-face (or online) session of a module, with who came."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    organization = models.ForeignKey("organizations.Organization", on_delete=models.PROTECT, related_name="+")
    module = models.ForeignKey(Module, on_delete=models.PROTECT, related_name="live_sessions")
    starts_at = models.DateTimeField(_("starts at"))
    place = models.CharField(_("place"), max_length=200)
    facilitator = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    attendance_taken_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["starts_at"]

    def __str__(self) -> str:
        return f"{self.module_id} {self.starts_at:%Y-%m-%d}"


class LiveAttendance(models.Model):
    session = models.ForeignKey(LiveSession, on_delete=models.CASCADE, related_name="attendance")
    person = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="+")
    present = models.BooleanField()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["session", "person"], name="one_live_attendance")]

    def __str__(self) -> str:
        return f"{self.session_id} {self.person_id} {self.present}"


class SupervisionSession(models.Model):
    """A supervision meeting of a counselor with one supporter or a group of them. Missing one
    stops new matches until the supporter attends the next (see `supervision_record`)."""

    class Kind(models.TextChoices):
        GROUP = "group", _("Group")
        INDIVIDUAL = "individual", _("Individual")

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    organization = models.ForeignKey("organizations.Organization", on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices, default=Kind.GROUP)
    starts_at = models.DateTimeField(_("starts at"))
    place = models.CharField(_("place"), max_length=200, blank=True)
    supervisor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    # Notes may touch the people supporters accompany: a Fernet token like case notes
    # (kernel.crypto, purpose "notes"), "" when there are none.
    notes = models.TextField(blank=True)
    recorded_at = models.DateTimeField(null=True, blank=True)  # attendance taken
    reminded_at = models.DateTimeField(null=True, blank=True)  # the day-before reminder went out
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["-starts_at"]

    def __str__(self) -> str:
        return f"{self.kind} {self.starts_at:%Y-%m-%d}"


class SupervisionAttendance(models.Model):
    session = models.ForeignKey(SupervisionSession, on_delete=models.CASCADE, related_name="attendance")
    supporter = models.ForeignKey(
        "support.SupporterProfile", on_delete=models.PROTECT, related_name="supervision_attendance"
    )
    present = models.BooleanField(null=True)  # None until attendance is taken
    # The supervisor's rating of the supporter's work (1–5), shown to the supporter as an average.
    rating = models.PositiveSmallIntegerField(
        null=True, blank=True, validators=[MinValueValidator(1), MaxValueValidator(5)]
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["session", "supporter"], name="one_supervision_attendance")
        ]

    def __str__(self) -> str:
        return f"{self.session_id} {self.supporter_id} {self.present}"
