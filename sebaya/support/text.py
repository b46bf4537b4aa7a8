"""Showing what people wrote, safely."""

import re

from django.utils.translation import gettext as _

# Phone numbers, email addresses and links: contact details stay inside Sebaya, where the
# safety net can see a message, and a peer's number never leaks to someone they help.
PHONE = re.compile(
    r"(?<!\w)(?:\+?62|0)[\s.\-]?8(?:[\s.\-]?\d){7,11}(?!\w)|(?<!\w)\+?\d(?:[\s.\-]?\d){8,14}(?!\w)"
)
EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
LINK = re.compile(r"(?:https?://|www\.|wa\.me/|t\.me/|bit\.ly/)\S+", re.IGNORECASE)


def mask_contacts(text: str) -> str:
    text = LINK.sub(_("[link hidden]"), text)
    text = EMAIL.sub(_("[email hidden]"), text)
    return PHONE.sub(_("[number hidden]"), text)
