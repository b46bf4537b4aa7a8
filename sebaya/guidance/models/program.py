"""The annual program (program tahunan), its items, where they sit in the semester (program
semester), and the service plans (RPL) for the activities that deliver them."""

import uuid

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from sebaya.counseling.models import Domain, ServiceType
from sebaya.guidance.models.choices import Component, Semester, validate_school_year


class AnnualProgram(models.Model):
    """One school year's BK program, for a grade or (grade empty) the whole organization."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        APPROVED = "approved", _("Approved")

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    organization = models.ForeignKey("organizations.Organization", on_delete=models.PROTECT, related_name="+")
    school_year = models.CharField(_("school year"), max_length=9, validators=[validate_school_year])
    grade = models.CharField(_("grade"), max_length=20, blank=True)
    title = models.CharField(_("title"), max_length=200)
    # The program document's chapters: why (rasional), what the needs assessment found, the
    # vision and mission of the BK service; printed on the cover pages.
    rationale = models.TextField(_("rationale"), blank=True)
    needs_summary = models.TextField(_("needs found"), blank=True)
    vision_mission = models.TextField(_("vision and mission"), blank=True)
    # The needs-assessment rounds the program was built from (screening rounds of a needs questionnaire).
    needs_rounds = models.ManyToManyField("screening.ScreeningRound", blank=True, related_name="+")
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.DRAFT)
    approved_at = models.DateTimeField(null=True, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["-school_year", "grade"]
        verbose_name = _("annual program")
        constraints = [
            models.UniqueConstraint(
                fields=["organization", "school_year", "grade"], name="one_annual_program_per_grade"
            )
        ]

    def __str__(self) -> str:
        return self.title


class ProgramItem(models.Model):
    """A topic of the annual program: its component, bidang, the need it answers, the service
    that delivers it, the months it is planned in and who is responsible."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    program = models.ForeignKey(AnnualProgram, on_delete=models.CASCADE, related_name="items")
    component = models.CharField(_("component"), max_length=20, choices=Component.choices)
    domain = models.CharField(_("bidang"), max_length=10, choices=Domain.choices)
    topic = models.CharField(_("topic"), max_length=200)
    # The need it answers, in the needs questionnaire's words, and the share of students who
    # marked it (percent) when the item was made from the results; empty when written by hand.
    need = models.CharField(_("need it answers"), max_length=300, blank=True)
    need_share = models.PositiveSmallIntegerField(null=True, blank=True, validators=[MaxValueValidator(100)])
    service_type = models.CharField(_("service"), max_length=25, choices=ServiceType.choices)
    # Planned months, 1–12 (a school year runs July to June).
    months = models.JSONField(_("planned months"), default=list, blank=True)
    responsible = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("person responsible"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["program", "component", "position"]
        verbose_name = _("program item")

    def __str__(self) -> str:
        return self.topic


class SemesterPlacement(models.Model):
    """The program semester: an annual item placed in a week for a class (or every class of the
    program's grade when the class is empty)."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    item = models.ForeignKey(ProgramItem, on_delete=models.CASCADE, related_name="placements")
    semester = models.PositiveSmallIntegerField(_("semester"), choices=Semester.choices)
    week_of = models.DateField(_("week of"))  # the Monday of the week
    class_name = models.CharField(_("class"), max_length=40, blank=True)

    class Meta:
        ordering = ["week_of", "class_name"]
        verbose_name = _("semester placement")

    def __str__(self) -> str:
        return f"{self.item} · {self.week_of}"


class ServicePlan(models.Model):
    """An RPL (rencana pelaksanaan layanan): how one planned activity will be delivered."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    organization = models.ForeignKey("organizations.Organization", on_delete=models.PROTECT, related_name="+")
    item = models.ForeignKey(
        ProgramItem, on_delete=models.SET_NULL, null=True, blank=True, related_name="plans"
    )
    title = models.CharField(_("topic"), max_length=200)
    component = models.CharField(_("component"), max_length=20, choices=Component.choices)
    domain = models.CharField(_("bidang"), max_length=10, choices=Domain.choices)
    service_type = models.CharField(_("service"), max_length=25, choices=ServiceType.choices)
    school_year = models.CharField(_("school year"), max_length=9, validators=[validate_school_year])
    semester = models.PositiveSmallIntegerField(_("semester"), choices=Semester.choices)
    audience = models.CharField(_("for whom"), max_length=200, blank=True)  # "Kelas X", "X IPA 1"
    minutes = models.PositiveSmallIntegerField(
        _("minutes"), default=45, validators=[MinValueValidator(5), MaxValueValidator(480)]
    )
    # Tujuan layanan (umum/khusus), metode/teknik, media/alat, langkah (awal, inti, penutup), evaluasi.
    goals = models.TextField(_("goals"))
    method = models.TextField(_("method and technique"), blank=True)
    materials = models.TextField(_("media and materials"), blank=True)
    steps = models.TextField(_("steps"), blank=True)
    evaluation = models.TextField(_("evaluation (process and result)"), blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["-school_year", "semester", "title"]
        verbose_name = _("service plan (RPL)")

    def __str__(self) -> str:
        return self.title
