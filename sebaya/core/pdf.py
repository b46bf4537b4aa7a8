"""Printable records (letters, berita acara, minutes, certificates, reports) as PDF responses."""

from django.http import HttpResponse
from django.template.loader import render_to_string


def render_pdf(request, template: str, context: dict, filename: str) -> HttpResponse:
    """Render an HTML template to PDF with WeasyPrint (it needs Debian's pango; `./dev` installs it)."""
    from weasyprint import HTML

    html = render_to_string(template, context, request=request)
    pdf = HTML(string=html, base_url=request.build_absolute_uri("/")).write_pdf()
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response
