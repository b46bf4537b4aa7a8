"""The bare pages every benchmark compares Sebaya with, served inside the project's own urlconf:

- `/bench/fortunes/`: TechEmpower's "fortunes" shape (a view that reads 12 rows by the primary
  key, adds one, sorts them and renders a tiny escaped template);
- `/bench/fortunes-base/`: the same list inside the site's `base.html` (its context processors:
  menus, roles), what any signed-in page pays.

`use()` installs the urlconf in this process (bench/dashboard.py); `bench/bare_wsgi.py` serves it
with gunicorn (bench/pages.py), so the bare pages and Sebaya's go through the same server,
middleware and database."""

from __future__ import annotations

import sys
import types

FORTUNES = """<!doctype html><html><head><title>Fortunes</title></head><body><table>
<tr><th>id</th><th>message</th></tr>
{% for id, message in fortunes %}<tr><td>{{ id }}</td><td>{{ message }}</td></tr>{% endfor %}
</table></body></html>"""
FORTUNES_BASE = """{% extends "base.html" %}{% block content %}<table>
<tr><th>id</th><th>message</th></tr>
{% for id, message in fortunes %}<tr><td>{{ id }}</td><td>{{ message }}</td></tr>{% endfor %}
</table>{% endblock %}"""
NAME = "bench_bare_urls"


def urlconf() -> str:
    """A urlconf module (by name): the two bare pages, then every page of the project."""
    if NAME in sys.modules:
        return NAME
    from django.db.models.functions import Length
    from django.http import HttpResponse
    from django.template import engines
    from django.urls import include, path

    from sebaya.organizations.models import Organization

    engine = engines["django"]
    tiny, in_base = engine.from_string(FORTUNES), engine.from_string(FORTUNES_BASE)

    def fortunes(request, template):
        # 12 rows by the primary key, as TechEmpower's table holds 12 fortunes.
        rows = list(
            Organization.objects.order_by("pk").annotate(n=Length("name")).values_list("pk", "name")[:12]
        )
        rows.append((0, "Additional fortune added at request time."))
        rows.sort(key=lambda row: row[1])
        return HttpResponse(template.render({"fortunes": rows}, request))

    module = types.ModuleType(NAME)
    module.urlpatterns = [
        path("bench/fortunes/", fortunes, {"template": tiny}),
        path("bench/fortunes-base/", fortunes, {"template": in_base}),
        path("", include("sebaya.urls")),
    ]
    sys.modules[NAME] = module
    return NAME


def use() -> None:
    """Serve the bare pages beside the project's in this process (after django.setup())."""
    from django.conf import settings
    from django.urls import clear_url_caches

    settings.ROOT_URLCONF = urlconf()
    clear_url_caches()
