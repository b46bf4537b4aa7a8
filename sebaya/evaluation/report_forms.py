"""The printed report's choices: the dashboard's own (period, grade, gender, level of care: the
same form, so the report offers nothing the page does not) and the coordinator's notes."""

from __future__ import annotations

from django import forms
from django.core.validators import MaxLengthValidator
from django.utils.translation import gettext_lazy as _

from sebaya.evaluation.forms import DashboardForm

NARRATIVE_LIMIT = 5000  # about two printed pages: room to explain, not a second report

FILTERS = ("periode", "kelas", "gender", "layanan")


class ReportForm(DashboardForm):
    catatan = forms.CharField(
        label=_("Coordinator's notes"),
        required=False,
        strip=True,
        widget=forms.Textarea(attrs={"rows": 6, "maxlength": NARRATIVE_LIMIT}),
        help_text=_(
            "Optional. What the numbers do not say: what went well, what was hard, what comes next. "
            "Plain text; an empty line starts a new paragraph. Printed, not saved."
        ),
        validators=[
            MaxLengthValidator(
                NARRATIVE_LIMIT,
                message=_(
                    "The coordinator's notes can be at most %(limit_value)d characters long (these "
                    "have %(show_value)d). Please shorten them and print again."
                ),
            )
        ],
    )

    @property
    def filters_valid(self) -> bool:
        """The dashboard can be built (only the notes may be wrong)."""
        return (
            self.is_bound and not any(name in self.errors for name in FILTERS) and not self.non_field_errors()
        )

    def narrative(self) -> str:
        return self.cleaned_data.get("catatan", "") if self.is_valid() else ""
