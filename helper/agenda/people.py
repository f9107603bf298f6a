"""The people of one speaker entry: some exports write a whole author list into one field.

ISMIR's Mini-Conf export writes "Ana Ruiz (UPF; Huawei)*; Tom Baker (Durham University)", EEML's "Chris Tennant1,
Adam Carpenter2 and Tom Powers". The page, the API and the name matcher all read the same split.
"""

from __future__ import annotations

import re

BRACKETS = re.compile(r"\([^)]*\)|\[[^\]]*\]")
_LIST = re.compile(r"\s*;\s*")
_COMMA_OR_AND = re.compile(r"\s*,\s*(?:and\s+)?|\s+and\s+|\s*&\s*")
_FOOTNOTE = re.compile(r"(?<=[^\W\d])\d+\b|\*")  # "Tennant1", "Rao*": affiliation marks of an author list
# DBLP's number for one of several people of the same name ("Min Chen 0001", "Bo Ma 0002"): VIS 2018's author lists
_HOMONYM = re.compile(r"\s+0\d{3}(?=\s*(?:\(|$))")
# what a bracket after a name says when it gives pronouns ("(she/her)", "(beliebig / any)", "(er)") or a role in the
# session ("(moderator)", "(remote)"), not where they are from
_NOT_AFFILIATION = frozenset("""he him his she her hers they them their it its any none er ihm ihn sein seine sie ihr es keine
    beliebig moderator moderation moderates chair co host panelist panellist speaker keynote invited remote online
    virtual in person tbc tba tbd""".split())
_SUFFIX = re.compile(r"(?:ph\.?\s?d|m\.?d|jr|sr|ii|iii|iv|m\.?sc|b\.?sc|mba)\.?", re.IGNORECASE)  # "Paweł Dębski, PhD"


def split_people(entry: str) -> list[str]:
    """Each person of ``entry`` as written, a bracketed affiliation kept ("Ana Ruiz (UPF; Huawei)"), an author list's
    footnote marks and DBLP's homonym numbers ("Min Chen 0001") dropped. A separator inside brackets never splits; a comma or "and" splits only when every part is
    a full name, so "Baker, Tom" stays one person."""
    masked = BRACKETS.sub(lambda m: "\0" * len(m.group()), entry)  # same length: positions hold in ``entry``
    pattern = _LIST if ";" in masked else _COMMA_OR_AND
    bounds = [0] + [i for m in pattern.finditer(masked) for i in m.span()] + [len(entry)]
    parts: list[str] = []
    for a, b in zip(bounds[::2], bounds[1::2]):
        if parts and _SUFFIX.fullmatch(entry[a:b].strip()):
            parts[-1] += ", " + entry[a:b].strip()
        else:
            parts.append(entry[a:b])
    if len(parts) > 1 and all(len(BRACKETS.sub(" ", p).split()) >= 2 for p in parts if p.strip()):
        return [p for p in (_HOMONYM.sub("", " ".join(_FOOTNOTE.sub(" ", part).split())).strip(" ,;") for part in parts) if p]
    whole = _HOMONYM.sub("", " ".join(entry.replace("*", " ").split())).strip(" ,;")
    return [whole] if whole else []


def affiliations_of(person: str) -> list[str]:
    """What the bracket closing one person's entry says they are besides their name: affiliations ("Tom Baker (Durham
    University)", "Ana Ruiz (UPF; Huawei)"; "(… Technology (AIST))" is also read as "AIST") or a handle ("(cyanpencil)").
    Not pronouns ("(she/her)", "(beliebig / any)"), a role ("(moderator)", "(remote)"), footnote numbers ("(1, 2)"), nor
    a nickname inside the name ("Zhu (Drew) Zhang")."""
    text = person.rstrip(" *")
    if not text.endswith(")"):
        return []
    depth = 0
    for start in range(len(text) - 1, -1, -1):
        depth += {")": 1, "(": -1}.get(text[start], 0)
        if depth == 0:
            break
    inside = text[start + 1 : -1] if depth == 0 and start > 0 else ""
    words = re.findall(r"[^\W\d_]{2,}", inside.lower())
    if "/" in inside or not words or set(words) <= _NOT_AFFILIATION:
        return []
    parts = [" ".join(part.split()) for part in inside.split(";")]
    short = [m.group(1).strip() for part in parts if (m := re.search(r"\(([^()]+)\)$", part))]  # "(AIST)": its short name
    return [part for part in parts + short if part]
