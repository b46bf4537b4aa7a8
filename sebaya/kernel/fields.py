"""Form pieces every app uses the same way: date inputs the phone's picker understands,
multi-line text with a length limit (the limit is checked on the server too), and fields that
keep garbage (an id too large for its column, a date at the end of the calendar) a form error
rather than a server error."""

import datetime
import uuid

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import connections, models
from django.utils.translation import gettext_lazy as _

# The largest id of a BigAutoField (every Sebaya model without a UUID key).
ID_MAX = 9223372036854775807
# Dates a person could mean. The ends of the calendar overflow as soon as they are moved by a day
# or a time zone (`date.max + 1 day`), which would be a server error instead of a message.
DATE_RANGE = [MinValueValidator(datetime.date(1900, 1, 1)), MaxValueValidator(datetime.date(2999, 12, 31))]

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


class TimeSlotsWidget(forms.CheckboxSelectMultiple):
    """The week's time slots as a table: a row per day, a column per part of the day.

    Twenty-one stacked checkboxes made a phone scroll for a screen and a half; the table fits
    in one. Choices are "<day>_<part>" with labels "<day> · <part>" (`slot_choices`); each box
    keeps the full label for screen readers, the table shows the day and the part once."""

    template_name = "core/widgets/time_slots.html"

    def __init__(self, attrs=None):
        super().__init__(attrs={"class": "slots", **(attrs or {})})

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        rows: dict[str, list] = {}
        columns: list[str] = []
        for _group, options, _index in context["widget"]["optgroups"]:
            for option in options:
                label = str(option["label"])
                day_code, _sep, part_code = str(option["value"]).partition("_")
                day, part = label.split(" · ", 1) if " · " in label else (day_code, part_code)
                rows.setdefault(day, []).append(option)
                if part not in columns:
                    columns.append(part)
        context["widget"]["columns"] = columns
        context["widget"]["rows"] = list(rows.items())
        return context


def time_slots_widget():
    """The week's time slots (day × morning/afternoon/evening) as a compact table."""
    return TimeSlotsWidget()


def unique_labels(objects, label_of=str) -> dict[str, object]:
    """Each object by its label, labels made unique: two people with the same name and class get
    a number after the second ("Aulia Pratama (X-1) · 2"), so what is typed names exactly one."""
    labels: dict[str, object] = {}
    for obj in objects:
        label = base = " ".join(str(label_of(obj)).split())
        n = 1
        while label in labels:
            n += 1
            label = f"{base} · {n}"
        labels[label] = obj
    return labels


class SearchablePicker(forms.TextInput):
    """A text box with a list of names to pick from as one types (`<input list>` + `<datalist>`).

    A school has hundreds of people: a `<select>` of them is a long scroll on a phone, while the
    browser filters a datalist by any part of the name. Works without JavaScript.

    `list_id`: the id of a datalist the page renders once (core/widgets/_datalist.html) for many
    boxes, such as the rows of a table: the names are then not repeated in every row."""

    template_name = "core/widgets/searchable_picker.html"

    def __init__(self, attrs=None, *, list_id=None):
        super().__init__(attrs={"autocomplete": "off", **(attrs or {})})
        self.list_id = list_id
        self.labels: list[str] = []
        self.labels_by_pk: dict[str, str] = {}

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        widget = context["widget"]
        widget["list_id"] = self.list_id or f"{widget['attrs'].get('id') or name}_list"
        widget["attrs"]["list"] = widget["list_id"]
        widget["shared_list"] = bool(self.list_id)
        widget["labels"] = [] if self.list_id else self.labels
        return context

    def format_value(self, value):
        # A chosen object shows as its label, so that the box reads as what was picked.
        if value in (None, ""):
            return ""
        return self.labels_by_pk.get(str(getattr(value, "pk", value)), value)


class PersonPickerField(forms.ModelChoiceField):
    """Choose one of a queryset by typing its label ("Aulia Pratama (X-1)"), or by its id.

    Labels are made unique (`unique_labels`), so what was typed names exactly one. Anything else,
    an id of someone outside the queryset included, is refused with the same plain message."""

    widget = SearchablePicker
    default_error_messages = {
        "invalid_choice": _("Choose a name from the list (type a few letters to see it)."),
    }

    def __init__(self, queryset=None, *, label_of=str, **kwargs):
        self.label_of = label_of
        super().__init__(queryset, **kwargs)

    def _set_up_widget(self) -> dict[str, object]:
        labels = unique_labels(self.queryset, self.label_of)
        self.widget.labels = list(labels)
        self.widget.labels_by_pk = {str(obj.pk): label for label, obj in labels.items()}
        return labels

    def get_bound_field(self, form, field_name):
        self._set_up_widget()
        return super().get_bound_field(form, field_name)

    def to_python(self, value):
        if value in self.empty_values:
            return None
        text = " ".join(str(value).split())
        found = self._set_up_widget().get(text)
        if found is not None:
            return found
        try:
            return super().to_python(value)  # an id, as sent by a script or an older page
        except ValidationError:  # not an id either (Django's UUID message would be no help)
            raise ValidationError(self.error_messages["invalid_choice"], code="invalid_choice") from None


class PersonOrNameField(forms.Field):
    """A person picked from a list by their label, or a name typed freely for someone who is not
    on it (a parent, a partner professional): cleans to the object picked, or to the name (a str).

    The form gives the list (`labels`: label → object, from `unique_labels`), computed once for
    all its rows. An id sent for someone not on the list (a script, another organization's person)
    is refused, never kept as a name."""

    widget = SearchablePicker
    default_error_messages = {
        "not_listed": _(
            "That person is not on the list. Choose a name from the list, or type the name of "
            "someone from outside the school."
        ),
        "too_long": _("Please keep the name under %(n)s characters."),
    }

    def __init__(self, *, max_length=200, list_id=None, **kwargs):
        self.max_length = max_length
        self.labels: dict[str, object] = {}
        kwargs.setdefault("widget", SearchablePicker(attrs={"maxlength": max_length}, list_id=list_id))
        super().__init__(**kwargs)

    def to_python(self, value):
        text = " ".join(str(value or "").split())
        if not text:
            return ""
        if text in self.labels:
            return self.labels[text]
        try:
            key = str(uuid.UUID(text))
        except ValueError:
            key = None
        if key is not None:  # nobody's name is an id: this was meant as someone on the list
            for obj in self.labels.values():
                if str(obj.pk) == key:
                    return obj
            raise ValidationError(self.error_messages["not_listed"], code="not_listed")
        if len(text) > self.max_length:
            raise ValidationError(self.error_messages["too_long"] % {"n": self.max_length}, code="too_long")
        return text


def scale_widget():
    """A 1–5 scale as five large buttons (radio inputs styled as tap targets), not a number box."""
    return forms.RadioSelect(attrs={"class": "scale"})


SCALE = [(n, str(n)) for n in range(1, 6)]


def id_field(**options):
    """A posted row id (a hidden field): a positive whole number the id column can hold."""
    return forms.IntegerField(min_value=1, max_value=ID_MAX, widget=forms.HiddenInput, **options)


class ModelMultipleChoiceField(forms.ModelMultipleChoiceField):
    """Django's, but an integer id the database cannot hold is an invalid choice, not a crash.

    Django lets such a value through to `pk__in=[...]`, and SQLite cannot bind an integer above
    2**63 (OverflowError). Use it for choices of records with integer keys (users)."""

    def _check_values(self, value):
        meta = self.queryset.model._meta
        key = meta.get_field(self.to_field_name) if self.to_field_name else meta.pk
        if isinstance(key, models.IntegerField | models.AutoField):
            low, high = connections[self.queryset.db].ops.integer_field_range(key.get_internal_type())
            for item in value:
                try:
                    number = int(str(item))
                except ValueError:
                    continue  # not a number at all: Django's own check refuses it
                if not low <= number <= high:
                    raise ValidationError(
                        self.error_messages["invalid_choice"], code="invalid_choice", params={"value": item}
                    )
        return super()._check_values(value)
