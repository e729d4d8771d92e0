"""Side-by-side comparison of two versions, with the changed words highlighted.

Works on the sanitised HTML's text: tags are stripped to paragraphs, paragraphs are aligned
with ``difflib``, and changed words are wrapped in ``<del>``/``<ins>`` after escaping, so the
result is safe to render.
"""

from __future__ import annotations

import difflib
import html
import re
from dataclasses import dataclass

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

_BLOCK = re.compile(r"</(p|li|h[2-4]|blockquote|tr)>|<br\s*/?>", re.I)
_TAG = re.compile(r"<[^>]+>")


def paragraphs(text_html: str) -> list[str]:
    text = _BLOCK.sub("\n", text_html or "")
    text = html.unescape(_TAG.sub("", text))
    return [p.strip() for p in text.split("\n") if p.strip()]


@dataclass
class Row:
    left: SafeString
    right: SafeString
    changed: bool


def _words_diff(a: str, b: str) -> tuple[str, str]:
    aw, bw = a.split(" "), b.split(" ")
    left, right = [], []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, aw, bw).get_opcodes():
        la, rb = escape(" ".join(aw[i1:i2])), escape(" ".join(bw[j1:j2]))
        if op == "equal":
            left.append(la)
            right.append(rb)
        else:
            if la:
                left.append(f"<del>{la}</del>")
            if rb:
                right.append(f"<ins>{rb}</ins>")
    return " ".join(left), " ".join(right)


def compare(old_html: str, new_html: str) -> list[Row]:
    a, b = paragraphs(old_html), paragraphs(new_html)
    rows: list[Row] = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b).get_opcodes():
        if op == "equal":
            for x in a[i1:i2]:
                rows.append(Row(mark_safe(escape(x)), mark_safe(escape(x)), False))  # noqa: S308
            continue
        left, right = a[i1:i2], b[j1:j2]
        for k in range(max(len(left), len(right))):
            la = left[k] if k < len(left) else ""
            rb = right[k] if k < len(right) else ""
            if la and rb:
                l_html, r_html = _words_diff(la, rb)
            else:
                l_html = f"<del>{escape(la)}</del>" if la else ""
                r_html = f"<ins>{escape(rb)}</ins>" if rb else ""
            # Built only from escaped text plus our own <del>/<ins> tags.
            rows.append(Row(mark_safe(l_html), mark_safe(r_html), True))  # noqa: S308
    return rows
