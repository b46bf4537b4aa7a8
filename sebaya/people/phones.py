"""Phone numbers of guardians, as Indonesians write them.

A number starts with +62, 62 or 0 (a mobile 08… or a landline such as 022…) and has 8 to 15
digits in all, with spaces or dashes between the groups if the writer likes them:
`0812-3456-7890`, `+62 812 3456 7890`, `6281234567890`. After +62 or 62 comes the number without
its leading 0. Brackets, letters and other signs are refused, with a message that shows the form.
The number is kept as written (trimmed), so it reads the way the family gave it.
"""

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

_SHAPE = re.compile(r"^\+?\d[\d -]*\d$", re.ASCII)
_NUMBER = re.compile(r"^(?:\+?62[1-9]|0)\d*$", re.ASCII)
MESSAGE = _(
    "Please write a phone number such as 0812-3456-7890 or +62 812 3456 7890 "
    "(8 to 15 digits; spaces and dashes are fine)."
)


def is_phone(value: str) -> bool:
    value = value.strip()
    compact = re.sub(r"[ -]", "", value)
    digits = compact.removeprefix("+")
    return bool(_SHAPE.fullmatch(value) and _NUMBER.fullmatch(compact) and 8 <= len(digits) <= 15)


def validate_phone(value: str) -> None:
    if value and not is_phone(value):
        raise ValidationError(MESSAGE, code="phone")
