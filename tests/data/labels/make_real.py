"""Label sets for the real agendas in ``../shared/data/agendas`` (read-only exports nobody here wrote).

Run from the repository root: ``python tests/data/labels/make_real.py``; it rewrites ``tests/data/labels/<agenda>.jsonl``
and prints the sizes. Deterministic: the same exports give the same files.

What is written by hand here is only the *wording* of the topic queries (``TOPICS``): an attendee's own words for
each of the agenda's own topic labels, written from the label's name alone, before any ranking was looked at.
Which sessions are relevant is never chosen by hand; it is read from the export:

* topic: grade 2 for a session whose primary topic label is the one the query paraphrases (COLT: first keyword;
  ICWSM: ``topic``; ISMIR: ``primary_subject``; SIGDIAL/INLG: its oral session's name in ``main_calendar.json``;
  FOSS4G: ``track``; EEML: ``keywords``), grade 1 where the label is a secondary one (COLT: a later keyword;
  ISMIR: ``secondary_subject``).
* keyword: the keywords column's own values as a person types them (lower case, camelCase split), grade 2 for
  every session that carries the keyword. Only keywords held by at least 2 sessions and at most ``MAX_KEYWORD_SHARE`` of
  the agenda (or 8): one held by half the agenda says nothing about which three to show.
* speaker: people drawn at random (fixed seed) from the author/person lists, typed four ways: first and last
  name, last name only, without accents, with one typo in the last name. Grade 2 for each session of that person
  (for a last name alone: of everyone with that last name).

Session titles are taken from ``load_agenda`` (joined by id), so they match what the app shows.
"""

from __future__ import annotations

import json
import random
import re
import sys
import unicodedata
import xml.etree.ElementTree as ET
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

ROOT = Path(__file__).resolve().parents[3]
sys.path.insert(0, str(ROOT))
from helper.agenda import load_agenda  # noqa: E402

AGENDAS = ROOT.parent / "shared" / "data" / "agendas"
OUT = ROOT / "tests" / "data" / "labels"
SEED = 12
SPEAKERS_PER_FORM = 4
MAX_KEYWORD_SHARE = 0.15  # a keyword on more of the agenda's sessions than this says little about which three to show
MIN_TOPIC_SESSIONS = 2  # a topic label held (as primary) by fewer sessions gets no query

# label -> queries an attendee might type for it (written from the label's name only)
TOPICS: dict[str, dict[str, list[str]]] = {
    "colt2020": {
        "Bandit problems": ["multi-armed bandits", "choosing between slot machines while balancing exploring and exploiting"],
        "Online learning": ["learning from a stream of data with regret guarantees", "predicting one round at a time against an adversary"],
        "Reinforcement learning": ["agents that learn to act from rewards", "sample complexity of finding a good policy in a Markov decision process"],
        "Privacy, fairness": ["protecting individuals' data inside learning algorithms", "making sure a model does not discriminate between groups"],
        "High-dimensional statistics": ["estimation with more variables than samples", "sparse signal recovery in many dimensions"],
        "Convex optimization": ["minimising convex functions quickly", "convergence rates of gradient methods on convex problems"],
        "Non-convex optimization": ["escaping saddle points", "why gradient descent still finds good solutions when the loss is not convex"],
        "Distribution learning/testing": ["checking whether samples come from a given distribution", "estimating a probability distribution from few samples"],
        "Neural networks/deep learning": ["theory of deep nets", "why overparameterised neural networks train well and generalise"],
        "PAC learning": ["how many examples are needed to learn a concept class", "VC dimension and learnability"],
        "Active learning": ["choosing which examples to get labelled", "learning with fewer labels by asking an oracle"],
        "Regression": ["predicting a real-valued target with least squares", "guarantees for linear regression"],
        "Stochastic optimization": ["convergence of SGD", "optimising with noisy gradient estimates"],
        "Loss functions": ["surrogate losses and calibration", "which loss to minimise when training a classifier"],
        "Kernel methods": ["reproducing kernel Hilbert spaces", "kernel ridge regression and random features"],
        "Supervised learning": ["learning a predictor from labelled examples", "how well classifiers trained on labelled data generalise"],
        "Information theory": ["entropy and mutual information bounds", "information-theoretic lower bounds for learning"],
        "Sampling algorithms": ["drawing samples with Langevin dynamics", "how fast Markov chain Monte Carlo mixes"],
        "Computational complexity": ["hardness of learning problems", "which learning tasks cannot be solved in polynomial time"],
        "Matrix/tensor estimation": ["low-rank matrix completion", "recovering a tensor from a few noisy entries"],
        "Combinatorial optimization": ["optimising over graphs, sets and other discrete structures", "submodular maximisation"],
        "Adversarial learning and robustness": ["robustness to adversarial examples", "learning when an attacker perturbs the inputs"],
    },
    "icwsm2021": {
        "Misinformation": ["fake news spreading online", "how false stories travel across platforms and who shares them"],
        "Memes and Misinfo": ["funny viral images that carry hoaxes", "jokes and pictures used to push conspiracy theories"],
        "User Dynamics": ["how people's behaviour on a platform changes over time", "why users join, stay in or leave online communities"],
        "Social Networks": ["who follows whom and how online friendships form", "the structure of connections between accounts"],
        "Networks": ["graph analysis of interactions between users", "how things spread through a web of accounts"],
        "Text and Bias": ["prejudice in the language people post", "detecting stereotyped or slanted wording in online text"],
        "Computation and Psychology": ["inferring mental health or personality from posts", "what social media reveals about people's minds and wellbeing"],
        "Demographic (Dis)parities": ["differences between men and women or age groups online", "inequality across gender, race and age on platforms"],
        "Sentiment Analysis": ["measuring whether posts are positive or negative", "the emotions people express in tweets"],
        "Trust and Credibility": ["which sources and accounts people believe", "judging whether online information is reliable"],
        "Economy": ["money, jobs and markets seen through social media", "crowdfunding, online shopping and the gig economy"],
        "Privacy and Moderation": ["removing harmful content and protecting users' personal data", "bans and content moderation on platforms"],
        "NLP": ["language technology applied to posts", "automatic processing of the text of social media messages"],
        "Patterns in User Attention": ["what people click on, watch and pay attention to", "how long content stays popular"],
        "Politics and Trump": ["elections and political campaigns online", "the former US president's tweets and his supporters"],
        "Applications": ["practical systems built on social media data", "tools that use posts to solve real-world problems"],
    },
    "ismir2023": {
        "machine learning/artificial intelligence for music": ["deep learning applied to music", "neural networks that understand songs"],
        "music transcription and annotation": ["turning audio recordings into notes", "automatically writing down the notes a pianist plays"],
        "computational ethnomusicology": ["analysing traditional music from non-Western cultures with computers", "folk and world music studied computationally"],
        "structure, segmentation, and form": ["finding the verse and chorus boundaries in a song", "detecting the sections of a piece"],
        "timbre, instrumentation, and singing voice": ["recognising which instruments are playing", "analysing the sound of a singer's voice"],
        "symbolic music processing": ["working with MIDI and scores rather than audio", "algorithms on sequences of notes"],
        "novel datasets and use cases": ["new collections of music data for research", "a newly annotated corpus of songs"],
        "music retrieval systems": ["search engines for finding songs", "retrieving similar music from a large catalogue"],
        "digital musicology": ["computers helping music historians", "studying scores and archives with digital tools"],
        "human-computer interaction": ["how musicians interact with software", "user studies of music apps and interfaces"],
        "optical music recognition": ["reading printed sheet music from images", "scanning scores into a digital format"],
        "computational music theory and musicology": ["modelling the rules of harmony with algorithms", "formal models of music theory"],
        "music generation": ["AI that composes new music", "generating melodies automatically"],
        "music synthesis and transformation": ["changing the style or timbre of an audio recording", "synthesising realistic instrument sounds"],
        "lyrics and other textual data": ["analysing song lyrics", "the words of songs and text written about music"],
        "music composition, performance, and production": ["tools for producers and composers in the studio", "helping musicians write and perform"],
        "rhythm, beat, tempo": ["beat tracking", "estimating the tempo of a track"],
        "automatic classification": ["classifying music by genre automatically", "tagging tracks with categories using a classifier"],
        "cognitive MIR": ["how listeners perceive and remember music", "music cognition and the brain"],
        "music training and education": ["apps that teach people to play an instrument", "feedback for students practising music"],
        "melody and motives": ["recurring melodic patterns", "extracting the main tune of a song"],
        "metadata, tags, linked data, and semantic web": ["knowledge graphs of music metadata", "linking artists and recordings across databases"],
        "sound source separation": ["isolating the vocals from a mixed track", "splitting a song into its instruments"],
        "alignment, synchronization, and score following": ["following a live performance along the score", "aligning audio recordings with sheet music"],
        "representations of music": ["how to encode music for machine learning models", "turning music into tokens or vectors"],
    },
    "sigdialinlg2023": {
        "Trustworthiness of NLG systems": ["making text generators factual and reliable", "hallucinations in generated text"],
        "Analysis of discourse and dialogue": ["studying how conversations are structured", "discourse relations in dialogue"],
        "NLG for low-resourced settings": ["text generation for languages with little data", "generating text when training data is scarce"],
        "LLM for dialogue": ["chatbots built on large language models", "using GPT-style models in conversational agents"],
        "Dialogue modeling and evaluation": ["how to evaluate a dialogue system", "measuring the quality of chatbot responses"],
        "Leveraging Large Language Models for NLG": ["prompting big language models to write text", "large pretrained models for generation tasks"],
        "Evaluation and linguistic analysis of NLG systems": ["judging the output of text generators", "human and automatic evaluation of generated text"],
        "Language understanding and multimodality": ["dialogue systems that use images and speech", "understanding what the user means, with vision as well as words"],
        "Topics in open-domain dialogue": ["chit-chat bots that talk about anything", "open-ended social conversation systems"],
        "NLG for real-world applications": ["text generation used in industry products", "generating reports for practical use"],
    },
    "foss4g2022": {
        "Open Data": ["freely available geographic datasets", "publishing government map data for anyone to reuse"],
        "Transition to FOSS4G": ["moving from proprietary GIS to open source", "migrating an organisation away from commercial mapping software"],
        "A European approach to geospatial open source": ["EU-funded open source geospatial projects", "how European public bodies use open mapping software"],
        "Education": ["teaching GIS to students", "courses and training in open source geospatial tools"],
        "AI4EO Challenges & Opportunities": ["machine learning on satellite images", "artificial intelligence for earth observation"],
    },
    "eeml2020": {
        "computerVision": ["understanding images with neural networks", "object detection and image segmentation"],
        "reinforcementLearning": ["agents that learn from rewards", "training policies by trial and error"],
        "nlp": ["processing human language with machine learning", "text classification and translation models"],
        "unsupervisedLearning": ["learning without labels", "finding structure in unlabelled data"],
        "mlMedicalData": ["machine learning for hospitals and patients", "diagnosing disease from medical scans"],
        "robotics": ["teaching robots to move and grasp", "learning control for robot arms"],
    },
}


@dataclass
class Session:
    id: str
    people: list[str] = field(default_factory=list)
    topics: dict[str, int] = field(default_factory=dict)  # topic label -> grade
    keywords: list[str] = field(default_factory=list)


def fold(text: str) -> str:
    text = text.translate(str.maketrans({"ð": "d", "þ": "th", "æ": "ae", "œ": "oe", "ø": "o", "ł": "l", "đ": "d", "ı": "i", "ß": "ss"}))
    text = text.translate(str.maketrans({"Ð": "D", "Þ": "Th", "Æ": "Ae", "Œ": "Oe", "Ø": "O", "Ł": "L", "Đ": "D"}))
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


def clean_person(name: str) -> str:
    """A person as an attendee knows them: no affiliation, pronouns, degree or asterisk."""
    name = re.sub(r"\([^)]*\)|\[[^\]]*\]|\*|\d+", " ", name)
    name = re.sub(r"^(dr|prof)\.?\s+", "", name.strip(), flags=re.I)
    name = re.sub(r",?\s*\bphd\b\.?", "", name, flags=re.I)
    return " ".join(name.split()).strip(" ,;-")


def split_people(text: str, pattern: str) -> list[str]:
    text = re.sub(r"\([^)]*\)", " ", text or "")  # affiliations in brackets may hold the separator
    return [p for p in (clean_person(x) for x in re.split(pattern, text)) if p]


def split_camel(value: str) -> str:
    return re.sub(r"(?<=[a-z])(?=[A-Z])", " ", value).strip()


def miniconf(name: str, people_sep: str = r"\|") -> tuple[pd.DataFrame, list[Session]]:
    raw = pd.read_csv(AGENDAS / name / "papers.csv", dtype=str, keep_default_na=False)
    raw.columns = [c.lower() for c in raw.columns]
    sessions = []
    for _, row in raw.iterrows():
        keywords = [k.strip() for k in row.get("keywords", "").split("|") if k.strip() and k.strip() != "NA"]
        sessions.append(Session(id=row["uid"], people=split_people(row["authors"], people_sep), keywords=keywords))
    return raw, sessions


def colt2020() -> list[Session]:
    _, sessions = miniconf("colt2020")
    for s in sessions:
        for position, keyword in enumerate(s.keywords):
            s.topics.setdefault(keyword, 2 if position == 0 else 1)
    return sessions


def eeml2020() -> list[Session]:
    _, sessions = miniconf("eeml2020", r",\s*(?:and\s+)?|\s+and\s+")
    for s in sessions:
        s.topics = {k: 2 for k in s.keywords}
        s.keywords = [split_camel(k) for k in s.keywords]
    return sessions


def icwsm2021() -> list[Session]:
    raw, sessions = miniconf("icwsm2021")
    full = [k for k, n in Counter(k for s in sessions for k in s.keywords).items() if n >= 3]
    for s, topic in zip(sessions, raw["topic"]):
        s.topics = {topic: 2}
        # the export cut some keyword lists short ("topic recognitio"): a cut value counts as the keyword it starts
        s.keywords = list(dict.fromkeys(next((f for f in full if f.startswith(k) and len(k) >= 8), k) for k in s.keywords))
    return sessions


def ismir2023() -> list[Session]:
    raw = pd.read_csv(AGENDAS / "ismir2023" / "papers.csv", dtype=str, keep_default_na=False)
    subject = lambda value: value.split("->")[-1].strip()  # noqa: E731
    sessions = []
    for _, row in raw.iterrows():
        topics = {subject(v): 1 for v in row["secondary_subject"].split(";") if v.strip()}
        topics[subject(row["primary_subject"])] = 2
        sessions.append(Session(id=row["uid"], people=split_people(row["authors"], r";"), topics=topics))
    return sessions


def sigdialinlg2023() -> list[Session]:
    raw, sessions = miniconf("sigdialinlg2023")
    calendar = json.loads((AGENDAS / "sigdialinlg2023" / "main_calendar.json").read_text(encoding="utf-8"))
    oral = {e["UID"]: e["title"].split(":", 1)[1].strip() for e in calendar if "oral session" in e["title"].lower() and ":" in e["title"]}
    for s, slot in zip(sessions, raw["session"]):
        s.topics = {oral[slot]: 2} if slot in oral else {}
    return sessions


def vis2018() -> list[Session]:
    # its only topic label is the venue (VAST, InfoVis, SciVis: a third of the agenda each): keyword and speaker queries only
    return miniconf("vis2018")[1]


def foss4g2022() -> list[Session]:
    data = json.loads((AGENDAS / "foss4g2022" / "schedule.json").read_text(encoding="utf-8"))
    sessions = []
    for day in data["schedule"]["conference"]["days"]:
        for talks in day["rooms"].values():
            for talk in talks:
                ident = str(talk.get("code") or talk.get("guid") or talk.get("id"))
                people = [clean_person(p.get("public_name") or "") for p in talk.get("persons") or []]
                sessions.append(Session(id=ident, people=[p for p in people if p], topics={talk["track"]: 2} if talk.get("track") else {}))
    return sessions


def c3() -> list[Session]:
    # 38C3: a track on 149 of 1,007 events only, so no topic relevance can be read from it: speaker queries only
    root = ET.parse(AGENDAS / "38c3" / "schedule-38c3-20251206.xml").getroot()
    sessions = []
    for event in root.iter("event"):
        people = [clean_person(p.text or "") for p in event.iter("person")]
        sessions.append(Session(id=event.get("guid") or event.get("id"), people=[p for p in people if p]))
    return sessions


READERS = {
    "colt2020": ("colt2020/papers.csv", colt2020),
    "eeml2020": ("eeml2020/papers.csv", eeml2020),
    "icwsm2021": ("icwsm2021/papers.csv", icwsm2021),
    "ismir2023": ("ismir2023/papers.csv", ismir2023),
    "sigdialinlg2023": ("sigdialinlg2023/papers.csv", sigdialinlg2023),
    "vis2018": ("vis2018/papers.csv", vis2018),
    "foss4g2022": ("foss4g2022/schedule.json", foss4g2022),
    "38c3": ("38c3/schedule-38c3-20251206.xml", c3),
}


def relevant(titles: dict[str, str], sessions: list[Session], grade_of) -> dict[str, int]:
    out: dict[str, int] = {}
    for s in sessions:
        grade = grade_of(s)
        if grade:
            title = titles[s.id]
            out[title] = max(out.get(title, 0), grade)
    return out


def topic_queries(name: str, titles: dict[str, str], sessions: list[Session]) -> list[dict]:
    rows = []
    primary = Counter(t for s in sessions for t, g in s.topics.items() if g == 2)
    for label, queries in TOPICS.get(name, {}).items():
        if primary[label] < MIN_TOPIC_SESSIONS:
            raise SystemExit(f"{name}: topic {label!r} is the primary label of {primary[label]} session(s)")
        for query in queries:
            rows.append({"query": query, "kind": "topic", "relevant": relevant(titles, sessions, lambda s: s.topics.get(label, 0))})
    return rows


def keyword_queries(titles: dict[str, str], sessions: list[Session]) -> list[dict]:
    holders = Counter(k.casefold() for s in sessions for k in set(s.keywords))
    rows = []
    most = max(8, MAX_KEYWORD_SHARE * len(sessions))
    for keyword in sorted(k for k, n in holders.items() if 2 <= n <= most):
        rows.append({"query": keyword, "kind": "keyword", "relevant": relevant(titles, sessions, lambda s: 2 * (keyword in {k.casefold() for k in s.keywords}))})
    return rows


def typo(word: str, rng: random.Random) -> str:
    """One edit inside the word (never its first letter): a swap of neighbours, a dropped or a doubled letter."""
    i = rng.randrange(1, len(word) - 1)
    kind = rng.choice(["swap", "drop", "double"])
    if kind == "swap" and word[i] != word[i + 1]:
        return word[:i] + word[i + 1] + word[i] + word[i + 2 :]
    if kind == "drop":
        return word[:i] + word[i + 1 :]
    return word[:i] + word[i] + word[i:]


def speaker_queries(titles: dict[str, str], sessions: list[Session]) -> list[dict]:
    rng = random.Random(SEED)
    tokens = lambda person: [t for t in person.split() if len(t.rstrip(".")) > 1]  # noqa: E731  (no middle initials)
    last = lambda person: fold(tokens(person)[-1]).casefold()  # noqa: E731
    people = sorted({p for s in sessions for p in s.people if tokens(p)})
    rng.shuffle(people)
    accented = [p for p in people if fold(p) != p and len(tokens(p)) >= 2]
    plain = [p for p in people if p not in accented]
    chosen: list[tuple[str, str]] = []
    forms = [("accents", accented), ("full", plain), ("last", plain), ("typo", plain)]
    used: set[str] = set()
    for form, pool in forms:
        picked = 0
        for person in pool + plain:
            if picked == SPEAKERS_PER_FORM:
                break
            if person in used or (form in ("last", "typo") and (len(tokens(person)) < 2 or len(tokens(person)[-1]) < 5)):
                continue
            if form == "accents" and fold(person) == person:
                form = "full"  # the agenda has too few accented names: a plain full name instead
            used.add(person)
            picked += 1
            chosen.append((form, person))
    rows = []
    for form, person in chosen:
        words = tokens(person)
        if form == "last":
            query, match = words[-1], lambda s, w=last(person): any(tokens(p) and last(p) == w for p in s.people)
        else:
            query = " ".join([words[0], words[-1]] if len(words) > 2 and len(words[-1]) > 3 else words)
            if form == "accents":
                query = fold(query)
            if form == "typo":
                query = " ".join(words[:-1][:1] + [typo(words[-1], rng)])
            match = lambda s, p=person: p in s.people  # noqa: E731
        rows.append({"query": query, "kind": "speaker", "form": form, "relevant": relevant(titles, sessions, lambda s, m=match: 2 * m(s))})
    return rows


def make(name: str) -> list[dict]:
    path, reader = READERS[name]
    agenda = load_agenda(AGENDAS / path)
    titles = dict(zip(agenda.sessions["id"], agenda.sessions["title"]))
    sessions = reader()
    missing = [s.id for s in sessions if s.id not in titles]
    if missing:
        raise SystemExit(f"{name}: {len(missing)} session id(s) not in load_agenda's table, e.g. {missing[:3]}")
    return topic_queries(name, titles, sessions) + keyword_queries(titles, sessions) + speaker_queries(titles, sessions)


def main() -> int:
    if not AGENDAS.exists():
        print(f"{AGENDAS} is absent: nothing to do", file=sys.stderr)
        return 1
    for name in READERS:
        rows = make(name)
        with (OUT / f"{name}.jsonl").open("w", encoding="utf-8") as out:
            for row in rows:
                out.write(json.dumps(row, ensure_ascii=False) + "\n")
        sizes = Counter(r["kind"] for r in rows)
        print(f"{name}: {len(rows)} queries ({', '.join(f'{k} {n}' for k, n in sorted(sizes.items()))})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
