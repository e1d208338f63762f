"""The reader's segment list as HTML, built in Python.

The template engine takes about a second for a thousand segments; this takes milliseconds.
Every value is escaped; each text element holds exactly its segment's text, with the explicit
direction of its first strong character (what plain text gets from ``dir="auto"``).
"""

from collections.abc import Iterable
from typing import Any

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from workbench.language.direction import text_direction


def segment_list_html(text: str, segments: Iterable[dict[str, Any]]) -> SafeString:
    """The ``<li>`` of each segment (as ``segment_rows`` gives them) over the document ``text``."""
    label = escape(_("Segment language"))
    rows = []
    for position, segment in enumerate(segments):
        language = escape(segment["effective_language"])
        body = text[segment["start"] : segment["end"]]
        direction = text_direction(body)
        timing = ' elementtiming="first-segment"' if position == 0 else ""
        rows.append(
            f'<li class="segment" data-segment-id="{int(segment["id"])}"'
            f' data-index="{int(segment["index"])}" data-kind="{escape(segment["kind"])}">'
            f'<div class="seg-meta"><button type="button" class="lang-badge" data-lang="{language}"'
            f' data-role="language" aria-label="{label}: {language}">{language}</button></div>'
            f'<div class="seg-text" dir="{direction}" tabindex="0" data-role="text"{timing}>'
            f"{escape(body)}</div>"
            f'<div class="seg-translation" data-role="translation"></div></li>'
        )
    return mark_safe("".join(rows))
