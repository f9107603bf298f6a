"""Deep links and share links round-trip; the QR code is a PNG made offline."""

from __future__ import annotations

from urllib.parse import parse_qsl, urlsplit

from helper.search.filters import WINDOW_RANGE, WINDOWS, Choice
from helper.web.links import base_url, from_params, qr_svg, share_link


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


def test_qr_is_an_svg_of_path_data_that_never_spells_out_the_link():
    svg = qr_svg("https://conf.example/?q=<script>sql</script>")
    assert svg.startswith("<svg ") and 'role="img"' in svg and "<path" in svg
    assert "script" not in svg and "conf.example" not in svg


def test_a_links_filters_the_agenda_does_not_offer_are_dropped_with_a_reason():
    from helper.web.links import fit_to_agenda

    options = {"day": [("Wed", "2026-10-14")], "track": [("Any track", ""), ("SQL", "SQL")], "room": [("Any room", ""), ("A", "A")], "time_from": [], "time_until": [], "window": WINDOWS}
    kept, reasons = fit_to_agenda(Choice(day="2026-10-14", track="SQL", room="A"), options)
    assert kept == Choice(day="2026-10-14", track="SQL", room="A") and reasons == []
    kept, reasons = fit_to_agenda(Choice(day="2031-01-01", track="<b>Nope</b>", room="A", window="tomorrow"), options)
    assert kept == Choice(room="A")
    assert len(reasons) == 3 and "<b>Nope</b>" in reasons[1] and "tomorrow" in reasons[2]


def test_a_deep_link_with_a_bad_filter_still_runs_its_query_and_says_what_was_dropped(index):
    from datetime import datetime, timezone

    from helper.web import handlers, render

    params = {"q": "sql", "track": "<script>x</script>", "from": "25:99"}
    link = handlers.open_link(index, params, datetime(2026, 10, 14, 8, 0, tzinfo=timezone.utc))
    assert link.query == "sql" and link.choice == Choice()
    assert sum("does not have" in note for note in link.results.notes) == 2
    assert len(link.results.hits) == 3  # the query still ran, without those filters
    head, _cards = render.results(link.results)
    assert "&#60;script&#62;" in head and "<script>" not in head


def test_a_link_whose_range_cannot_be_used_says_so_and_shows_the_plain_page(index):
    from datetime import datetime, timezone

    from helper.web import handlers

    link = handlers.open_link(index, {"q": "sql", "when": "range", "from": "11:30", "until": "09:30"}, datetime(2026, 10, 1, tzinfo=timezone.utc))
    assert link.query == "" and link.results.hits == []
    assert any("could not be opened" in note and "empty" in note for note in link.results.notes)


def test_a_plain_visit_asks_for_nothing(index):
    from datetime import datetime, timezone

    from helper.web import handlers

    assert handlers.open_link(index, {}, datetime(2026, 10, 1, tzinfo=timezone.utc)).results is None
