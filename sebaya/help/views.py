"""The user guides inside Sebaya: the list, one guide, its PDF and its screenshots.

Anyone may read them, signed in or not: they hold no personal data (the same text is in the
repository's docs/guide/), and a person who cannot sign in is the one who most needs "when
something goes wrong". Signed in, the list and each guide name the guides of the reader's own roles.
"""

from __future__ import annotations

from django.core.cache import cache
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils import translation
from django.views.decorators.http import require_safe

from sebaya.help import guides
from sebaya.kernel.pdf import html_to_pdf


def _language(request) -> str:
    """The language asked for (`?lang=`, only "id" or "en"), else the page's."""
    asked = request.GET.get("lang", "")
    if asked in guides.LANGUAGES:
        return asked
    current = translation.get_language() or guides.DEFAULT_LANGUAGE
    return current if current in guides.LANGUAGES else guides.DEFAULT_LANGUAGE


def _own_guides(request) -> list[str]:
    if not request.user.is_authenticated:
        return []
    return guides.guides_for(request.user)


@require_safe
def guide_index(request):
    language = _language(request)
    titles = guides.titles(language)
    own = [slug for slug in _own_guides(request) if slug in titles]
    entries = [
        {"slug": slug, "title": titles[slug], "own": slug in own} for slug in guides.GUIDES if slug in titles
    ]
    return render(
        request,
        "help/index.html",
        {"entries": entries, "own": [e for e in entries if e["own"]], "language": language},
    )


@require_safe
def guide(request, role: str):
    language = _language(request)
    rendered = guides.render(role, language)
    if rendered is None:
        raise Http404
    titles = guides.titles(language)
    others = [
        {"slug": slug, "title": titles[slug]}
        for slug in _own_guides(request)
        if slug != role and slug in titles
    ]
    other_language = next(code for code in guides.LANGUAGES if code != rendered.language)
    return render(
        request,
        "help/guide.html",
        {
            "guide": rendered,
            "others": others,
            "other_language": other_language
            if guides.available(role, other_language) == other_language
            else "",
        },
    )


@require_safe
def guide_pdf(request, role: str):
    """One PDF per guide and language, made once per version of its file (WeasyPrint is slow, and
    the page is public) and kept in the cache."""
    language = _language(request)
    rendered = guides.render(role, language, target="pdf")
    if rendered is None:
        raise Http404
    mtime = guides.source_path(role, rendered.language).stat().st_mtime_ns
    key = f"help:pdf:{role}:{rendered.language}:{mtime}:{request.get_host()}"
    pdf = cache.get(key)
    if pdf is None:
        with translation.override(rendered.language):
            html = render_to_string("help/guide_pdf.html", {"guide": rendered}, request=request)
        # Links are absolute on the reader's host; pictures are files in docs/guide/img/ (the only
        # URLs besides links the rendering lets through).
        pdf = html_to_pdf(html, base_url=request.build_absolute_uri("/"))
        cache.set(key, pdf, 24 * 60 * 60)
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="sebaya-panduan-{role}-{rendered.language}.pdf"'
    return response


@require_safe
def guide_image(request, name: str):
    path = guides.image_path(name)
    if path is None:
        raise Http404
    response = FileResponse(path.open("rb"), content_type="image/png")
    response["Cache-Control"] = "public, max-age=86400"
    return response
