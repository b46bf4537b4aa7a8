from django import template

from sebaya.counseling.models import Domain

register = template.Library()


@register.simple_tag
def case_domains():
    """The domains (bidang layanan), for the small "open a case" forms on other apps' pages."""
    return Domain.choices
