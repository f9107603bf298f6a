"""The language a session is held in, as exports write it: frab's and pretalx's ``<language>de, en</language>``, a
CSV's "Language" column ("English", "en-US", "Deutsch"). Read as lower-case ISO 639-1 codes, so a filter and a query
("talks in English") compare codes whatever the export wrote."""

from __future__ import annotations

import re

# code -> the name the page shows, and the names people and exports write for it (English and the language's own)
LANGUAGES = {
    "en": ("English", "english", "englisch", "anglais", "inglés", "ingles", "inglese"),
    "de": ("German", "german", "deutsch", "allemand", "alemán", "aleman", "tedesco"),
    "fr": ("French", "french", "français", "francais", "französisch", "franzosisch", "francés", "frances"),
    "es": ("Spanish", "spanish", "español", "espanol", "spanisch", "castellano"),
    "it": ("Italian", "italian", "italiano", "italienisch"),
    "pt": ("Portuguese", "portuguese", "português", "portugues", "portugiesisch"),
    "nl": ("Dutch", "dutch", "nederlands", "niederländisch", "niederlandisch"),
    "pl": ("Polish", "polish", "polski", "polnisch"),
    "ru": ("Russian", "russian", "русский", "russisch"),
    "uk": ("Ukrainian", "ukrainian", "українська", "ukrainisch"),
    "ja": ("Japanese", "japanese", "日本語", "japanisch"),
    "zh": ("Chinese", "chinese", "中文", "chinesisch"),
}
_THREE_LETTERS = {"eng": "en", "deu": "de", "ger": "de", "fra": "fr", "fre": "fr", "spa": "es", "ita": "it", "por": "pt",
                  "nld": "nl", "dut": "nl", "pol": "pl", "rus": "ru", "ukr": "uk", "jpn": "ja", "zho": "zh", "chi": "zh"}
BY_NAME = {name: code for code, names in LANGUAGES.items() for name in names[1:]} | _THREE_LETTERS
_CODE = re.compile(r"^([a-z]{2,3})(?:[-_][a-z0-9]{2,8})*$")  # "en", "en-US", "pt_BR", "deu"
_SEPARATORS = re.compile(r"\s*(?:[,;/|+&]|\band\b|\bund\b)\s*")


def language_codes(value: str) -> tuple[str, ...]:
    """The codes ``value`` names, in its order: "de, en" -> ("de", "en"); "English" -> ("en",); "en-US" -> ("en",).
    A value that is neither a code nor a known name is kept lower-cased: the filter still offers it."""
    codes = []
    for part in _SEPARATORS.split(value.strip().lower()):
        if not part:
            continue
        code = _CODE.match(part)
        codes.append(BY_NAME.get(part) or (code.group(1) if code else part))
    return tuple(dict.fromkeys(codes))


def language_name(code: str) -> str:
    """How the page names a code: "en" -> "English"; an unknown one as written ("tlh")."""
    return LANGUAGES[code][0] if code in LANGUAGES else code
