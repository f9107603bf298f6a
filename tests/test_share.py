"""Deep links and share links round-trip; the QR code is a PNG made offline."""

from __future__ import annotations

from urllib.parse import parse_qsl, urlsplit

from helper.share import base_url, from_params, qr_png, share_link
from helper.timefilters import WINDOW_RANGE, Choice


def test_share_link_round_trips_query_and_filters():
    choice = Choice(day="2026-10-14", window=WINDOW_RANGE, time_from="13:00", time_until="15:00", track="Data & AI", room="Room A", show_ended=True)
    link = share_link("https://conf.example/helper/", "pandas  & sql?", choice)
    assert link.startswith("https://conf.example/helper/?q=")
    query, parsed, session = from_params(dict(parse_qsl(urlsplit(link).query)))
    assert (query, parsed, session) == ("pandas & sql?", choice, "")


def test_no_query_no_link_and_session_param():
    assert share_link("http://x", "", Choice()) == ""
    assert from_params({"session": "ABC"}) == ("", Choice(), "ABC")


def test_public_url_wins_over_the_kiosk_address():
    assert base_url("https://conf.example/", {"origin": "http://127.0.0.1:7860"}) == "https://conf.example"
    assert base_url("", {"origin": "http://127.0.0.1:7860"}) == "http://127.0.0.1:7860"


def test_qr_is_png():
    assert qr_png("https://conf.example/?q=sql").startswith(b"\x89PNG")


def test_a_links_filters_the_agenda_does_not_offer_are_dropped_with_a_reason():
    from helper.share import fit_to_agenda

    options = {"day": [("Wed", "2026-10-14")], "track": [("Any track", ""), ("SQL", "SQL")], "room": [("Any room", ""), ("A", "A")], "time_from": [], "time_until": []}
    kept, reasons = fit_to_agenda(Choice(day="2026-10-14", track="SQL", room="A"), options)
    assert kept == Choice(day="2026-10-14", track="SQL", room="A") and reasons == []
    kept, reasons = fit_to_agenda(Choice(day="2031-01-01", track="<b>Nope</b>", room="A", window="tomorrow"), options)
    assert kept == Choice(room="A")
    assert len(reasons) == 3 and "<b>Nope</b>" in reasons[1] and "tomorrow" in reasons[2]


def test_a_deep_link_with_a_bad_filter_still_runs_its_query_and_says_what_was_dropped(tmp_path, fake_encoder):
    from datetime import datetime
    from types import SimpleNamespace

    from helper.agenda import load_agenda
    from helper.index import SearchIndex
    from helper.settings import Settings
    from helper.ui import _Page
    from tests.conftest import SAMPLE

    page = _Page(SearchIndex.build(load_agenda(SAMPLE), fake_encoder, tmp_path), Settings(now=datetime(2026, 10, 14, 8, 0)))
    out = page.load(None, SimpleNamespace(query_params={"q": "sql", "track": "<script>x</script>", "from": "25:99"}, headers={}))
    query, head, cards = out[1], out[9], out[10:13]  # agenda line, query box, 7 filters, note above the cards, cards
    assert query == "sql"
    assert head.count("does not have") == 2 and "&#60;script&#62;" in head and "<script>" not in head
    assert all("hc-card" in card["value"] for card in cards)  # the query still ran, without those filters
