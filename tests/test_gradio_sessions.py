"""A new Gradio session builds no component config until something reads it (helper.web.gradio_sessions), and what
Gradio reads from it (a deep link's components, an updated value) is what Gradio's own eager build gave."""

from __future__ import annotations

import json
from copy import copy

import gradio as gr
import pytest
from gradio.blocks import BlocksConfig
from gradio.state_holder import SessionState

from helper.agenda import load_agenda
from helper.search.index import SearchIndex
from helper.web.gradio_sessions import VERIFIED, lazy_session_configs
from helper.web.page import build_demo
from tests.conftest import ROOT
from tests.fakes import HashingEncoder

pytestmark = pytest.mark.skipif(gr.__version__ not in VERIFIED, reason=f"lazy session configs are checked on Gradio {VERIFIED}")


@pytest.fixture(scope="module")
def demo():
    index = SearchIndex.build(load_agenda(ROOT / "sessions.csv"), HashingEncoder(), None)
    return build_demo(index)


def eager_components(demo) -> list[dict]:
    """The deep-link components as Gradio 6 builds them for a new session, every block at once."""
    config = copy(demo.default_config)
    built = (config.config_for_block(key, [], block) for key, block in config.blocks.items() if key in demo.blocks)
    return [c for c in built if c]


def as_json(components) -> str:
    return json.dumps(list(components), default=str, sort_keys=True)


def test_a_new_session_builds_no_component_config(demo, monkeypatch):
    assert lazy_session_configs()
    built = []
    original = BlocksConfig.config_for_block

    def counting(*args, **kwargs):
        built.append(args[0])
        return original(*args, **kwargs)

    monkeypatch.setattr(BlocksConfig, "config_for_block", staticmethod(counting))
    state = SessionState(demo)
    assert built == []
    assert len(state.blocks_config.blocks) == len(demo.default_config.blocks) > 40
    list(state.components)
    assert len(built) == len([k for k in demo.default_config.blocks if k in demo.blocks])


def test_a_deep_link_reads_what_gradios_eager_build_gave(demo):
    state = SessionState(demo)
    assert as_json(state.components) == as_json(eager_components(demo))


def test_a_value_the_session_changed_is_kept_in_its_place(demo):
    state = SessionState(demo)
    textbox = next(key for key, block in demo.blocks.items() if isinstance(block, gr.Textbox))
    state._update_value_in_config(textbox, "deploying models")  # what Gradio calls after an event
    expected = eager_components(demo)
    for config in expected:
        if config["id"] == textbox:
            config["props"]["value"] = "deploying models"
    assert as_json(state.components) == as_json(expected)
    assert [c["id"] for c in state.components] == [c["id"] for c in expected]


def test_sessions_do_not_share_their_configs(demo):
    first, second = SessionState(demo), SessionState(demo)
    textbox = next(key for key, block in demo.blocks.items() if isinstance(block, gr.Textbox))
    first._update_value_in_config(textbox, "only mine")
    assert "only mine" not in as_json(second.components)
