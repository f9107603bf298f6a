"""Who a query names: speakers and organisations, matched accent-, case- and typo-tolerantly.

Names carry no meaning for the embedding model, so they are matched as words. A session's strength for a query
is the best share of one of its names' words that the query holds, counted only when one of the held words is
*distinctive* (not the agenda's topic vocabulary, so "data" never names the "Data Science Institute").
"""

from __future__ import annotations

import re
from typing import Callable, Iterable, Sequence

import numpy as np
import scipy.sparse as sp

from helper.agenda.people import BRACKETS, affiliations_of, split_people
from helper.agenda.text import fold
from helper.search.session_kinds import KIND_WORDS
from helper.search.tokens import STOPWORDS, words

TYPO_MIN_LETTERS = 3  # a query word this long that the agenda never uses may be a name word typed with one slip
# ... and one this long names on its own: "Vanderblit" is Vanderbilt, while "vegan" is not Megan nor "write" White
SLIP_ALONE_LETTERS = 8
# Words of an organisation's or person's name that say nothing about who it is.
_NAME_FILLER = frozenset(
    """of the and for de la le du van der von den di da dr prof mr ms mrs inc llc ltd co corp corporation company
    group university institute college school department dept center centre lab labs laboratory foundation
    association society team jr sr phd""".split()
)
# Words that say what kind of body a name is, and so never tell which one ("Chaos Computer Club" is not the "Riverbend
# Rapids Baseball Club"); unlike the fillers they stay words of the name: "Chaos Club" is the speaker Chaos-Cannabis-Club.
_KIND_OF_BODY = frozenset("club council committee consortium federation alliance coalition".split())
# How people type a letter their keyboard lacks, besides dropping its accent (which ``words`` already does)
_SPELLED_OUT = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ø": "oe", "å": "aa"})
_WORD_AS_WRITTEN = re.compile(r"\w+")
_PHRASE_BREAK = re.compile(r"[^\w\s'’-]+")  # "What's up @Bleeptrack? Talk über …": no phrase runs across the "?"
_JOINED = re.compile(r"\w+(?:[-'’]\w+)+")  # "Chung-Wei", "O'Brien": often typed as one word
_TYPED_WORD = re.compile(r"[^\W\d_]+(?:[-'’][^\W\d_]+)*")  # "Jochen", "Mendoza-Hart", "O'Brien"
_INITIAL = re.compile(r"(?<![\w'’])[^\W\d_](?![\w'’])")  # "C. Lee", "Lee C" (not the "s" of "Lee's")
# Words that say the next words name an organisation ("someone from McGill", "authors at Music Technology Group",
# "jemand von der TU Berlin"), or the words before ("Microsoft researchers"), and articles between them.
_ORGANISATION_BEFORE = frozenset("from at von aus bei".split())
_ORGANISATION_AFTER = frozenset("researchers people folks employees staff team".split())
_ARTICLES = frozenset("the der die dem den des".split())
_JOINING = frozenset("and or und oder".split())  # "from musicology and psychology": the phrase goes on
# Words beside a handle that ask for its sessions, not for a topic: "talks by Ray", "Neo's workshop"
_ASKING_FOR_SESSIONS = frozenset("talk talks session sessions event events vortrag vortrage veranstaltung".split()) | KIND_WORDS


# A query that asks only for someone from an organisation: "someone from Vanderbilt", "talks by people at Dolby",
# "jemand von der TU Berlin"
_ASKED_FROM = re.compile(
    r"^\s*(?:(?:talks?|sessions?|papers?|someone|somebody|anyone|anybody|people|speakers?|researchers?|authors?|folks|presenters?"
    r"|jemand|leute|vortr(?:ä|ae|a)ge?)\s+)+(?:by\s+(?:someone|people|speakers?)\s+)?(?:from|at|von|aus|bei)\s+(?:the\s+|der\s+|dem\s+)?"
    r"(?P<organisation>[^\W\d_][^,;:!?]*?)[\s?.!]*$",
    re.IGNORECASE,
)


def asked_organisation(text: str) -> str:
    """The organisation a query asks for when that is all it asks ("someone from Vanderbilt": "Vanderbilt"), else ""."""
    found = _ASKED_FROM.match(text)
    return found.group("organisation").strip() if found else ""


def people_in(entry: str) -> list[str]:
    """The people an export's speaker entry names, for matching: each as ``split_people`` reads them, without the
    bracketed affiliation, whose words ("RISM Digital") would make a topic word ("digital") look like a name."""
    names = (" ".join(BRACKETS.sub(" ", person).split()).strip(" ,;") for person in split_people(entry))
    return [name for name in names if name]


def name_tokens(display: str) -> tuple[str, ...]:
    return tuple(dict.fromkeys(w for w in words(display) if w not in _NAME_FILLER and len(w) > 1))


def typed_forms(display: str) -> dict[str, tuple[str, ...]]:
    """Other ways people type a name's words, each with the name words it stands for: "Böck" as "boeck",
    "Chung-Wei" as "chungwei" (both words), "O'Brien" as "obrien"."""
    forms: dict[str, tuple[str, ...]] = {}
    lowered = display.lower()
    for word in re.findall(r"\w+", lowered):
        spelled = word.translate(_SPELLED_OUT)
        if spelled != word:
            forms[words(spelled)[0]] = name_tokens(word)
    for joined in _JOINED.findall(lowered):
        forms["".join(words(joined))] = name_tokens(joined)
    return {form: held for form, held in forms.items() if held}


class NameIndex:
    """Every speaker and organisation name of an agenda, as a sparse (words x names) matrix."""

    def __init__(
        self, speakers: Iterable[Sequence[str]], organizations: Iterable[Sequence[str]], is_topic_word: Callable[[str], bool], known_words: set[str],
        titles: Sequence[str] = (), abstracts: Sequence[str] = (), languages: Sequence[str] = ("en",),
        holding: Callable[[str], Iterable[int]] | None = None,
    ) -> None:
        """``titles``, ``abstracts``: each session's, as written (``_written_phrase``, ``_handle_as_word``); ``languages``:
        those the agenda is written in, whose common words a handle may be (``_handle_as_word``); ``holding``: the rows of
        the sessions whose title, tags or abstract use a word of ``known_words`` (None: every session may)."""
        self.displays: list[str] = []
        owners, rows, cols, initials = [], [], [], []
        self.vocabulary: dict[str, int] = {}
        self.forms: dict[str, set[int]] = {}  # a way of typing name words ("boeck") -> their columns
        sessions = 0
        organisation_words: set[str] = set()
        is_person: list[bool] = []
        for row, (people, orgs) in enumerate(zip(speakers, organizations)):
            sessions += 1
            for display, person in _names_of(people, orgs):
                tokens = name_tokens(display)
                if not tokens:
                    continue
                for token in tokens:
                    rows.append(len(self.displays))
                    cols.append(self.vocabulary.setdefault(token, len(self.vocabulary)))
                for form, held in typed_forms(display).items():
                    self.forms.setdefault(form, set()).update(self.vocabulary[t] for t in held)
                letters = dict.fromkeys(w[0] for w in words(display) if w not in _NAME_FILLER)
                initials += [(len(self.displays), letter) for letter in letters]
                owners.append(row)
                is_person.append(person)
                organisation_words.update(() if person else tokens)
                self.displays.append(display)
        self.sessions = sessions
        self.owner = np.asarray(owners, dtype=np.int64)  # name -> session row
        self.person = np.asarray(is_person, dtype=bool)  # else an organisation
        words_held = sp.csr_matrix((np.ones(len(rows), dtype=np.float32), (rows, cols)), shape=(len(self.displays), len(self.vocabulary)))
        self.length = np.asarray(words_held.sum(axis=1)).ravel()  # words per name
        # an initial ("C. Lee") is a column of its own after the words': it adds to a name's held words, never to its length
        self.initial = {letter: len(self.vocabulary) + i for i, letter in enumerate(sorted({letter for _, letter in initials}))}
        initial_cols = [self.initial[letter] - len(self.vocabulary) for _, letter in initials]
        by_initial = sp.csr_matrix(
            (np.ones(len(initials), dtype=np.float32), ([n for n, _ in initials], initial_cols)),
            shape=(len(self.displays), len(self.initial)),
        )
        self.by_word = sp.hstack([words_held, by_initial]).T.tocsr().astype(np.float64)  # (columns, names): a query reads only its own rows
        self.base = float(2 * self.length.max(initial=0) + 1)  # more than a name's words and initials can add up to: see _name_shares
        tokens = list(self.vocabulary)
        # an organisation's words are often the agenda's subjects ("RISM Digital", "Centre for Digital Music"): one of
        # them tells who it is only if no session's text uses it ("RISM", "Queen Mary"), whatever the topic-word limit
        self.distinctive = np.array(
            [len(t) > 2 and t not in STOPWORDS and t not in _KIND_OF_BODY and not is_topic_word(t) and not (t in organisation_words and t in known_words)
             for t in tokens],
            dtype=bool,
        )
        self._tokens = tokens
        self._known = known_words | set(tokens) | STOPWORDS
        self._text_words = known_words
        self._person_words = {t for name in np.flatnonzero(self.person) for t in name_tokens(self.displays[name])}
        # a one-word name (a handle: 38C3's "Sec") that the texts of sessions not theirs use as a word: the words those
        # texts write right beside it ("Cyber Sec Dev": cyber, dev; "IT Sec": it), less the words of its own sessions
        own: dict[str, set[int]] = {}
        for name in np.flatnonzero(self.person & (self.length == 1)):
            own.setdefault(name_tokens(self.displays[name])[0], set()).add(int(self.owner[name]))
        self.handles = own  # each one-word name -> the rows of its sessions
        self._languages = tuple(languages)
        self._common: dict[str, bool] = {}  # handle -> whether it is a common word (``_handle_as_word``), as asked
        abstracts = abstracts or [""] * len(titles)
        self._handle_words = {  # the words of a handle's own sessions: typed beside it, they ask for them ("Iridium Sec")
            handle: {w for row in rows if row < len(titles) for w in words(f"{titles[row]} {abstracts[row]}")} for handle, rows in own.items()
        }
        from helper.search.spelling import languages_stopwords

        self.stopwords = STOPWORDS | languages_stopwords(self._languages)  # of every language the agenda is written in
        used = set(own) & known_words  # the handles the texts use as words; the sessions that write one:
        writing = sorted({int(row) for handle in used for row in holding(handle)}) if holding else range(len(titles) if used else 0)
        self._written_with = {
            handle: beside - (self._handle_words[handle] - self.stopwords)
            for handle, beside in _written_beside(((row, titles[row], abstracts[row]) for row in writing), own, self.stopwords).items()
        }
        # an organisation the query frames as one names it even when every word of it is also a topic word
        self._organisations: dict[tuple[str, ...], list[int]] = {}  # by the words that tell who it is
        self._shortened: dict[tuple[str, ...], list[int]] = {}  # by their first words ("Microsoft Research Asia")
        self._organisations_written: dict[tuple[str, ...], list[int]] = {}  # by every word as written
        for name in np.flatnonzero(~self.person):
            held = name_tokens(self.displays[name])
            self._organisations.setdefault(held, []).append(int(name))
            for size in range(1, len(held)):
                if not all(map(is_topic_word, held[:size])):  # "from data" shortens no "Data Science Institute"
                    self._shortened.setdefault(held[:size], []).append(int(name))
            self._organisations_written.setdefault(_spelled_in_full(self.displays[name]), []).append(int(name))

    def strengths(self, texts: Sequence[str]) -> np.ndarray:
        """(queries, sessions): how strongly each query names a speaker or organisation of each session, 0..1."""
        out = np.zeros((len(texts), self.sessions), dtype=np.float32)
        queries, names, shares = self._name_shares(texts)
        np.maximum.at(out, (queries, self.owner[names]), shares)  # a session's strength: its best name's share
        return out

    def matched(self, row: int, text: str) -> str:
        """The name of session ``row`` the query names best ("" when none)."""
        first, last = np.searchsorted(self.owner, [row, row + 1])  # names are listed session by session
        _queries, names, shares = self._name_shares([text])
        mine = (names >= first) & (names < last)
        if not mine.any():
            return ""
        best = np.flatnonzero(mine)[np.lexsort((names[mine], -shares[mine]))[0]]  # the best share; the first name on a tie
        return self.displays[int(names[best])]

    def _query_columns(self, text: str) -> tuple[list[int], dict[int, float], set[int]]:
        """Columns the query holds as typed (a name word, or another way of typing one), and those it holds loosely:
        one slip (swap, drop, double, wrong key) away from a query word the agenda never uses, or an initial (half a
        word: "C. Lee" holds Chris Lee's "chris" less than "Chris" does); and the slipped ones that came from a long
        word (``SLIP_ALONE_LETTERS``), which may name on their own."""
        from rapidfuzz import process
        from rapidfuzz.distance import OSA

        typed: list[int] = []
        loose: dict[int, float] = {}
        alone: set[int] = set()
        for word in dict.fromkeys(words(text)):
            if word in self.vocabulary:
                typed.append(self.vocabulary[word])
            elif word in self.forms:
                typed += sorted(self.forms[word])
            elif len(word) >= TYPO_MIN_LETTERS and word not in self._known:
                near = process.extract(word, self._tokens, scorer=OSA.distance, score_cutoff=1, limit=None)
                loose |= {self.vocabulary[token]: 1.0 for token, _, _ in near}
                if len(word) >= SLIP_ALONE_LETTERS:
                    alone |= {self.vocabulary[token] for token, _, _ in near}
        loose |= {self.initial[letter]: 0.5 for letter in _INITIAL.findall(fold(text)) if letter in self.initial}
        return typed, loose, alone

    def framed_organisations(self, text: str) -> set[int]:
        """Organisations the query asks for as such: their words right after "from"/"at" ("someone from McGill",
        "papers at the Music Technology Group") or right before "researchers"/"people" ("Microsoft researchers"), or
        the whole query spelling one out as written ("McGill University"; not "digital music", which is only part of
        "Centre for Digital Music"). A name's first words ask for it when the phrase ends there:
        "someone from Microsoft" (Microsoft Research Asia), not "copying data from five exports" (Five Rivers …)."""
        typed = words(text)
        found = set(self._organisations_written.get(_spelled_in_full(text), ()))
        for i, word in enumerate(typed):
            if word in _ORGANISATION_BEFORE:
                following = [w for w in typed[i + 1 : i + 9] if w not in _ARTICLES]
                for size in range(1, len(following) + 1):
                    held = name_tokens(" ".join(following[:size]))
                    found.update(self._organisations.get(held, ()))
                    ends = size == len(following) or (following[size] in STOPWORDS and following[size] not in _JOINING)
                    if ends and len(held) == size:  # no "University" or "Society" dropped in between
                        found.update(self._shortened.get(held, ()))
            elif word in _ORGANISATION_AFTER:
                preceding = typed[max(0, i - 8) : i]
                for start in range(len(preceding)):
                    held = name_tokens(" ".join(preceding[start:]))
                    found.update(self._organisations.get(held, ()))
                    found.update(self._shortened.get(held, ()) if len(held) == len(preceding) - start else ())
        return found

    def _name_shares(self, texts: Sequence[str]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """(query, name, share) of every name a query names: the share of the name's words the query holds. A name
        counts only when the query holds one of its distinctive words exactly, or every one of its words, at most one
        with a slip ("Li Su", "Jei Fu", "Goran Topić": two-letter words and topic words are not distinctive alone);
        then a slip in another of its words is forgiven ("Daniel Kefe" is Daniel Keefe). A slip alone names nobody
        ("vegan" is one letter from "Megan", "write" from "White") unless the word is long: "Vanderblit". A name
        holding fewer of the query's words than the query's best name counts that much less: "Hanno Böck" names
        Hanno Böck first, then the speaker who signs "hanno".

        One sparse product for the batch, read as digits in base ``self.base`` (more than a name's held words can add
        up to): a word the query holds adds 1 to each name that has it, a word typed exactly also adds ``base`` and a
        distinctive one ``base**2`` more, so the product says how many of a name's words are held, how many typed
        and whether one of them is distinctive."""
        base = self.base
        rows, cols, weights = [], [], []
        framed: set[tuple[int, int]] = set()
        for q, text in enumerate(texts):
            framed.update((q, name) for name in self.framed_organisations(text))
            typed, loose, alone = self._query_columns(text)
            held = {c: 1.0 + base + base**2 * self.distinctive[c] for c in typed}
            held |= {c: w + base**2 * (c in alone and self.distinctive[c]) for c, w in loose.items() if c not in held}
            rows += [q] * len(held)
            cols += held
            weights += held.values()
        query = sp.csr_matrix((np.asarray(weights, dtype=np.float64), (rows, cols)), shape=(len(texts), self.by_word.shape[0]))
        found = (query @ self.by_word).tocoo()
        names = found.col
        length = np.maximum(self.length, 1)[names]
        typed = (found.data // base) % base
        # every word of a person's name held, at most one slipped (an organisation's words may all be topic words)
        whole = (length >= 2) & (found.data % base >= length) & (typed >= length - 1) & self.person[names]
        asked = np.zeros(len(names), dtype=bool)
        if framed:  # few queries frame an organisation: the others skip the loop
            asked = np.fromiter(((q, n) in framed for q, n in zip(found.row, names)), dtype=bool, count=len(names))
        keep = (found.data >= base**2) | whole | asked
        # a person named in part by a query that names someone else ("Yishay Mansour": Hadi Mansour) is not named
        partial = np.flatnonzero(keep & self.person[names] & (found.data % base < length))
        others = {q: (self._name_like(texts[q]), words(texts[q])) for q in set(found.row[partial].tolist())}
        for i in partial:
            name_like, typed = others[found.row[i]]
            keep[i] = not (self._someone_else(name_like, int(names[i])) or self._interrupted(typed, int(names[i])))
        # a handle typed inside a phrase another session writes ("Cyber Sec Dev", "IT Sec"), or a common word typed
        # with a topic ("ray tracing"), is a word of the query, not the name
        for i in np.flatnonzero(keep & self.person[names] & (self.length[names] == 1) & ~asked):
            typed = words(texts[found.row[i]])
            keep[i] = not (self._written_phrase(typed, int(names[i])) or self._handle_as_word(typed, int(names[i])))
        queries, names, held = found.row[keep], names[keep], (found.data[keep] % base).astype(np.float32)
        most = np.zeros(len(texts), dtype=np.float32)
        np.maximum.at(most, queries, held)
        share = np.where(asked[keep], 1.0, np.minimum(held / length[keep], 1.0))  # asked for, if shortened: "Microsoft"
        return queries, names, share * held / most[queries]

    def _name_like(self, text: str) -> list[str]:
        """The words of ``text`` (folded) that may be a word of someone's name: three letters or more, capitalised as typed
        or of no common use ("Duncan", "wattenberg"; not "climate"), not a stop word or a title ("Prof."), and not one of
        the agenda's topic words unless some person here has it in their name."""
        from helper.search.spelling import common_word

        found = []
        for typed in dict.fromkeys(re.findall(r"\w+", text)):
            word = words(typed)[0]
            if len(word) < 3 or word in STOPWORDS or word in _NAME_FILLER or (word in self._text_words and word not in self._person_words):
                continue
            if typed[0].isupper() or not common_word(word):
                found.append(word)
        return found

    def _someone_else(self, name_like: Sequence[str], name: int) -> bool:
        """Whether a query holding some words of person ``name`` also holds a word of a name that is not theirs (of
        ``name_like``, its ``_name_like`` words): none of this person's words, nor a prefix or a slip of one ("Martin
        Wattenberg" is not Martin Zdila; "Anjali Desh" is Anjali Deshpande, "Radu Ionesku" Radu Tudor Ionescu)."""
        own = name_tokens(self.displays[name])
        return any(word not in own and not any(_same_name_word(word, mine) for mine in own) for word in name_like)

    def _written_phrase(self, typed: Sequence[str], name: int) -> bool:
        """Whether the query types one-word name ``name`` right beside a word that the title or abstract of a session not
        theirs writes beside it: "Cyber Sec Dev" is the talk "… regulatorische Cyber Sec Dev" and "IT Sec talks" the
        sessions "for FLINTA in IT Sec", not the speaker "Sec"; "talk by Sec" and "Sec" are Sec."""
        handle = name_tokens(self.displays[name])[0]
        beside = self._written_with.get(handle, set())
        return any(
            word == handle and any(typed[j] in beside for j in (i - 1, i + 1) if 0 <= j < len(typed)) for i, word in enumerate(typed)
        )

    def _handle_as_word(self, typed: Sequence[str], name: int) -> bool:
        """Whether one-word name ``name`` is a common word of the agenda's languages typed beside a topic that none of
        its sessions holds: "ray tracing", "neo nazis", "fraud detection" at 38C3 ask for topics, not for the speakers
        Ray, Neo and FrauD; "Ray", "talks by Ray" and "Ray Hacker Jeopardy" (Ray's own title) name Ray."""
        from helper.search.spelling import common_word

        handle = name_tokens(self.displays[name])[0]
        if handle not in self._common:
            self._common[handle] = common_word(handle, self._languages)
        if not self._common[handle]:
            return False
        own = self._handle_words.get(handle, set())
        display = words(self.displays[name])  # "Di Jin", whose "di" is a filler: not a topic typed beside "jin"
        return any(
            len(word) > 1 and not word.isdigit() and word not in STOPWORDS and word not in _ASKING_FOR_SESSIONS and word not in _NAME_FILLER
            and word not in own and word not in display and word not in self._person_words and not _same_name_word(word, handle)
            for word in typed
        )

    def _interrupted(self, typed: Sequence[str], name: int) -> bool:
        """Whether the query's words holding person ``name``'s words enclose a word of another name: "Chaos Computer
        Club" is not the speaker "Chaos-Cannabis-Club", though it holds two of its three words. Stop words, particles
        ("van", "de") and initials may stand between ("Ludwig van Beethoven", "Radu T. Ionescu")."""
        own = name_tokens(self.displays[name])

        def owned(word: str) -> set[str]:
            via = {self._tokens[c] for c in self.forms.get(word, ())}  # "boeck" for "böck"
            return {mine for mine in own if word == mine or mine in via or _same_name_word(word, mine)}

        held = [(i, owned(word)) for i, word in enumerate(typed) if len(word) > 1]
        if len(set().union(*(mine for _, mine in held))) < 2:  # one word of the name, typed twice ("Park … parks"), encloses nothing
            return False
        at = [i for i, mine in held if mine]
        return any(not mine and typed[i] not in STOPWORDS and typed[i] not in _NAME_FILLER for i, mine in held if at[0] < i < at[-1])


def _written_beside(texts: Iterable[tuple[int, str, str]], own: dict[str, set[int]], stopwords: frozenset[str]) -> dict[str, set[str]]:
    """Per handle, the words that the title or abstract (``texts``: row, title, abstract) of a session not its own writes
    right beside it within one phrase: no stop word of the agenda's languages, but one written in capitals is an acronym
    ("IT Sec": "it"), and no letter alone ("Anna's": "s")."""
    beside: dict[str, set[str]] = {}
    for row, text in ((row, text) for row, title, abstract in texts for text in (title, abstract)):
        for phrase in _PHRASE_BREAK.split(text):
            typed = words(phrase)
            if not own.keys() & set(typed):
                continue
            written = _WORD_AS_WRITTEN.findall(phrase)
            acronym = [w.isupper() and len(w) > 1 for w in written] if len(written) == len(typed) else [False] * len(typed)
            for i, word in enumerate(typed):
                if word not in own or row in own[word]:
                    continue
                for j in (i - 1, i + 1):
                    if 0 <= j < len(typed) and len(typed[j]) > 1 and typed[j] != word and (typed[j] not in stopwords or acronym[j]):
                        beside.setdefault(word, set()).add(typed[j])
    return beside


def _same_name_word(typed: str, word: str) -> bool:
    """Whether ``typed`` may be ``word`` of a name: either begins the other ("desh", "deshpande"), or it is a slip or
    two away (one for words of four letters or fewer)."""
    from rapidfuzz.distance import OSA

    if typed.startswith(word) or word.startswith(typed):
        return True
    return OSA.distance(typed, word, score_cutoff=2) <= (1 if min(len(typed), len(word)) <= 4 else 2)


def _names_of(people: Sequence[str], organisations: Sequence[str]) -> list[tuple[str, bool]]:
    """A session's names, each with whether it is a person's: its people, then the affiliations their entries give in
    brackets and its organisations."""
    affiliations = [a for entry in people for person in split_people(entry) for a in affiliations_of(person)]
    persons = dict.fromkeys(p for entry in people for p in people_in(entry))
    return [(p, True) for p in persons] + [(o, False) for o in dict.fromkeys(affiliations + list(organisations)) if o and o not in persons]


def _spelled_in_full(text: str) -> tuple[str, ...]:
    """A text's words but its stop words: how an organisation's whole name is compared with a whole query."""
    return tuple(w for w in words(text) if w not in STOPWORDS)


def typed_as_a_name(query: str, common: Callable[[str], bool] = lambda word: False) -> bool:
    """Whether ``query`` is typed as someone's name: two to four words besides the stop words ("talks by", "someone
    from"), each capitalised ("Jochen Stiasny", "talks by Gabriel Mendoza-Hart"; not "graph neural networks"), the last
    not a ``common`` word of the agenda's languages (German capitalises its nouns: "Mobilfunk Sicherheit")."""
    typed = name_typed(query).split()
    return 2 <= len(typed) <= 4 and all(w[0].isupper() for w in typed) and not common(typed[-1])


def name_typed(query: str) -> str:
    """The words of ``query`` besides the stop words, as typed: the name in "talks by Gabriel Mendoza-Hart"."""
    return " ".join(w for w in _TYPED_WORD.findall(query) if fold(w).lower() not in STOPWORDS)
