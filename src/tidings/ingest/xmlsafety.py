"""Entity declarations and undefined entities in XML feeds, sitemaps and OPML.

A document that declares entities able to blow up (an entity made of other entities, a long
one, a parameter entity) or to read files and URLs (external entities: XXE) is refused as a
whole, with the reason, before any parser sees it. Entities that stand for one character
(``<!ENTITY nbsp "&#160;">``, as old RSS feeds declare) are fine.

Feeds also use HTML entities that XML does not define (``&eacute;``, ``&nbsp;``), which stop
a strict XML parser. ``escape_undefined_entities`` turns them into character references, and
unknown names into text (``&foo;`` reads "&foo;"), so the rest of the document is kept.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass
from html.entities import name2codepoint

from lxml import etree

MAX_ELEMENTS = 20_000
MAX_DEPTH = 100
"""Elements, and levels of nesting, accepted in a feed read by feedparser, which spends some
80 µs on each element, so 20,000 take 1.6 s (2-4 s on a busy machine). Feeds hold 10 to 20
elements per item: 1,000 items fit."""

MAX_ENTITY_TEXT = 16
"""Longest plain-text value of a declared entity (an entity referenced many times expands
its value each time: the "quadratic blowup")."""

_XML_ENTITIES = frozenset({"amp", "lt", "gt", "quot", "apos"})
_CHARACTER_REFERENCE = re.compile(r"&#(?:[0-9]{1,7}|x[0-9a-fA-F]{1,6});")
_REFERENCE_OR_SKIPPED = re.compile(
    rb"<!\[CDATA\[.*?\]\]>|<!--.*?-->|<!DOCTYPE[^\[>]*(?:\[.*?\]\s*)?>|&([A-Za-z_][\w.-]{0,63});",
    re.DOTALL,
)
_WIDE_ENCODINGS = (b"\xff\xfe", b"\xfe\xff", b"\x00\x00\xfe\xff")


class DocumentRefused(ValueError):
    """The document is refused whole (dangerous entities, too many elements or levels);
    the message is one line."""


@dataclass(frozen=True)
class Prolog:
    """What the start of an XML document says: its root element and declared entities."""

    root: str | None
    """Local name of the root element; None when the start is not well-formed XML."""
    entities: frozenset[str] = frozenset()


def read_prolog(content: bytes) -> Prolog:
    """The root element's name and the declared entities, reading only up to the root's start
    tag; raises DocumentRefused for a dangerous entity declaration (see the module docstring)."""
    try:
        element = _root_start(content)
    except etree.XMLSyntaxError:
        element = None
    if element is None:
        if b"<!ENTITY" in content[:65536]:
            raise DocumentRefused(
                "refused: XML entity declarations in a malformed DOCTYPE"
            ) from None
        return Prolog(root=None)
    dtd = element.getroottree().docinfo.internalDTD
    names: set[str] = set()
    for entity in dtd.iterentities() if dtd is not None else ():
        reason = _refusal(entity)
        if reason:
            raise DocumentRefused(
                f"refused: the document declares the XML entity {entity.name!r}, {reason}"
            )
        names.add(str(entity.name))
    # the local name by hand: lxml's QName refuses the tags a recovering parse keeps (<:>, <a:>)
    local = str(element.tag).rpartition("}")[2].rpartition(":")[2]
    return Prolog(root=local or None, entities=frozenset(names))


PROLOG_CHUNK = 65536
"""Bytes fed to the parser at a time until the root element starts. The prolog is read from
the events before the first error: lxml 6.2's iterparse parses ahead before its first event,
so an error in the first item (an external entity referenced) hid the declarations and the
root."""


def _root_start(content: bytes) -> etree._Element | None:
    """The root element as it starts (its tree holds the DOCTYPE), or None for a document
    with none; raises XMLSyntaxError for malformed markup before the root's start tag ends.
    Markup after it may be malformed: the events before an error are still read."""
    parser = etree.XMLPullParser(events=("start",), resolve_entities=False, load_dtd=False,
                                 no_network=True, huge_tree=False)
    try:
        for at in range(0, len(content), PROLOG_CHUNK):
            parser.feed(content[at : at + PROLOG_CHUNK])
            for _, element in parser.read_events():
                return element
        parser.close()
    except etree.XMLSyntaxError:
        for _, element in parser.read_events():
            return element
        raise
    return next((element for _, element in parser.read_events()), None)


def check_markup(content: bytes) -> None:
    """DocumentRefused when the document has over MAX_ELEMENTS elements or nests deeper than
    MAX_DEPTH (counted by lxml in recover mode, so broken markup is counted too)."""
    events = etree.iterparse(
        io.BytesIO(content),
        events=("start", "end"),
        resolve_entities=False,
        load_dtd=False,
        no_network=True,
        huge_tree=False,
        recover=True,
    )
    elements = depth = 0
    try:
        for event, _ in events:
            depth += 1 if event == "start" else -1
            elements += event == "start"
            if depth > MAX_DEPTH:
                raise DocumentRefused(f"refused: XML nested deeper than {MAX_DEPTH} levels")
            if elements > MAX_ELEMENTS:
                raise DocumentRefused(f"refused: more than {MAX_ELEMENTS:,} XML elements")
    except etree.XMLSyntaxError:
        return  # what lxml cannot even recover from is left to feedparser's own errors


def _refusal(entity: etree._Entity) -> str | None:
    """Why a declared entity is refused, or None for a harmless one."""
    if entity.system_url is not None or entity.content is None:
        target = f" ({entity.system_url})" if entity.system_url else ""
        return f"an external or parameter entity{target}, which could read files or URLs (XXE)"
    value = str(entity.orig or "")
    if _CHARACTER_REFERENCE.fullmatch(value):
        return None
    if "&" in value or "%" in value:
        return "made of other entities (an entity-expansion bomb)"
    if len(value) > MAX_ENTITY_TEXT or "<" in value:
        return f"a value over {MAX_ENTITY_TEXT} characters of text (an expansion bomb)"
    return None


def escape_undefined_entities(content: bytes, declared: frozenset[str] = frozenset()) -> bytes:
    """``content`` with each reference to an entity XML does not define replaced: an HTML
    entity by its character reference, any other name by the text itself. CDATA sections,
    comments and the DOCTYPE are left alone; so are UTF-16 and UTF-32 documents."""
    if content.startswith(_WIDE_ENCODINGS) or b"\x00" in content[:4]:
        return content

    def replace(match: re.Match[bytes]) -> bytes:
        name = match.group(1)
        if name is None:
            return match.group()
        text = name.decode("ascii", "replace")
        if text in _XML_ENTITIES or text in declared:
            return match.group()
        if text in name2codepoint:
            return b"&#%d;" % name2codepoint[text]
        return b"&amp;" + name + b";"

    return _REFERENCE_OR_SKIPPED.sub(replace, content)
