"""A picks link (?picks=ID,ID) carries My picks to another device: it round-trips, joins the picks already kept
there, and a link with unknown, hostile or too many ids is read as far as it can be, with a note."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime, timezone
from urllib.parse import parse_qsl, urlsplit

from helper.agenda import load_agenda
from helper.search.index import SearchIndex
from helper.web import handlers, render
from helper.web.handlers import MAX_LINK_PICKS, picks_from_link
from helper.web.links import picks_link
from tests.conftest import SAMPLE

NOW = datetime(2026, 10, 1, tzinfo=timezone.utc)


def _params(link: str) -> dict:
    return dict(parse_qsl(urlsplit(link).query))


def test_a_picks_link_round_trips_in_a_browser_with_no_picks(index):
    ids = list(index.sessions["id"][[4, 0, 17]])
    link = picks_link("https://conf.example/helper/", ids)
    assert link.startswith("https://conf.example/helper/?picks=")
    taken = picks_from_link(index, _params(link)["picks"], [])
    assert taken.picks == ids and taken.added == 3
    assert taken.notes == ["Added 3 sessions from the picks link to My picks."]
    assert picks_link("https://conf.example", []) == ""


def test_a_picks_link_joins_the_picks_already_kept_and_adds_none_twice(index):
    a, b, c = index.sessions["id"][[1, 2, 3]]
    taken = picks_from_link(index, f"{b},{c},{c}", [a, b])
    assert taken.picks == [a, b, c] and taken.added == 1
    again = picks_from_link(index, f"{b},{c}", taken.picks)
    assert again.picks == [a, b, c] and again.added == 0 and "already in My picks" in again.notes[0]


def test_unknown_and_hostile_ids_are_left_out_with_a_note_that_renders_as_text(index):
    known = index.sessions["id"][5]
    taken = picks_from_link(index, f"<script>alert(1)</script>,{known},nope,,  ", [])
    assert taken.picks == [known]
    (added, left_out) = taken.notes
    assert "2 sessions this agenda does not have" in left_out and "<script>alert(1)</script>" in left_out
    html = render.picks(handlers.picks(index, taken.picks, NOW), taken.notes)
    assert "<script>" not in html and "&#60;script&#62;" in html
    assert picks_from_link(index, "", []).picks == [] and picks_from_link(index, ",,,", ["x"]).picks == ["x"]


def test_a_link_with_too_many_ids_is_read_up_to_the_limit(index, monkeypatch):
    ids = list(index.sessions["id"])
    huge = ",".join(ids * 50 + [f"junk{i}" for i in range(5000)])
    assert picks_from_link(index, huge, []).picks == ids  # fewer sessions than the limit: each once, junk never read
    monkeypatch.setattr(handlers, "MAX_LINK_PICKS", 5)
    taken = picks_from_link(index, huge, [])
    assert taken.picks == ids[:5] and any("more than 5 picks" in note for note in taken.notes)
    assert MAX_LINK_PICKS == 100


def test_an_agenda_whose_ids_hold_commas_still_round_trips(tmp_path, fake_encoder):
    agenda = load_agenda(SAMPLE)
    sessions = agenda.sessions.copy()
    sessions.loc[0, "id"] = "talk,1"
    sessions.loc[1, "id"] = "talk"
    index = SearchIndex.build(replace(agenda, sessions=sessions), fake_encoder, tmp_path)
    link = picks_link("http://x", ["talk,1", "talk", sessions.loc[2, "id"]])
    assert "talk%2C1,talk," in link
    assert picks_from_link(index, _params(link)["picks"], []).picks == ["talk,1", "talk", sessions.loc[2, "id"]]
