"""Turning whatever an export tool wrote into clean plain text."""

from __future__ import annotations

import re
import unicodedata
from html.parser import HTMLParser

import ftfy

_BLOCK_TAGS = {"p", "br", "div", "li", "ul", "ol", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote"}
_DROP_CONTENT_TAGS = {"script", "style", "template", "iframe", "object", "noscript"}
_EMAIL = re.compile(r"\b[\w.+-]+@[\w-]+(?:\.[\w-]+)+\b")
# Markdown, which pretalx and frab abstracts are written in: a link, bold words, a heading's marks
_MD_LINK = re.compile(r"\[([^\]\n]{1,300})\]\((https?://[^\s)]{1,2000})\)")
_MD_STRONG = re.compile(r"\*\*(?=\S)([^*\n]{1,300}?)(?<=\S)\*\*")
_MD_HEADING = re.compile(r"(?m)^[ \t]{0,3}#{1,6}[ \t]+")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2066-\u2069]")


class _TextExtractor(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._dropping = 0

    def handle_starttag(self, tag: str, attrs: list) -> None:
        if tag in _DROP_CONTENT_TAGS:
            self._dropping += 1
        elif tag in _BLOCK_TAGS:
            self.parts.append(" ")

    def handle_endtag(self, tag: str) -> None:
        if tag in _DROP_CONTENT_TAGS:
            self._dropping = max(0, self._dropping - 1)
        elif tag in _BLOCK_TAGS:
            self.parts.append(" ")

    def handle_data(self, data: str) -> None:
        if not self._dropping:
            self.parts.append(data)


def strip_html(text: str) -> str:
    """Plain text of an HTML fragment: tags removed, entities decoded, script/style bodies dropped."""
    if "<" not in text and "&" not in text:
        return text
    parser = _TextExtractor()
    parser.feed(text)
    parser.close()
    return "".join(parser.parts)


def strip_markdown(text: str) -> str:
    """Markdown's marks as plain text: a link as its words with its address in brackets ("Tickets
    (https://...)"; an address alone stays as it is), bold and a heading as their words. Other marks are left: a lone
    ``*`` or ``_`` is as often a footnote, a product or an identifier as emphasis."""
    if "](" not in text and "**" not in text and "#" not in text:
        return text
    text = _MD_LINK.sub(lambda m: m.group(2) if m.group(1).strip() == m.group(2) else f"{m.group(1)} ({m.group(2)})", text)
    text = _MD_STRONG.sub(r"\1", text)
    return _MD_HEADING.sub("", text)


def has_markdown(value: object) -> bool:
    """Whether ``strip_markdown`` has marks to read in this cell (for the load's warning, which counts them)."""
    text = "" if value is None else str(value)
    return any(p.search(text) for p in (_MD_LINK, _MD_STRONG, _MD_HEADING))


def clean_text(value: object, markdown: bool = False) -> str:
    """Repair mojibake, strip HTML (and with ``markdown``, Markdown's marks), drop control characters and collapse
    whitespace."""
    if value is None:
        return ""
    text = str(value)
    if not text.strip():
        return ""
    text = ftfy.fix_text(text)
    text = strip_html(text)
    if markdown:
        text = strip_markdown(text)
    text = _CONTROL.sub(" ", text)
    return " ".join(text.split())


def redact_emails(text: str) -> tuple[str, int]:
    """Replace e-mail addresses inside free text; return the text and how many were replaced.

    Phone numbers are removed by dropping phone columns: a pattern for them in free text would
    also eat dates and figures, which costs more than it protects.
    """
    return _EMAIL.subn("[e-mail removed]", text)


def fold(text: str) -> str:
    """Lower-case and strip accents, for matching names typed without them ("Chrupała" -> "chrupala")."""
    text = text.replace("ł", "l").replace("Ł", "L").replace("ø", "o").replace("Ø", "O").replace("ß", "ss")
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def normalize_header(name: object) -> str:
    """Column names compared case- and space-insensitively: ' Start_Time ' -> 'start time'."""
    text = ftfy.fix_text(str(name)).replace("\ufeff", "")
    text = re.sub(r"[\s_]+", " ", text)
    return text.strip().casefold()
