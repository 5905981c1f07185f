"""Wiki markup left in article text by a careless source ("==Reactions==", "__NOTOC__",
"Ethiopia infobox", "[[Image:...]]", tables): removed before parsing, so that no heading
becomes part of a name and no magic word becomes a person."""

from __future__ import annotations

import re

_RULES: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"\[\[(?:Image|File|Category):[^\n]*?(?:\]\]|$)", re.I | re.M), " "),
    # A link target never holds "[": else each "[[" of "[[[[..." would scan to the line's end.
    (re.compile(r"\[\[[^|\[\]\n]*\|([^\]\n|]{1,60})\]\]"), r"\1"),  # [[target|shown]]
    (re.compile(r"\[\[(?:w:)?([^|\[\]\n]*)(?:\|[^\]\n.]{0,60})?(?:\]\])?"), r"\1"),  # links
    (re.compile(r"__?[A-Z]{3,}__?|\bNOTOC\b|\bNOEDITSECTION\b"), " "),  # magic words
    (re.compile(r"={2,}[^=\n]{0,80}={2,}"), "\n\n"),  # section headings
    (re.compile(r"^[^\n.!?\"]{0,60}?\binfobox\b[ \t]*", re.I | re.M), ""),
    (re.compile(r"(?<=\s)\*(?=\s)"), " "),  # list bullets
    (re.compile(r"^(?:(?:left|right|center|centre|thumb|frame|upright)\s+)+(?=[A-Z])", re.M), ""),
    (re.compile(r"[ \t]{2,}"), " "),
    (re.compile(r" *\n *(?:\n *)+"), "\n\n"),
)


def strip_wiki_markup(text: str) -> str:
    """`text` without wiki headings, magic words, infobox names, image links and tables."""
    if not any(mark in text for mark in ("==", "[[", "{|", "NOTOC", "__", "infobox", " * ")):
        return text
    text = _without_tables(text)
    for pattern, replacement in _RULES:
        text = pattern.sub(replacement, text)
    return text.strip()


def _without_tables(text: str) -> str:
    """Each "{| ... |}" table as a paragraph break, found with `str.find` in linear time (a
    lazy regex rescanned the rest of the text from every "{|" that no "|}" closes)."""
    kept: list[str] = []
    start = 0
    while (opening := text.find("{|", start)) >= 0:
        closing = text.find("|}", opening + 2)
        if closing < 0:
            break
        kept += [text[start:opening], "\n\n"]
        start = closing + 2
    return "".join(kept) + text[start:]
