"""Kinds of session an attendee asks for by name: "workshop on PostGIS", "keynotes", "a tutorial about QGIS".

A session is of a kind when its title, tags or track say so ("Keynote", a pretalx type "Workshop"), or when its
abstract calls the session one: "In this hands-on workshop …", "Our panel brings together …". An abstract that
names a kind in passing ("… last year's FOSS4G workshop", "… used in several workshops") does not make the session
one, so the lexical rules do not count that mention (``helper.search.lexical``). And a kind no session of the
agenda is asks for nothing the agenda has: the query is read without it, so "workshop on PostGIS" on an agenda of
talks finds the PostGIS talks, not a talk that once mentions a workshop (docs/quality.md, "A kind of session asked for").
"""

from __future__ import annotations

import re

from helper.agenda.text import fold
from helper.search.tokens import STOPWORDS, cut_out

# Not "talk", "session", "presentation" (stop words: every session is one) nor "demo" (a talk's "live demo" is content
# as often as a kind).
KINDS = ("workshop", "tutorial", "keynote", "panel", "poster", "lecture", "seminar", "hackathon", "meetup", "bof", "masterclass",
         "lightning")
KIND_WORDS = frozenset((*KINDS, *(k + "es" if k.endswith("s") else k + "s" for k in KINDS)))
_SHOWN = {"lightning": "lightning talks", "bof": "BoFs", "masterclass": "masterclasses"}
_KIND = "(" + "|".join(KINDS) + r")\b"  # a session is one workshop: "the tutorials are interactive" are a product's
# "this workshop", "In this ninety-minute workshop", "our panel", "dieser Workshop"; or opening a sentence with "the":
# "The workshop covers …", "Im Workshop lernt ihr …", "Der perfekte Workshop für …" (mid-sentence, "the workshop" is as
# often another one: "… presented at the workshop")
_CALLS_ITSELF = re.compile(
    r"(?:\b(?:this|our|dies(?:e[mnrs]?)?|unser(?:e[mnrs]?)?)|(?:^|[.!?:]\s+)(?:in\s+)?(?:the|der|die|das|dem|im))\s+(?:[\w-]+\s+){0,2}?" + _KIND,
    re.I,
)


def passing_kinds(abstract_words: set[str], abstract: str, kind_words: frozenset[str] = KIND_WORDS) -> set[str]:
    """The kind words (folded) an abstract uses without calling its own session one."""
    named = abstract_words & kind_words
    if not named:
        return set()
    return named - {word.lower() for word in _CALLS_ITSELF.findall(abstract)}


def kinds_shown(word: str) -> str:
    """A kind word as a note names the kind: "workshop" and "workshops" -> "workshops", "bof" -> "BoFs"."""
    kind = next((k for k in KINDS if word in (k, k + "s", k + "es")), word)
    return _SHOWN.get(kind, kind + "s")


_TOKEN = re.compile(r"[\w-]+")
_PUNCTUATION = re.compile(r"[^\w\s-]")  # "Workshop: QGIS" ends the request as a stop word does
_ARTICLES = frozenset({"a", "an", "the", "any", "some"})
_AFTER = frozenset({"talk", "talks", "session", "sessions", "discussion", "discussions"})  # "lightning talks", "panel discussion"
_CONNECTING = frozenset({"on", "about", "for", "regarding", "covering", "concerning", "of", "in", "with"})
_ENDS_REQUEST = STOPWORDS | _AFTER


def asked_kinds(text: str) -> list[tuple[int, int, str]]:
    """Where a query asks for a kind of session: (start, end, the kind word folded), the span with an article before it
    ("a workshop") and a connecting word after it ("workshop on", "lightning talks about"). A kind word asks for a kind
    when it ends the query or a stop word or a mark follows it ("workshop on PostGIS", "PostGIS tutorial", "keynote
    speakers", "Workshop: QGIS"); followed by a word of its own it is part of a topic ("panel data", "movie poster
    generation")."""
    tokens = [(m.start(), m.end(), fold(m.group())) for m in _TOKEN.finditer(text)]
    asked = []
    for i, (start, end, word) in enumerate(tokens):
        after = tokens[i + 1 :]
        if word not in KIND_WORDS:
            continue
        if after and after[0][2] not in _ENDS_REQUEST and not _PUNCTUATION.search(text, end, after[0][0]):
            continue
        if i and tokens[i - 1][2] in _ARTICLES:
            start = tokens[i - 1][0]
        if after and after[0][2] in _AFTER:
            end, after = after[0][1], after[1:]
        if after and after[0][2] in _CONNECTING:
            end = after[0][1]
        asked.append((start, end, word))
    return asked


def without_kinds(text: str, spans: list[tuple[int, int, str]]) -> str:
    """``text`` without the kind requests ``spans`` (``asked_kinds``); as typed when nothing else is left ("workshops")."""
    return (cut_out(text, [(start, end) for start, end, _word in spans]) or text) if spans else text


# "research on X", "papers about X", "anything about X", "Vorträge über X": what every session of the agenda is, then the subject
_LEAD_IN = re.compile(
    r"^\s*(?:(?:any|some)\s+)?(?:(?:good|great|interesting|relevant)\s+)?(?:research|work|studies|study|papers?|talks?|sessions?|presentations?|anything|something"
    r"|vorträge|vortrag|veranstaltungen|etwas)"
    r"\s+(?:on|about|into|regarding|concerning|around|related\s+to|über|ueber|zu|zum|zur)\s+(?=\w)",
    re.I,
)
# A question or request around the subject, as people type into a search box and assistants pass on: "what should I see
# about X", "I'm interested in X", "are there any talks on X?", "recommend sessions about X", "where can I learn about X".
# Only the asking goes; "talks on", "papers about" after it are _LEAD_IN's. A kind of session asked for stays ("is there
# a workshop on X": helper.search.session_kinds.asked_kinds).
_ASKING = re.compile(
    r"^\s*(?:(?:hi|hey|hello|please)[\s,!]+)*(?:"
    r"what\s+(?:should|could|can|shall|do|would)\s+(?:i|we|you)\s+(?:recommend\s+(?:i|we)\s+)?(?:see|attend|watch|visit|hear|go\s+to|check\s+out)"
    r"|what(?:'s|\s+is|\s+are)\s+(?:there|good|worth\s+(?:seeing|attending|watching))"
    r"|(?:is|are)\s+there"
    r"|(?:do|does)\s+(?:you|the\s+(?:agenda|conference|programme|program|schedule))\s+have"
    r"|(?:(?:i|we)(?:'m|'re|\s+am|\s+are)\s+)?(?:(?:really|very|mostly|mainly)\s+)?(?:interested\s+in|looking\s+for|curious\s+about)"
    r"|(?:i|we)(?:'d|\s+would)?\s+(?:like|want|wanna|need)(?:\s+to\s+(?:learn|know|hear|see|find\s+out)(?:\s+more)?)?"
    r"|where\s+can\s+(?:i|we)\s+(?:learn|hear|find\s+out)(?:\s+more)?"
    r"|(?:(?:can|could|would)\s+you\s+(?:please\s+)?)?(?:show|find|recommend|suggest|give|list|get)(?:\s+(?:me|us))?"
    r"|(?:tell|teach)\s+(?:me|us)|help\s+(?:me|us)\s+find"
    # German, as 38C3's attendees ask: "gibt es Vorträge über …", "ich interessiere mich für …", "zeig mir …"
    r"|(?:gibt\s+es|habt\s+ihr|hast\s+du)(?:\s+(?:hier|auch|noch|heute|morgen))*(?:\s+(?:etwas|was|irgendwas|vorträge|talks|sessions|veranstaltungen))?"
    r"|(?:ich\s+)?interessiere\s+mich\s+(?:für|fuer)|(?:ich\s+)?(?:suche|möchte\s+etwas\s+lernen|will\s+etwas\s+lernen)"
    r"|zeig(?:e|t)?\s+(?:mir|uns)(?:\s+(?:etwas|was|vorträge|talks|sessions))?"
    r")(?:\s+(?:any|some|a|an|the|good|great|interesting|relevant|einen|eine|ein|gute|interessante))*"
    r"(?:\s+(?:about|on|regarding|concerning|for|related\s+to|über|ueber|zu|zum|zur|rund\s+um))?\s+(?=\w)",
    re.I,
)


def asking(text: str) -> tuple[int, int] | None:
    """Where a query asks for its subject (``_ASKING``: "what should I see about …"), as (start, end), or None."""
    found = _ASKING.match(text)
    return found.span() if found else None


# "misinformation papers", "Data Engineering sessions" (not "lightning talks", "poster sessions": a kind, read as one;
# nor "Lee's talk": whose, not what)
_TRAILING = re.compile(r"(?<!['’])\b(?P<before>[\w-]+)\s+(?:papers?|talks?|sessions?|presentations?)\s*$", re.I)


def without_framing(text: str) -> str:
    """``text`` without the words around its subject that say what every session is: a lead-in ("research on graph
    learning" -> "graph learning") and a trailing "papers", "talks" or "sessions" ("misinformation papers")."""
    text = _LEAD_IN.sub("", text, count=1)
    trailing = _TRAILING.search(text)
    return text[: trailing.end("before")] if trailing and fold(trailing["before"]) not in KIND_WORDS else text


# Words around the subject that say how recent, how general or how appealing the wanted sessions are, not what they
# are about: "latest bandits", "recent advances in bandits", "the future of bandits", "an overview of bandits",
# "bandits in practice", "cool bandit talks", "bandits stuff". A word no session holds weighs as the query's rarest
# and switches the lift of the subject's own words off (docs/quality.md, "Words that only qualify").
_QUALIFYING = re.compile(
    r"^\s*(?:(?:the|some|any)\s+)?(?:(?:latest|newest|recent|current|cool|interesting|exciting|awesome|fun)\s+)+"
    r"(?:(?:advances|developments|progress|trends|work|research|results|news)\s+(?:in|on|of|about|around)\s+)?"
    r"|^\s*(?:(?:the|some|any|an?)\s+)?(?:advances|developments|progress|trends|news|overview|future)\s+(?:in|on|of)\s+"
    r"|\s+(?:in\s+practice|in\s+the\s+real\s+world|stuff|things)\s*$",
    re.I,
)


def qualifying(text: str) -> list[tuple[int, int]]:
    """Where a query says how recent, general or appealing the sessions it wants are (``_QUALIFYING``): (start, end)."""
    return [(m.start(), m.end()) for m in _QUALIFYING.finditer(text) if m.end() > m.start()]

