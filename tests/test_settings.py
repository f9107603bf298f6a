from __future__ import annotations

from pathlib import Path

import pytest

from helper.errors import SettingsError
from helper.settings import Settings, load_settings, parse_column_mapping


def test_flag_beats_environment_beats_default() -> None:
    assert load_settings(env={}).port == Settings().port == 7860
    assert load_settings(env={"HELPER_PORT": "8000"}).port == 8000
    assert load_settings({"port": 9000}, env={"HELPER_PORT": "8000"}).port == 9000
    assert load_settings({"port": None}, env={"HELPER_PORT": "8000"}).port == 8000
    assert load_settings(env={"HELPER_AGENDA": "x.csv"}).agenda == Path("x.csv")


def test_gradio_host_variables_are_honoured_below_helper_ones() -> None:
    assert load_settings(env={"GRADIO_SERVER_NAME": "0.0.0.0"}).host == "0.0.0.0"
    assert load_settings(env={"GRADIO_SERVER_NAME": "0.0.0.0", "HELPER_HOST": "127.0.0.2"}).host == "127.0.0.2"


@pytest.mark.parametrize("env", [{"HELPER_PORT": "eighty"}, {"HELPER_TIMEZONE": "Mars/Olympus"}, {"HELPER_KIOSK": "maybe"}, {"HELPER_PORT": "70000"}])
def test_bad_values_raise_a_settings_error_naming_the_variable(env: dict) -> None:
    with pytest.raises(SettingsError) as error:
        load_settings(env=env)
    assert "Fix:" in error.value.line()


def test_column_mapping_parsing() -> None:
    assert parse_column_mapping("title=Session Name, abstract = Blurb") == {"title": "Session Name", "abstract": "Blurb"}
    with pytest.raises(SettingsError, match="unknown field"):
        parse_column_mapping("colour=Red")
    with pytest.raises(SettingsError, match="no '='"):
        parse_column_mapping("title")


def test_ranking_method_flag_beats_environment_beats_hybrid() -> None:
    from helper.search.ranking import DEFAULT_METHOD, METHODS

    assert Settings().method == DEFAULT_METHOD == "hybrid" and set(METHODS) == {"hybrid", "dense", "bm25"}
    assert load_settings(env={}).method == "hybrid"
    assert load_settings(env={"HELPER_METHOD": "BM25 "}).method == "bm25"
    assert load_settings({"method": "dense"}, env={"HELPER_METHOD": "bm25"}).method == "dense"
    assert load_settings({"method": None}, env={"HELPER_METHOD": "bm25"}).method == "bm25"


@pytest.mark.parametrize("overrides, env", [({}, {"HELPER_METHOD": "magic"}), ({"method": "rrf"}, {})])
def test_an_unknown_ranking_method_is_a_settings_error_listing_the_choices(overrides: dict, env: dict) -> None:
    with pytest.raises(SettingsError) as error:
        load_settings(overrides, env=env)
    line = error.value.line()
    assert "unknown ranking method" in line and "hybrid, dense, bm25" in line and "HELPER_METHOD" in line and "Fix:" in line
