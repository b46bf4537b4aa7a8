"""Scores over time as a small SVG, drawn on the server (no JavaScript needed to read a trend)."""

from django.utils.html import escape
from django.utils.safestring import mark_safe

WIDTH, HEIGHT, PAD_LEFT, PAD_RIGHT, PAD_Y = 640, 220, 44, 120, 14
INNER_W, INNER_H = WIDTH - PAD_LEFT - PAD_RIGHT, HEIGHT - 2 * PAD_Y
# Band shading from calm to strong, in order of the instrument's bands.
SHADES = ["#e8f5ee", "#f4f7df", "#fff4e0", "#fde6d4", "#fdecea"]
MUTED = 'font-size="12" fill="#55606a"'


def trend_svg(*, instrument, administrations, title: str) -> str:
    """A line of totals across the instrument's shaded bands (oldest left); a <title> for screen readers."""
    low, high = instrument.range
    span = max(high - low, 1)

    def y(value):
        return PAD_Y + INNER_H - (value - low) / span * INNER_H

    parts = [
        f'<svg class="trend" viewBox="0 0 {WIDTH} {HEIGHT}" role="img" '
        f'aria-labelledby="t-{instrument.code}" xmlns="http://www.w3.org/2000/svg">'
        f'<title id="t-{instrument.code}">{escape(title)}</title>'
    ]
    bands = instrument.bands
    for index, band in enumerate(bands):
        top = y(band.max + (0.5 if band.max < high else 0))
        bottom = y(band.min - (0.5 if band.min > low else 0))
        shade = SHADES[min(index * len(SHADES) // max(len(bands), 1), len(SHADES) - 1)]
        height = bottom - top
        parts.append(
            f'<rect x="{PAD_LEFT}" y="{top:.1f}" width="{INNER_W}" height="{height:.1f}" fill="{shade}"/>'
        )
        label_y = (top + bottom) / 2 + 4
        parts.append(
            f'<text x="{PAD_LEFT + INNER_W + 6}" y="{label_y:.1f}" {MUTED}>{escape(str(band.label))}</text>'
        )
    for value in (low, high):
        parts.append(
            f'<text x="{PAD_LEFT - 6}" y="{y(value) + 4:.1f}" {MUTED} text-anchor="end">{value}</text>'
        )
    points = list(administrations)
    if points:
        step = INNER_W / max(len(points) - 1, 1)
        coords = [
            (PAD_LEFT + (i * step if len(points) > 1 else INNER_W / 2), y(a.total))
            for i, a in enumerate(points)
        ]
        if len(coords) > 1:
            path = " ".join(f"{x:.1f},{yy:.1f}" for x, yy in coords)
            parts.append(f'<polyline points="{path}" fill="none" stroke="#0b6e4f" stroke-width="2.5"/>')
        for (x, yy), administration in zip(coords, points, strict=True):
            label = escape(f"{administration.created_at:%Y-%m-%d}: {administration.total}")
            parts.append(
                f'<circle cx="{x:.1f}" cy="{yy:.1f}" r="5" fill="#0b6e4f"><title>{label}</title></circle>'
            )
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308  # nosec B308, B703  # all text escaped above
