from django import template

from sebaya.support.text import mask_contacts as _mask

register = template.Library()


@register.filter
def mask_contacts(text):
    """Hide phone numbers, email addresses and links (autoescaping still applies after)."""
    return _mask(str(text))
