"""The pages Django shows when something goes wrong: a server error and a refused form (CSRF).
403 and 404 need no view of their own: Django renders templates/403.html and 404.html, which
extend base.html (crisis bar, language, the way home)."""

import logging

from django.http import HttpResponseServerError
from django.shortcuts import render
from django.template import loader
from django.templatetags.static import static
from django.urls import reverse
from django.utils.translation import get_language

logger = logging.getLogger(__name__)


def _or(default, make):
    # The page must render even when what failed is the URLconf or the static files manifest.
    try:
        return make()
    except Exception:  # noqa: BLE001 - anything at all: this is the page of last resort
        logger.exception("Building the server error page")
        return default


def server_error(request, template_name="500.html"):
    """handler500: the template gets a plain context (no context processors, so no database
    query and nothing that depends on the request), with the addresses computed here."""
    context = {
        "LANGUAGE_CODE": get_language() or "id",
        "home_url": _or("/", lambda: reverse("home")),
        "crisis_url": _or("/bantuan/", lambda: reverse("crisis")),
        "stylesheet": _or("", lambda: static("sebaya/sebaya.css")),
    }
    page = _or("<h1>Server Error (500)</h1>", lambda: loader.get_template(template_name).render(context))
    return HttpResponseServerError(page)


def csrf_failure(request, reason=""):
    """CSRF_FAILURE_VIEW: what to do next, in the person's language, instead of Django's page."""
    return render(request, "403_csrf.html", status=403)
