"""Form pieces every app uses the same way: date inputs the phone's picker understands, and
multi-line text with a length limit (the limit is checked on the server too)."""

from django import forms

DATE_INPUT = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
DATETIME_INPUT = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")


def text_field(label, *, required=False, rows=3, help_text="", max_length=2000):
    return forms.CharField(
        label=label,
        required=required,
        max_length=max_length,
        widget=forms.Textarea(attrs={"rows": rows}),
        help_text=help_text,
    )


def time_slots_widget():
    """The week's time slots (day × morning/afternoon/evening) as a grid of three per row."""
    return forms.CheckboxSelectMultiple(attrs={"class": "slots"})
