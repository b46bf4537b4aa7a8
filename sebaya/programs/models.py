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
