"""The running app is an MCP server: an `mcp` client lists exactly the public tools and gets results from them;
the page's own events are no tools; a kiosk or --no-mcp serves none. Plain-HTTP callers that send /search
its first two arguments only, as before it took filters, still get answers."""

from __future__ import annotations

import asyncio
from concurrent.futures import ThreadPoolExecutor
import httpx
import pytest

from helper.agenda import load_agenda
from helper.search.index import SearchIndex
from helper.search.ranking import NOTHING_CLOSE
from helper.settings import Settings, load_settings
from tests.conftest import SAMPLE
from tests.fakes import HashingEncoder
from tests.live_server import call_api, serving


@pytest.fixture(scope="module")
def url(tmp_path_factory):
    index = SearchIndex.build(load_agenda(SAMPLE), HashingEncoder(), tmp_path_factory.mktemp("cache"))
    with serving(index) as address:
        yield address


def mcp(url: str, work):
    from mcp import ClientSession
    from mcp.client.streamable_http import streamablehttp_client

    async def run():
        async with streamablehttp_client(url + "gradio_api/mcp/") as (read, write, _):
            async with ClientSession(read, write) as session:
                await session.initialize()
                return await work(session)

    # in a thread of its own: Playwright's sync API may have left an event loop running in this one
    with ThreadPoolExecutor(1) as pool:
        return pool.submit(asyncio.run, run()).result()


def test_the_tools_are_exactly_search_plan_and_session_with_their_arguments(url):
    tools = {t.name: t for t in mcp(url, lambda s: s.list_tools()).tools}
    assert set(tools) == {"search", "plan", "session"}
    assert list(tools["search"].inputSchema["properties"]) == ["query", "top_k", "day", "track", "room"]
    assert {"query", "day", "time_from", "time_until", "gap_minutes", "picks"} <= set(tools["plan"].inputSchema["properties"])
    assert all(len(t.description) > 60 for t in tools.values())  # enough for an assistant to act on
    assert f"below {NOTHING_CLOSE} a session is far from the query" in tools["search"].description  # not a place to recommend


def test_search_and_plan_answer_through_mcp(url):
    async def work(session):
        found = await session.call_tool("search", {"query": "python", "top_k": 2, "track": "Data Engineering"})
        planned = await session.call_tool("plan", {"query": "python", "day": "2026-10-14", "gap_minutes": 10})
        missing = await session.call_tool("search", {"query": "python", "track": "Knitting"})
        return found, planned, missing

    found, planned, missing = mcp(url, work)
    text = found.content[0].text
    assert not found.isError and "Data Engineering" in text and "Machine Learning" not in text
    assert not planned.isError and "2026-10-14" in planned.content[0].text and "plan" in planned.content[0].text
    assert missing.isError and "no track 'Knitting'" in missing.content[0].text


def test_plain_http_callers_of_search_with_two_arguments_still_get_answers(url):
    with httpx.Client(timeout=30) as client:
        event, two = call_api(client, url, ["python", 2])
        assert event == "complete" and len(two) == 2
        event, filtered = call_api(client, url, ["python", 3, "", "Data Engineering", ""])
        assert event == "complete" and {r["track"] for r in filtered} == {"Data Engineering"}
        event, missing = call_api(client, url, [])
        assert event == "error"  # the query is required: nothing is made up for it


def test_a_kiosk_and_no_mcp_serve_no_tools(tmp_path):
    assert load_settings(env={"HELPER_MCP": "0"}).mcp is False
    index = SearchIndex.build(load_agenda(SAMPLE), HashingEncoder(), tmp_path)
    for settings in (Settings(kiosk=True), Settings(mcp=False)):
        with serving(index, settings) as address, httpx.Client(timeout=30) as client:
            assert client.post(address + "gradio_api/mcp/", json={}).status_code == 404
