"""Kiosk/clock/public-URL flags reach Settings (flag > env), and kiosk launch options forget everything."""

from __future__ import annotations

from datetime import datetime

from helper.cli import _settings, build_parser
from helper.web.assets import launch_options


def test_flags_reach_settings():
    args = build_parser().parse_args(["serve", "--kiosk", "--now", "2026-10-14T10:00", "--idle-seconds", "5", "--public-url", "https://conf.example"])
    settings = _settings(args)
    assert (settings.kiosk, settings.now, settings.idle_seconds, settings.public_url) == (True, datetime(2026, 10, 14, 10, 0), 5, "https://conf.example")
    assert _settings(build_parser().parse_args(["serve"])).kiosk is False


def test_kiosk_launch_options_keep_no_history_and_no_footer():
    # what the kiosk's script does (storage cleared, idle reset) is checked in chromium: tests/browser/test_kiosk.py
    options = launch_options(kiosk=True, idle_seconds=7)
    assert options["run_history"] is False and options["footer_links"] == [] and options["pwa"] is False
    assert launch_options()["run_history"] is False
