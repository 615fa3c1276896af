"""Status colours: one palette for the HTML badges, the LaTeX badges and the graph.

``specs_status_colors`` maps a status (any spelling) to a ``#rrggbb`` colour; the defaults cover
the built-in statuses. The text on a badge is white or near-black, whichever contrasts more, so a
custom colour keeps the badge readable (WCAG AA asks for 4.5:1).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from .lazyre import lazy_compile

if TYPE_CHECKING:
    from collections.abc import Iterable, Mapping

#: Default badge colours, by status slug; each has at least 5:1 contrast with white text.
DEFAULT_COLORS: dict[str, str] = {
    "draft": "#5b6470",
    "under-review": "#a15c07",
    "review": "#a15c07",
    "accepted": "#1d4ed8",
    "approved": "#15803d",
    "implemented": "#15803d",
    "deferred": "#57534e",
    "unknown": "#475569",
}
DARK_TEXT = "#111111"
LIGHT_TEXT = "#ffffff"
_HEX = lazy_compile(r"^#?([0-9a-fA-F]{6}|[0-9a-fA-F]{3})$")


def slug(status: str | None) -> str:
    value = re.sub(r"[^a-z0-9]+", "-", (status or "unknown").casefold()).strip("-")
    return value or "unknown"


def normalize_hex(value: str) -> str | None:
    match = _HEX.match(value.strip())
    if match is None:
        return None
    digits = match.group(1)
    if len(digits) == 3:
        digits = "".join(c * 2 for c in digits)
    return "#" + digits.lower()


def luminance(color: str) -> float:
    channels = [int(color[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(a: str, b: str) -> float:
    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def text_color(background: str) -> str:
    """White or near-black, whichever reads better on ``background``."""
    light, dark = contrast(background, LIGHT_TEXT), contrast(background, DARK_TEXT)
    return LIGHT_TEXT if light >= dark else DARK_TEXT


def palette(statuses: Iterable[str], configured: Mapping[str, str]) -> dict[str, str]:
    """Status slug -> colour for ``statuses`` (and ``unknown``), configured colours first."""
    chosen = dict(DEFAULT_COLORS)
    for status, color in configured.items():
        normalized = normalize_hex(color)
        if normalized:
            chosen[slug(status)] = normalized
    result = {"unknown": chosen["unknown"]}
    for status in statuses:
        key = slug(status)
        result[key] = chosen.get(key, chosen["unknown"])
    for key in configured:
        result.setdefault(slug(key), chosen[slug(key)])
    return result


def status_css(colors: Mapping[str, str]) -> str:
    """The CSS that gives each status class its colour and readable text colour."""
    lines = ["/* sphinx-specs status colours (specs_status_colors); generated */"]
    for key in sorted(colors):
        color = colors[key]
        lines.append(
            f".specs-status-{key} {{ --specs-status-color: {color}; "
            f"--specs-status-text: {text_color(color)}; }}"
        )
    return "\n".join(lines) + "\n"
