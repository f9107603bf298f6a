"""What the page and the API do, as plain typed functions of an index snapshot that return data.

Nothing here knows Gradio or HTML: ``helper.web.render`` turns these results into safe HTML, and
``helper.web.page`` wires them to the page. Tests call these functions directly.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date, datetime, timedelta
from typing import Mapping, NamedTuple

import numpy as np
import pandas as pd

from helper.agenda.languages import LANGUAGES, language_name
from helper.search.examples import Examples
from helper.search.examples import example_queries as example_queries_of
from helper.search.filters import (
    NEXT_HOURS, PUBLIC, WINDOW_ANY, WINDOW_NEXT, WINDOW_RANGE, Choice, Columns, FilterError, clock_minute, columns_of, hides_ended,
)
from helper.search.index import Hit, SearchIndex, fills_only
from helper.search.language_words import named_language
from helper.search.names import asked_organisation, name_typed
from helper.search.plan import Slot, best_plan_once_each
from helper.search.ranking import NOTHING_CLOSE, far_from_query, worth_planning
from helper.search.room_words import named_room
from helper.search.session_kinds import kinds_shown
from helper.search.schedule import agenda_day, badge, is_running, now_and_next, timeliness
from helper.search.tokens import query_terms
from helper.search.when_words import LUNCH, PARTS, NamedWhen, day_not_held, named_when, names_no_topic
from helper.web import links

HINT = "Type what you care about — a topic, a tool, a speaker's name — and press Enter."
PLAN_NEEDS_A_TOPIC = "Your query names no topic, so there is nothing to choose among sessions by: add one to plan (“security after lunch”)."
MAX_GAP_MINUTES = 240
ENDED_HIDDEN = "Sessions that have already ended are hidden."
KIOSK_KEEPS_NO_PICKS = "This shared screen keeps no one's picks: open your picks link on your own phone or laptop."
MAX_TOP_K = 50
RESULTS = 3  # the sessions a search shows


@dataclass
class Results:
    """What the page shows for a search or a single session: notes (plain text) above the cards, then the hits."""

    query: str = ""  # what was searched ("": nothing was)
    hits: list[Hit] = field(default_factory=list)  # best first, each with its why
    notes: list[str] = field(default_factory=list)
    nothing_close: bool = False  # even the best hit is far from the query
    similar: list[list[Hit]] = field(default_factory=list)  # per hit: "more like this"
    badges: list[str] = field(default_factory=list)  # per hit: "happening now", "starts in 15 min", ...
    narrowed: bool = False  # the query named the time or room searched ("this afternoon", "in Saal 1": ``read_filters``)
    listing: bool = False  # the query named no topic ("talks tonight"): the sessions there and then, by start, not by score

    @property
    def ids(self) -> list[str]:
        return [h.id for h in self.hits]


@dataclass
class Link:
    """What a page address (deep link) asks for, fitted to the agenda, and what it shows."""

    query: str = ""
    choice: Choice = field(default_factory=Choice)
    session_id: str = ""
    results: Results | None = None  # None: a plain visit, nothing to show
    plan: Plan | None = None  # the address asked for a plan (``plan=1``): shown instead of the results' cards


@dataclass
class NowNext:
    now: datetime
    running: list[Hit]
    upcoming: list[Hit]
    badges: dict[str, str]  # session id -> badge


@dataclass
class Picks:
    hits: list[Hit]  # in time order
    badges: dict[str, str]
    conflicts: dict[str, list[str]]  # session id -> titles of the picks it overlaps


def nothing_close(index: SearchIndex, cleaned: str, hits: list[Hit]) -> bool:
    """Whether even the best of a query's hits is no answer: far from the query (``far_from_query``, with the higher bar
    when the hits hold no word of it), or the query is a name nobody on the agenda has. Judged only for the hybrid."""
    if not hits or index.method != "hybrid":
        return False
    held = index.holds(cleaned, hits)
    return far_from_query(hits[0].score, held) or index.names_nobody(cleaned, hits, held)


def answers(index: SearchIndex, cleaned: str, hits: list[Hit]) -> list[bool]:
    """Per hit (best first): whether the page shows it as an answer to the query, neither under "nothing close" nor a
    place that only fills (``fills_only``). The API and the CLI give it as each result's ``close``."""
    if nothing_close(index, cleaned, hits):
        return [False] * len(hits)
    return [not filler for filler in fills_only(hits)] if index.method == "hybrid" else [True] * len(hits)


def read_filters(index: SearchIndex, cleaned: str, choice: Choice, now: datetime) -> tuple[str, Choice, str]:
    """The time (``read_when``), the room (``read_room``) and the language (``read_language``) the query names, as the
    filters where they are open: the query to search, the filters, and the note that says so ("" when it names none)."""
    cleaned, choice, language_note = read_language(index, cleaned, choice)
    cleaned, choice, time_note = read_when(index, cleaned, choice, now)
    cleaned, choice, room_note = read_room(index, cleaned, choice)
    return cleaned, choice, " ".join(filter(None, [time_note, room_note, language_note]))


def read_language(index: SearchIndex, cleaned: str, choice: Choice) -> tuple[str, Choice, str]:
    """A language the query asks for ("security talks in English", ``named_language``) as the Language filter, when
    none is chosen and the agenda says which language its sessions are held in. One it gives no session in ("QGIS talks
    in Italian" at FOSS4G, all in English) is read away, since left in the query its words lift whatever mentions
    Italy, and the page says so; the rest of the query is answered in the languages the agenda has."""
    if choice.language or not cleaned or not index.languages:
        return cleaned, choice, ""
    named = named_language(cleaned, LANGUAGES)
    if named is None:
        return cleaned, choice, ""
    name = language_name(named.code)
    if named.code not in index.languages:
        offered = " and ".join(language_name(code) for code in index.languages)
        return named.query, choice, f"No session of this agenda is given in {name} (“{named.words}”): its sessions are in {offered}."
    return named.query, choice.replace(language=named.code), f"Sessions in {name} only: the language your query names (“{named.words}”)."


def read_room(index: SearchIndex, cleaned: str, choice: Choice) -> tuple[str, Choice, str]:
    """A room the query names ("keynote in the Auditorium", ``named_room``) as the Room filter, when none is chosen."""
    if choice.room or not cleaned:
        return cleaned, choice, ""
    named = named_room(cleaned, [value for _label, value in index.filter_options.get("room", []) if value])
    if named is None:
        return cleaned, choice, ""
    return named.query, choice.replace(room=named.room), f"Sessions in {named.room} only: the room your query names (“{named.words}”)."


def read_when(index: SearchIndex, cleaned: str, choice: Choice, now: datetime) -> tuple[str, Choice, str]:
    """The time the query names (``named_when``: "keynote on Thursday", "talks this afternoon", "what's on now") as the
    Day filter and the Time window, where the filters leave them open: the query to search (without the time's words),
    the filters, and the note that says so ("" when it names no time)."""
    if not cleaned:
        return cleaned, choice, ""
    days = [date.fromisoformat(value) for _label, value in index.filter_options.get("day", []) if value]
    running = is_running(index.sessions, now, index.span)
    today = agenda_day(now.astimezone(index.agenda.tz), index.agenda.day_begins)
    lunch = lambda day: index.lunches.get(day) or index.lunches.get(None) or LUNCH  # noqa: E731
    if days and (away := day_not_held(cleaned, days, today, index.words().declares)):
        rest, words, day = away
        rest, choice, note = read_when(index, rest, choice, now)
        said = f"Nothing is on {words} ({day:%a %d %b}): the conference {_runs(days, today)}." if day else (
            f"Nothing is on {words}: the conference {_runs(days, today, whole=True)}.")
        return rest, choice, " ".join(filter(None, [said, note]))
    named = named_when(cleaned, days, today, index.words().declares, running, lunch)
    if named is None and not running and days:
        return not_on_now(cleaned, named_when(cleaned, days, today, index.words().declares, True, lunch), days, today, choice)
    if named is None or ((named.day or named.next) and choice.day):
        return cleaned, choice, ""
    if (any(named.hours) or named.now or named.next) and choice.window != WINDOW_ANY:  # the filters chosen win
        return cleaned, choice, ""
    if named.next:
        return read_next(index, cleaned, named, choice, now)
    changes: dict[str, str] = {}
    said = []
    if named.day:
        changes["day"] = named.day.isoformat()
        said.append(f"on {named.day:%a %d %b}")
    if any(named.hours):
        start, end = named.hours
        changes.update(window=WINDOW_RANGE, time_from=start, time_until=end)
        said.append(f"starting in the {named.part} ({hours_text(start, end)})" if named.part else f"starting {hours_text(start, end)}")
    if named.now:
        changes["window"] = WINDOW_NEXT
        said.append(f"on now or starting in the next {NEXT_HOURS} hours")
    what = "day" if list(changes) == ["day"] else "time"
    note = f"Sessions {' '.join(said)} only: the {what} your query names (“{named.words}”)."
    return named.query, choice.replace(**changes), note


def not_on_now(cleaned: str, named: NamedWhen | None, days: list[date], today: date, choice: Choice) -> tuple[str, Choice, str]:
    """"what's on now" while the conference is not on: "now" read away (the rest of the query is answered over every day),
    and the note says when it runs. ``named``: the query read as if the conference were on."""
    if named is None or not named.now or choice.window != WINDOW_ANY:
        return cleaned, choice, ""
    return named.query, choice, f"Nothing is on now (“{named.words}”): the conference {_runs(days, today)}."


def _runs(days: list[date], today: date, whole: bool = False) -> str:
    """When the conference of ``days`` is, seen from ``today``: "starts on Mon 07 Jun 2021", "ran from … to …", "runs
    until …"; ``whole``: from its first day to its last, whenever today is."""
    first, last = min(days), max(days)
    if whole:
        return f"{'ran' if today > last else 'runs'} from {first:%a %d %b} to {last:%a %d %b %Y}"
    if today < first:
        return f"starts on {first:%a %d %b %Y}"
    return f"ran from {first:%a %d %b} to {last:%a %d %b %Y}" if today > last else f"runs until {last:%a %d %b %Y}"


def read_next(index: SearchIndex, cleaned: str, named: NamedWhen, choice: Choice, now: datetime) -> tuple[str, Choice, str]:
    """"what's next", "next talk on security": the sessions from the next start on, that day (one already running is not
    next); when nothing starts later today, the next day with sessions. Unread when nothing starts after ``now``."""
    _running, upcoming = now_and_next(index.sessions, now, index.columns.times)
    if not upcoming:
        return cleaned, choice, ""
    starts = index.sessions["start"].iat[upcoming[0]].astimezone(index.agenda.tz)
    day = agenda_day(starts, index.agenda.day_begins)
    if day == agenda_day(now.astimezone(index.agenda.tz), index.agenda.day_begins):
        changes = {"day": day.isoformat(), "window": WINDOW_RANGE, "time_from": f"{starts:%H:%M}", "time_until": ""}
        said = f"on {day:%a %d %b} starting from {starts:%H:%M}"
    else:
        changes, said = {"day": day.isoformat()}, f"on {day:%a %d %b}, the next day with sessions,"
    return named.query, choice.replace(**changes), f"Sessions {said} only: what starts next (“{named.words}”)."


def at_that_time(index: SearchIndex, cleaned: str, choice: Choice, now: datetime, k: int, read_note: str) -> Results:
    """A query that names only a time or room ("talks tonight", "what's on now in Saal 1"): the first ``k`` sessions
    there and then, by start time."""
    hits, count = listed(index, choice.mask(index.columns, now), k)
    shown = f"the first {len(hits)} of the {count} sessions" if count > k else f"the {_count(count, 'session')}"
    notes = [read_note] + ([f"Your query names no topic: {shown}, by start time. Add a topic to choose among them."] if hits else [])
    if hides_ended(index.columns, choice, now) and choice.window != WINDOW_NEXT:
        notes.append(ENDED_HIDDEN)
    similar = [index.more_like_this(h.id) for h in hits]
    return Results(cleaned, hits, notes, similar=similar, badges=[badge(h.start, h.end, now) for h in hits], narrowed=True, listing=True)


def listed(index: SearchIndex, mask: np.ndarray | None, k: int) -> tuple[list[Hit], int]:
    """The first ``k`` sessions under ``mask`` by start time (then room), score 0: what a query that names no topic
    answers on the page, in the API and in the CLI; and how many there are."""
    times = index.columns.times
    rows = np.flatnonzero(times.timed if mask is None else mask & times.timed)
    rooms = index.sessions["room"].to_numpy()
    order = index.listed_once(sorted(rows, key=lambda row: (times.start[row], rooms[row])))
    return [index.hit(int(row), 0.0, rank) for rank, row in enumerate(order[:k], start=1)], len(order)


def hours_text(start: str, end: str) -> str:
    return f"{start}–{end}" if start and end else f"from {start}" if start else f"before {end}"


def when_named(choice: Choice) -> str:
    """What the Time window of a query's reading says, as the CLI's JSON gives it: a part of the day ("afternoon"),
    "now", the hours typed ("from 15:00", "before 10:30", "14:00–16:00"), or ""."""
    if choice.window == WINDOW_NEXT:
        return "now"
    if choice.window != WINDOW_RANGE:
        return ""
    hours = (choice.time_from, choice.time_until)
    return next((part for part, span in PARTS.items() if span == hours), hours_text(*hours))


def without_ended_times(index: SearchIndex, hits: list[Hit], now: datetime) -> list[Hit]:
    """``hits`` naming only the other times of their session (``Hit.also_at``) that have not ended, as the page hides ended
    sessions while the conference runs."""
    live = index.columns.times.not_ended(now)
    return [replace(h, also_at=tuple(o for o in h.also_at if live[index.row_of(o.id)])) if h.also_at else h for h in hits]


def search(index: SearchIndex, query: str, choice: Choice, now: datetime, k: int = RESULTS) -> Results:
    """The cards for a query under the filters beside the box (and the day it names); badges say what is on now or soon."""
    cleaned = index.clean_query(query or "")
    if not cleaned:
        return Results(notes=[HINT])
    cleaned, choice, read_note = read_filters(index, cleaned, choice, now)
    if read_note and names_no_topic(cleaned):
        return at_that_time(index, cleaned, choice, now, k, read_note)
    nudge = timeliness(index.columns.times, ranking_clock(index, choice, now))
    hits = index.search_one(cleaned, k, choice.mask(index.columns, now), explain=True, cleaned=True, nudge=nudge)
    if hides_ended(index.columns, choice, now):
        hits = without_ended_times(index, hits, now)
    notes = [read_note] if read_note else []
    notes += word_notes(index, cleaned)
    if index.method == "hybrid" and any(far := fills_only(hits)):
        hits = [h for h, filler in zip(hits, far) if not filler]
        notes.append(f"Only {_count(len(hits), 'session')} {'is' if len(hits) == 1 else 'are'} close to “{cleaned}”.")
    if hides_ended(index.columns, choice, now) and choice.window != WINDOW_NEXT:
        notes.append(ENDED_HIDDEN)
    if len(" ".join(query.split())) > index.max_query_chars:
        notes.append(f"Your query was long, so only its first {index.max_query_chars} characters were used.")
    far = nothing_close(index, cleaned, hits)
    return Results(
        query=cleaned,
        hits=hits,
        notes=notes + why_nothing_close(index, cleaned, hits, far),
        nothing_close=far,
        similar=[index.more_like_this(h.id) for h in hits],
        badges=[badge(h.start, h.end, now) for h in hits],
        narrowed=bool(read_note),
    )


def why_nothing_close(index: SearchIndex, cleaned: str, hits: list[Hit], far: bool) -> list[str]:
    """Why nothing is close (``far``), where the query says enough to tell: it asks only for someone from an
    organisation no speaker is listed from and no session names ("someone from Vanderbilt" on the sample), or it is
    typed as the name of someone no session lists or mentions ("Tamara Munzner" at VIS 2018)."""
    if not far or any(h.why.name for h in hits):
        return []
    asked = asked_organisation(cleaned)
    return _nobody_from(index, cleaned, asked) if asked else _nobody_named(index, cleaned, hits)


def _nobody_from(index: SearchIndex, cleaned: str, organisation: str) -> list[str]:
    lexical = index.words()
    if lexical.framed_organisations(cleaned) or lexical.sessions_with_all(query_terms(organisation)).size:
        return []
    if lexical.lists_organisations():
        return [f"No speaker of this agenda is listed as from “{organisation}”, and no session mentions it."]
    return [f"This agenda does not list its speakers' organisations, and no session mentions “{organisation}”."]


def _nobody_named(index: SearchIndex, cleaned: str, hits: list[Hit]) -> list[str]:
    lexical = index.words()
    if not index.names_nobody(cleaned, hits) or lexical.sessions_with_all(query_terms(cleaned)).size:
        return []
    name = name_typed(cleaned)
    if lexical.lists_speakers():
        return [f"No speaker of this agenda is named “{name}”, and no session mentions the name."]
    return [f"This agenda does not list its speakers, and no session mentions “{name}”."]


def word_notes(index: SearchIndex, cleaned: str) -> list[str]:
    """What the page and the CLI say of how the query's words were read: slips mended ('Read “trackng” as
    “tracking”…'), a kind of session the agenda has none of ("workshop on PostGIS" at a conference of talks), and a
    level no session says it is of ("… for beginners")."""
    read = index.speller.read_as(cleaned)
    absent = index.words().absent_kinds(read)
    notes = [index.speller.note(cleaned), index.abbreviations.note(read), *(f"This agenda lists no {kinds}." for kinds in dict.fromkeys(kinds_shown(w) for _s, _e, w in absent))]
    unheld = index.words().absent_levels(read)
    notes += [f"No session of this agenda says it is {level}: these are the closest on the topic." for level in unheld]
    return [note for note in notes if note]


def session(index: SearchIndex, session_id: str, now: datetime) -> Results:
    """One session as a card (deep link ``?session=ID``)."""
    hit = index.session(session_id)
    if hit is None:
        return Results(notes=[f"No session has the id {session_id}. It may have been removed from the agenda."])
    return Results(hits=[hit], badges=[badge(hit.start, hit.end, now)])


def open_link(index: SearchIndex, params: Mapping[str, str], now: datetime, k: int = RESULTS, picks: list[str] | None = None) -> Link:
    """A visit to a page address: its query, filters or session, run on this agenda; with ``plan=1``, the query's
    plan around ``picks``. Filter values the agenda does not offer are dropped with a note naming each; the query
    still runs."""
    query, choice, session_id = links.from_params(params)
    if not (query or session_id or not choice.is_default()):
        return Link()
    choice, problems = links.fit_to_agenda(choice, index.filter_options)
    try:
        results = session(index, session_id, now) if session_id else search(index, query, choice, now, k)
    except FilterError as exc:  # e.g. a range that ends before it starts: say so, and show the plain page
        problems.append(f"This link could not be opened as it is: {exc.line()}")
        query, choice, session_id = "", Choice(), ""
        results = search(index, "", choice, now, k)
    results.notes = problems + results.notes
    found = None
    if links.wants_plan(params) and results.query and not session_id:
        found = plan_my_day(index, query, choice, now, picks)
        found.notes = problems + found.notes
    return Link(query, choice, session_id, results, found)


def now_next(index: SearchIndex, now: datetime) -> NowNext:
    """What's on now and what starts next, at the page's clock."""
    running, upcoming = now_and_next(index.sessions, now, index.columns.times)
    running, upcoming = index.listed_once(running), index.listed_once(upcoming)
    shown = [index.hit(row) for row in running + upcoming]
    return NowNext(now, shown[: len(running)], shown[len(running) :], {h.id: badge(h.start, h.end, now) for h in shown})


def picks(index: SearchIndex, ids: list[str] | None, now: datetime) -> Picks:
    """The starred sessions in time order, each overlap flagged as a conflict; ids the agenda lost are left out."""
    hits = [h for h in (index.session(i) for i in dict.fromkeys(ids or [])) if h is not None]
    hits.sort(key=lambda h: (h.start is None, h.start or now, h.title))
    return Picks(hits, {h.id: badge(h.start, h.end, now) for h in hits}, conflicts(hits))


def conflicts(hits: list[Hit]) -> dict[str, list[str]]:
    """For each session, the titles of the other sessions whose time overlaps it."""
    out: dict[str, list[str]] = {}
    for a in hits:
        for b in hits:
            if a.id == b.id or a.start is None or b.start is None:
                continue
            a_end, b_end = a.end or a.start, b.end or b.start
            if a.start < b_end and b.start < a_end:
                out.setdefault(a.id, []).append(b.title)
    return out


@dataclass
class PicksLink:
    """My picks after taking in a ``?picks=`` link: the stored ones first, then the link's new ones."""

    picks: list[str]
    added: int  # sessions the link brought that were not picked yet
    notes: list[str]  # plain text: what was added, what was left out and why


MAX_LINK_PICKS = 100
_MAX_ID_COMMAS = 8  # an agenda id may itself hold a comma: join at most this many pieces to find it


def picks_from_link(index: SearchIndex, value: str, stored: list[str] | None = None) -> PicksLink:
    """Take in the picks of a ``?picks=ID,ID`` link: ids this agenda has join ``stored``; ids it does not have
    (an edited, foreign or hostile link) are left out with a note naming them; at most MAX_LINK_PICKS are read."""
    stored = list(dict.fromkeys(stored or []))
    pieces = str(value or "").split(",")[: MAX_LINK_PICKS * 4]
    found, unknown, i = [], [], 0
    while i < len(pieces):
        j = next((j for j in range(min(len(pieces), i + _MAX_ID_COMMAS), i, -1) if index.row_of(",".join(pieces[i:j])) is not None), None)
        if j is None:
            if pieces[i].strip():
                unknown.append(pieces[i].strip())
            i += 1
        else:
            found.append(",".join(pieces[i:j]).strip())
            i = j
    found = list(dict.fromkeys(found))
    notes = []
    if len(found) > MAX_LINK_PICKS:
        found = found[:MAX_LINK_PICKS]
        notes.append(f"This link holds more than {MAX_LINK_PICKS} picks; only the first {MAX_LINK_PICKS} were read.")
    new = [i for i in found if i not in stored]
    if new:
        notes.insert(0, f"Added {_count(len(new), 'session')} from the picks link to My picks.")
    elif found:
        notes.insert(0, f"The picks link's {_count(len(found), 'session')} {'was' if len(found) == 1 else 'were'} already in My picks.")
    if unknown:
        shown = ", ".join(f"“{u[:40]}”" for u in unknown[:3]) + (f" and {len(unknown) - 3} more" if len(unknown) > 3 else "")
        notes.append(f"This link names {_count(len(unknown), 'session')} this agenda does not have ({shown}): left out. "
                     "They may have been removed from the agenda, or the link was cut or comes from another agenda.")
    return PicksLink(stored + new, len(new), notes)


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}{'' if n == 1 else 's'}"


def set_pick(picks: list[str] | None, session_id: str, keep: bool) -> list[str]:
    """Picks after the attendee stars (``keep``) or unstars one session; the order of the others stays."""
    kept = [p for p in (picks or []) if p != session_id]
    return kept + [session_id] if keep and session_id else kept


def api_search(index: SearchIndex, query: str, top_k: int = 3, now: datetime | None = None, **filters: str) -> list[dict]:
    """The program API: the best ``top_k`` sessions as plain dicts (times in ISO 8601), under the public filters."""
    if not isinstance(top_k, int) or isinstance(top_k, bool) or not 1 <= top_k <= MAX_TOP_K:
        raise ValueError(f"top_k must be a whole number from 1 to {MAX_TOP_K}, got {top_k!r}")
    now = now or datetime.now(index.agenda.tz)
    read = public_reading(index, query, now, **filters)
    if read.listing:
        return [{**hit.to_dict(), "close": True} for hit in listed(index, read.mask, top_k)[0]]
    hits = index.search_one(read.query, top_k, read.mask, cleaned=True, nudge=timeliness(index.columns.times, read.clock))
    return [{**hit.to_dict(), "close": close} for hit, close in zip(hits, answers(index, read.query, hits))]


class Reading(NamedTuple):
    """A program's query (the API, the CLI) as searched."""

    query: str  # cleaned, without the time and room it names
    day: str  # the day it names (``read_when``, when the filters choose none), YYYY-MM-DD; "" when none
    note: str  # the note that says what it read
    mask: np.ndarray | None  # the public filters' mask, with the day, hours and room it names
    when: str = ""  # the part of the day it names ("morning", "afternoon", "evening"), "now", the hours, or ""
    listing: bool = False  # it names no topic ("talks tonight"): the sessions then by start (``listed``), not ranked
    room: str = ""  # the room it names (``read_room``, when the filters choose none); "" when none
    language: str = ""  # the language it names (``read_language``: "en"); "" when none
    clock: datetime | None = None  # when "starts soon" is measured from (``ranking_clock``; set by ``public_reading``)


def public_reading(index: SearchIndex, query: str, now: datetime, **filters: str) -> Reading:
    """``query`` and the public ``filters`` as searched: a day or room the query names is the day or room filter
    (``public_mask``), a part of the day, hours or "now" it names the Time window."""
    given = Choice(day=filters.get("day") or "", room=filters.get("room") or "")
    cleaned, choice, note = read_filters(index, index.clean_query(query or ""), given, now)
    mask = public_mask(index, now, **{**filters, "day": choice.day, "room": choice.room})
    hours = Choice(
        window=choice.window, time_from=choice.time_from, time_until=choice.time_until, show_ended=True, language=choice.language
    ).mask(index.columns, now)
    if hours is not None:
        mask = hours if mask is None else mask & hours
    day = choice.day if choice.day != given.day else ""
    room = choice.room if choice.room != given.room else ""
    listing = bool(note) and names_no_topic(cleaned)
    return Reading(cleaned, day, note, mask, when_named(choice), listing, room, choice.language, ranking_clock(index, choice, now))


def ranking_clock(index: SearchIndex, choice: Choice, now: datetime) -> datetime:
    """When the time-aware ranking measures "starts soon" from: ``now``, or, when the hours asked for ("after 3pm",
    "what's next", the Time window) open later on the day chosen, that moment: among sessions of comparable relevance
    the first to start there come first."""
    if choice.window != WINDOW_RANGE or not (choice.day and choice.time_from):
        return now
    minutes = clock_minute(choice.time_from)
    day = date.fromisoformat(choice.day) + timedelta(days=minutes < index.agenda.day_begins)  # 01:00 of a night: the next date
    opens = datetime(day.year, day.month, day.day, tzinfo=index.agenda.tz) + timedelta(minutes=minutes)
    return max(now, opens)


def public_mask(index: SearchIndex, now: datetime, **filters: str) -> np.ndarray | None:
    """The mask of the filters programs may set (``helper.search.filters.PUBLIC``: day, track, room) for the
    API and the CLI. A value the agenda does not offer is a FilterError naming the values it does offer.
    Ended sessions are not hidden: a program asks for what it wants."""
    unknown = set(filters) - {f.name for f in PUBLIC}
    if unknown:
        raise FilterError(f"unknown filter {', '.join(sorted(unknown))}", f"use one of: {', '.join(f.name for f in PUBLIC)}")
    choice = Choice(**filters, show_ended=True)
    options = index.filter_options if any(filters.values()) else {}
    for f, value in choice.outside(options):
        offered = [v for _label, v in options[f.name] if v]
        shown = ", ".join(offered[:20]) + (f", … ({len(offered)} in all)" if len(offered) > 20 else "")
        raise FilterError(f"this agenda has no {f.noun} {value!r}", f"use one of: {shown}" if offered else f"this agenda has no {f.noun}s; leave it empty")
    return choice.mask(index.columns, now)


@dataclass
class Plan:
    """A plan for a query: non-overlapping sessions of greatest total relevance around the fixed picks, by start."""

    query: str = ""
    hits: list[Hit] = field(default_factory=list)
    fixed: list[str] = field(default_factory=list)  # ids of the picks it was planned around
    notes: list[str] = field(default_factory=list)
    day: str = ""  # the day it plans (YYYY-MM-DD), "" for every day of the agenda
    day_begins: int = 0  # the agenda's day begins this many minutes after midnight (``Agenda.day_begins``)

    def to_dict(self) -> dict:
        """The JSON shape (CLI plan --json, the plan tool): result dicts as search gives them, by start time."""
        return {"query": self.query, "plan": [{**h.to_dict(), "why": h.why.to_dict(), "pick": h.id in self.fixed} for h in self.hits]}


def plan(
    index: SearchIndex, query: str, choice: Choice, now: datetime, gap_minutes: int = 0, picks: list[str] | None = None, time_from: str = "", time_until: str = ""
) -> Plan:
    """The best plan for ``query`` under ``choice``'s filters (and, while the conference runs, among sessions
    not yet ended): sessions that match it (not "nothing close"; after a first that the query's words or a name
    found, one only the model's cosine speaks for must be close: ``worth_planning``), no two overlapping with
    ``gap_minutes`` between them, greatest total relevance; ``picks`` are kept as fixed points whatever the filters.
    ``time_from`` / ``time_until`` (HH:MM): the plan starts and ends inside these hours."""
    cleaned, choice, read_note = read_filters(index, index.clean_query(query or ""), choice, now)
    if not cleaned:
        return Plan(notes=[HINT])
    if read_note and names_no_topic(cleaned):  # "talks after lunch": every session there fits alike; nothing to choose by
        return Plan(notes=[read_note, PLAN_NEEDS_A_TOPIC])
    if not isinstance(gap_minutes, int) or isinstance(gap_minutes, bool) or not 0 <= gap_minutes <= MAX_GAP_MINUTES:
        raise FilterError(f"gap {gap_minutes!r} is not a number of minutes from 0 to {MAX_GAP_MINUTES}", "give the minutes to keep free between two sessions, e.g. 10")
    where = choice.mask(index.columns, now)
    inside = within_hours(index.columns, time_from, time_until) & index.columns.times.timed
    where = inside if where is None else where & inside
    fixed = [h for h in (index.session(p) for p in dict.fromkeys(picks or [])) if h is not None and h.start is not None]
    hybrid = index.method == "hybrid"
    # hits only for candidates: none below the lower of the two bars; best first
    # each time a session is held is a candidate; the plan holds it once, at the time that fits it best
    ranked = index.search_one(cleaned, len(index.sessions), where, cleaned=True, at_least=NOTHING_CLOSE if hybrid else 0.0, each_time=True)
    if hybrid:
        held = index.holds(cleaned, ranked[:RESULTS])
        worth = worth_planning([h.score for h in ranked], [h.why.lifted for h in ranked], held)
        ranked = [] if index.names_nobody(cleaned, ranked[:RESULTS], held) else [h for h, ok in zip(ranked, worth) if ok]
    fixed_ids = {h.id for h in fixed}
    by_id = {h.id: h for h in ranked if h.id not in fixed_ids}
    slots = [Slot(h.id, h.start, h.end or h.start, h.score) for h in by_id.values()]
    session_of = lambda session_id: int(index.same_session[index.row_of(session_id)])  # noqa: E731
    chosen = best_plan_once_each(slots, [Slot(h.id, h.start, h.end or h.start, 0.0) for h in fixed], timedelta(minutes=gap_minutes), session_of)
    hits = [by_id.get(slot.key) or next(h for h in fixed if h.id == slot.key) for slot in chosen]
    notes = [read_note] if read_note else []
    notes += word_notes(index, cleaned)
    if not any(h.id in by_id for h in hits):
        notes.append(f"No session close to “{cleaned}” fits this time.")
    return Plan(cleaned, hits, [h.id for h in fixed], notes, day_begins=index.agenda.day_begins)


def plan_my_day(index: SearchIndex, query: str, choice: Choice, now: datetime, picks: list[str] | None = None) -> Plan:
    """The page's "Plan my day": ``plan`` under the page's filters, around the visitor's picks on the planned day.
    With no day chosen, while the conference runs it plans what is left of today; before or after it, every day
    (the page groups them by day)."""
    query, choice, read_note = read_filters(index, index.clean_query(query or ""), choice, now)
    if read_note and names_no_topic(query):
        return Plan(notes=[read_note, PLAN_NEEDS_A_TOPIC])
    day = choice.day
    today = agenda_day(now.astimezone(index.agenda.tz), index.agenda.day_begins)
    if not day and is_running(index.sessions, now, index.span) and (index.columns.times.day == np.datetime64(today, "D")).any():
        day = today.isoformat()
    if day:
        on_day = [(p, index.session(p)) for p in picks or []]
        picks = [p for p, h in on_day if h is not None and h.start is not None and agenda_day(h.start, index.agenda.day_begins).isoformat() == day]
    found = plan(index, query, choice.replace(day=day), now, picks=picks)
    found.day = day
    if day and not choice.day and found.query:
        found.notes.insert(0, f"Planned for today, {today:%a %d %b}: choose another day under Filters.")
    if read_note and found.query:
        found.notes.insert(0, read_note)
    return found


def within_hours(sessions: pd.DataFrame | Columns, time_from: str = "", time_until: str = "") -> np.ndarray:
    """Sessions that start at or after ``time_from`` and end by ``time_until`` (HH:MM, local), each optional."""
    times = columns_of(sessions).times
    keep = np.ones(times.size, dtype=bool)
    for text, minutes, keep_if, of_day in (
        (time_from, times.start_minute, np.greater_equal, times.minute_of_day),
        (time_until, times.finish_minute, np.less_equal, times.end_minute_of_day),
    ):
        if text:
            keep &= keep_if(minutes, of_day(clock_minute(text)))
    return keep


def agenda_summary(index: SearchIndex) -> str:
    agenda = index.agenda
    parts = [f"{agenda.source}", f"{len(agenda)} sessions"]
    span = agenda.date_range()
    if span:
        first, last = span
        parts.append(f"{first:%a %d %b}" + (f" – {last:%a %d %b %Y}" if first.date() != last.date() else f" {first:%Y}"))
        parts.append(f"times in {agenda.timezone}")
    parts.append(f"model {index.encoder.model_id.split('@')[0]}")
    return "Agenda: " + " · ".join(parts)


def example_queries(index: SearchIndex, limit: int = 6) -> Examples:
    """Examples drawn from the agenda itself (``helper.search.examples``), checked against the words it uses."""
    return example_queries_of(index.sessions, index.words().vocabulary.__contains__, limit)
