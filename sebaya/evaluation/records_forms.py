"""The form of the de-identified records export: a period and the reason the data is needed."""

from django import forms
from django.utils import formats
from django.utils.translation import gettext_lazy as _

from sebaya.evaluation.records_export import MAX_YEARS, MIN_REASON, clean_reason, period_end_limit
from sebaya.kernel.fields import DATE_INPUT

LANGUAGES = [("id", "Bahasa Indonesia"), ("en", "English")]


class RecordsExportForm(forms.Form):
    period_start = forms.DateField(label=_("From"), widget=DATE_INPUT)
    period_end = forms.DateField(label=_("Until"), widget=DATE_INPUT)
    reason = forms.CharField(
        label=_("Why is the data needed?"),
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            "Who will use it and for what, for example: evaluation of the peer support program by "
            "Universitas X, with the principal's letter no. 12/2026. Written in the file and in the "
            "audit trail."
        ),
        error_messages={"required": _("Please say why the data is needed.")},
    )
    language = forms.ChoiceField(label=_("Language of the file"), choices=LANGUAGES, initial="id")

    def clean_reason(self):
        reason = clean_reason(self.cleaned_data["reason"])
        if len(reason) < MIN_REASON:
            raise forms.ValidationError(
                _("Please say a little more about why the data is needed (at least %(n)s characters)."),
                params={"n": MIN_REASON},
            )
        return reason

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("period_start"), cleaned.get("period_end")
        if start and end:
            if end < start:
                self.add_error("period_end", _("The end of the period comes before its start."))
            elif end > period_end_limit(start):
                self.add_error(
                    "period_end",
                    _(
                        "A file covers at most %(years)s years: the period starting on %(start)s may end "
                        "on %(last)s at the latest. Ask for two files for a longer time."
                    )
                    % {
                        "years": MAX_YEARS,
                        "start": formats.date_format(start, "j F Y"),
                        "last": formats.date_format(period_end_limit(start), "j F Y"),
                    },
                )
        return cleaned
