"""E-mail addresses and phone numbers never reach the index, cache, page, API, CLI output or logs;
the page has no analytics, no upload, no run history and no tracebacks for users."""

from __future__ import annotations

import io
import json
import logging
import re

import gradio as gr
import httpx
import pytest

from helper import cli
from helper.ops import service
from helper.web import handlers, render
from helper.agenda import load_agenda
from helper.search.index import SearchIndex
from helper.web.assets import launch_options
from helper.web.page import build_demo
from tests.views import page_html
from tests.conftest import DATA, ROOT
from tests.fakes import HashingEncoder
from tests.live_server import call_api, serving

AGENDA = DATA / "bad" / "nas_with_contacts.csv"
EMAIL = re.compile(r"[\w.+-]+@[\w-]+\.[\w.-]+")
PHONES = ("202 555 0101", "202 555 0102", "600 123 456", "601 222 333")
QUERIES = ["keynote", "José Núñez", "jose.nunez@example.org", "keynote.office@example.org slides", "+1 202 555 0101", "phone", "email", "Deploying Models"]


def assert_private(text: str, where: str) -> None:
    found = EMAIL.findall(text)
    assert not found, f"{where} shows e-mail addresses {found}"
    for phone in PHONES:
        assert phone not in text, f"{where} shows the phone number {phone}"
        assert phone.replace(" ", "") not in text.replace(" ", ""), f"{where} shows the phone number {phone}"


def test_the_fixture_really_holds_contacts():
    raw = AGENDA.read_text("utf-8")
    assert len(EMAIL.findall(raw)) == 3 and all(p in raw for p in PHONES)


@pytest.fixture
def index(tmp_path) -> SearchIndex:
    return SearchIndex.build(load_agenda(AGENDA), HashingEncoder(), tmp_path / "cache")


def test_index_and_cache_hold_no_contacts(index, tmp_path):
    assert not any(c for c in index.sessions.columns if re.search("mail|phone|mobile", c))
    assert_private(index.sessions.astype(str).to_csv(), "the index")
    assert_private(repr(index.agenda.mapping), "the column mapping")
    for path in (tmp_path / "cache").rglob("*"):
        if path.is_file():
            assert_private(path.read_bytes().decode("latin-1"), f"cache file {path.name}")


def test_page_and_api_handlers_show_no_contacts(index):
    from helper.web.render import escape

    for query in QUERIES:
        # the page may echo the visitor's own query ("nothing close to ..."); beyond it, no contact detail
        page = page_html(index, query, 5).replace(escape(query), "")
        assert_private(page, f"the page for {query!r}")
        assert_private(json.dumps(handlers.api_search(index, query, 5)), f"the API for {query!r}")
    assert_private(handlers.agenda_summary(index) + " ".join(handlers.example_queries(index).queries), "the page header")


def test_cli_and_logs_show_no_contacts(monkeypatch, tmp_path, caplog, capsys):
    monkeypatch.setattr(service, "load_encoder", lambda model, *args, **kwargs: HashingEncoder())
    caplog.set_level(logging.DEBUG)
    out = io.StringIO()
    assert cli.main(["search", "--agenda", str(AGENDA), "--cache-dir", str(tmp_path), "--json", "--top-k", "5", *QUERIES], stdout=out) == 0
    assert cli.main(["search", "--agenda", str(AGENDA), "--cache-dir", str(tmp_path), *QUERIES], stdout=out) == 0
    assert cli.main(["check", "--agenda", str(AGENDA)], stdout=out) == 0
    printed = out.getvalue()
    # the CLI echoes the queries it was given; beyond those it must add no contact detail
    for query in QUERIES:
        printed = printed.replace(json.dumps(query, ensure_ascii=False), '""').replace(f"\n{query}\n", "\n\n")
    assert_private(printed, "the CLI output")
    err = capsys.readouterr()
    assert_private(err.out + err.err, "the CLI's other output")
    assert_private("\n".join(r.getMessage() for r in caplog.records), "the logs")
    assert any("dropped 3 e-mail/phone column(s)" in r.getMessage() for r in caplog.records)


def test_live_page_and_http_api_show_no_contacts(index):
    with serving(index) as url, httpx.Client(timeout=60) as client:
        assert_private(client.get(url).text, "the page HTML")
        assert_private(client.get(f"{url}config").text, "the page config")
        for query in QUERIES:
            event, value = call_api(client, url, [query, 5])
            assert event == "complete"
            assert_private(json.dumps(value), f"the HTTP API for {query!r}")


def test_surface_no_analytics_no_upload_no_history_no_tracebacks(index):
    demo = build_demo(index)
    assert demo.analytics_enabled is False
    uploads = (gr.File, gr.UploadButton, gr.Image, gr.Audio, gr.Video, gr.Gallery, gr.Model3D, gr.MultimodalTextbox)
    # downloads (.ics) are files the page offers; nothing may take a file from a visitor
    assert not [b for b in demo.blocks.values() if isinstance(b, uploads) and b.interactive is not False]
    assert not [b for b in demo.blocks.values() if isinstance(b, gr.HTML)], "agenda text must never go through gr.HTML"
    options = launch_options()
    assert options["run_history"] is False and options["show_error"] is False


def test_gradio_pinned_at_a_release_without_known_advisories():
    lines = [line for name in ("requirements.txt", "requirements-serve.txt") for line in (ROOT / name).read_text().splitlines()]  # serve: what a Space installs
    pins = dict(line.split("==") for line in lines if "==" in line and not line.startswith("#"))
    pins = {name.split("[")[0]: version for name, version in pins.items()}  # gradio[mcp]: the package is gradio
    major, minor = (int(x) for x in pins["gradio"].split(".")[:2])
    assert (major, minor) >= (6, 20)
    assert gr.__version__ == pins["gradio"]


def test_an_organisation_cell_holding_an_e_mail_address_is_left_out_and_counted(tmp_path):
    # cards and results show the speakers' organisations: a contact typed into that column must not ride along
    path = tmp_path / "whova.csv"
    path.write_text(
        "Name,Description,Start Time,End Time,Speaker 1 First Name,Speaker 1 Last Name,Speaker 1 Organization,"
        "Speaker 2 First Name,Speaker 2 Last Name,Speaker 2 Organization\n"
        "Graphs,About graphs.,2026-05-12 09:00,2026-05-12 09:45,Ana,Ruiz,Acme Labs,Tom,Baker,write to tom.baker@example.org\n",
        encoding="utf-8",
    )
    agenda = load_agenda(path)
    assert agenda.sessions["organizations"].iat[0] == ("Acme Labs",)
    assert any("left out 1 organisation cell(s) holding an e-mail address" in w for w in agenda.warnings)
    hit = SearchIndex.build(agenda, HashingEncoder(), None).search_one("graphs", k=1)[0]
    assert hit.to_dict()["organizations"] == ["Acme Labs"] and "from Acme Labs" in render.card(hit)
