"""Printable records (letters, berita acara, minutes, certificates, reports) as PDF responses."""

from django.http import HttpResponse
from django.template.loader import render_to_string


def html_to_pdf(html: str, *, base_url: str | None = None, offline: bool = False) -> bytes:
    """WeasyPrint's PDF of an HTML page (it needs Debian's pango; `./dev` installs it).

    `offline=True` refuses every URL the page names (images, style sheets, fonts by URL): for
    pages built without a request, such as a person's own data, nothing is fetched from anywhere.
    """
    from weasyprint import HTML

    options = {"url_fetcher": _refuse} if offline else {}
    return HTML(string=html, base_url=base_url, **options).write_pdf()


def _refuse(url, *args, **kwargs):
    raise ValueError("This document loads nothing from outside.")


def render_pdf(request, template: str, context: dict, filename: str) -> HttpResponse:
    """Render an HTML template to PDF with WeasyPrint, as an inline response."""
    html = render_to_string(template, context, request=request)
    pdf = html_to_pdf(html, base_url=request.build_absolute_uri("/"))
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response
