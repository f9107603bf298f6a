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
