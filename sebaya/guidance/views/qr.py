"""A QR code as inline SVG, drawn on the server (qrcode, pure Python): no image files, no
JavaScript, nothing fetched."""

from __future__ import annotations

import re

import qrcode
import qrcode.image.svg
from django.utils.html import format_html
from django.utils.safestring import SafeString


def qr_svg(data: str, *, title: str) -> SafeString:
    """The QR code of `data` as an accessible inline `<svg role="img">` that scales to its box."""
    code = qrcode.QRCode(border=4, error_correction=qrcode.constants.ERROR_CORRECT_M)
    code.add_data(data)
    image = code.make_image(image_factory=qrcode.image.svg.SvgPathImage)
    svg = image.to_string(encoding="unicode")
    size = re.search(r'viewBox="0 0 (\d+) \d+"', svg).group(1)  # the modules, border included
    d = re.search(r' d="([^"]+)"', svg).group(1)
    # format_html escapes every value put into the markup (our numbers, the path, the title).
    return format_html(
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {} {}" role="img" '
        'aria-label="{}" class="qr" shape-rendering="crispEdges">'
        '<rect width="{}" height="{}" fill="#fff"/><path d="{}" fill="#000"/></svg>',
        size,
        size,
        title,
        size,
        size,
        d,
    )
