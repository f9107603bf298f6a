from __future__ import annotations

from datetime import datetime, timezone

import pytest

from helper.web import render
from helper.search.index import Hit


def _hit(**changes) -> Hit:
    base = dict(id="s1", title="Graphs", score=0.61, start=datetime(2026, 10, 14, 9, 0, tzinfo=timezone.utc),
                end=datetime(2026, 10, 14, 9, 45, tzinfo=timezone.utc), room="Hall A", track="ML",
                speakers=("Zoë Małecka",), abstract="Short.", rank=1)
    base.update(changes)
    return Hit(**base)


@pytest.mark.parametrize(
    "payload",
    ["<script>alert(1)</script>", "<img src=x onerror=alert(1)>", "[click](javascript:alert(1))", "![x](http://evil/x.png)",
     "$$\\frac{1}{2}$$", "**bold** _it_ `code`", "{{constructor.constructor('alert(1)')()}}", "${7*7}", "https://evil.example/"],
)
def test_agenda_text_becomes_inert_entities(payload: str) -> None:
    html = render.card(_hit(title=payload, abstract=payload, room=payload, speakers=(payload,), organizations=(payload,)))
    for dangerous in ("<script", "<img", "](", "$$", "**", "{{", "${", "://"):
        assert dangerous not in html
    assert html.count("<div") == 2, "only the card's own markup is markup"


def test_card_shows_every_field() -> None:
    html = render.card(_hit())
    for text in ("Graphs", "Wed 14 Oct", "09&#58;00", "09&#58;45", "Hall A", "ML", "Zo", "strong match", "0.61"):
        assert text in html


def test_card_says_where_the_speakers_are_from_where_the_export_gives_it() -> None:
    assert "from Belmont Ridge University, Five Rivers" in render.card(_hit(organizations=("Belmont Ridge University", "Five Rivers")))
    assert "hc-organizations" not in render.card(_hit())  # no organisation column: the speakers line is the names alone
    assert 'onmouseover="' not in render.card(_hit(organizations=('x" onmouseover="alert(1)',)))  # inert in the hover text too


def test_long_abstract_is_collapsed_with_more() -> None:
    html = render.card(_hit(abstract="word " * 200))
    assert "<details" in html and ">more<" in html


def test_missing_times_say_so() -> None:
    assert render.when(None, None) == "time to be announced"
