from django import template

from sebaya.accounts import demo_tour

register = template.Library()


@register.simple_tag
def demo_tour_groups():
    """The sign-in page's demo tour: its groups of accounts, or an empty list where there is no tour
    (production, or no demo data): `demo_tour.tour_accounts` decides."""
    present = demo_tour.tour_accounts()
    return demo_tour.tour_groups(present) if present else []
