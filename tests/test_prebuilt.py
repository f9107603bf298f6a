"""The prebuilt index (``python -m helper build --agenda``): what serving loads instead of reading, embedding and
indexing, and when it refuses to (another agenda, model or code; a damaged folder). Fake encoder throughout."""

from __future__ import annotations

import io
import json
import logging
import shutil

import numpy as np
import pytest

from helper import cli
from helper.ops import service
from helper.search import store
from helper.settings import load_settings
from tests.conftest import SAMPLE
from tests.fakes import HashingEncoder

QUERIES = ["deploying models", "Tableau", "healthcare for beginners", "someone from Belmont Ridge", "graph analytics"]


@pytest.fixture
def agenda(tmp_path):
    path = tmp_path / "agenda.csv"
    shutil.copy(SAMPLE, path)
    return path


def _settings(agenda, tmp_path, **more):
    return load_settings({"agenda": agenda, "cache_dir": tmp_path / "cache", **more}, env={})


def _answers(index) -> list:
    found = [[(h.id, round(h.score, 5), h.why.name, h.why.words) for h in hits] for hits in index.search(QUERIES, 3)]
    first = index.sessions["id"].iloc[0]
    return found + [[h.id for h in index.more_like_this(first)]]


def _count_reading(monkeypatch) -> list:
    """Each time the agenda file is read (a server that did not use a prebuilt index), one entry."""
    reads, read = [], service.agenda_from

    def counting(settings):
        reads.append(settings.agenda)
        return read(settings)

    monkeypatch.setattr(service, "agenda_from", counting)
    return reads


def _no_reading(monkeypatch) -> None:
    def refuse(settings):
        raise AssertionError("the agenda file was read: the prebuilt index was not used")

    monkeypatch.setattr(service, "agenda_from", refuse)


def test_a_server_loads_the_prebuilt_index_and_answers_as_the_index_it_was_built_from(agenda, tmp_path, monkeypatch) -> None:
    settings = _settings(agenda, tmp_path)
    folder, built = service.prebuild(settings, HashingEncoder())
    assert (folder / "manifest.json").is_file() and list((folder / "lexical").glob("bm25-*/params.index.json"))
    encoder = HashingEncoder()
    _no_reading(monkeypatch)
    loaded = service.build_index(settings, encoder)
    assert encoder.calls == []  # nothing embedded to load it
    assert isinstance(loaded.embeddings, np.memmap)  # shared with the other replicas through the page cache
    assert _answers(loaded) == _answers(built)
    # BM25's batch matrix is a view of bm25s's memory-mapped arrays (no copy per replica), and is not saved
    weights, engine = loaded.lexical._bm25_weights, loaded.lexical._bm25
    assert np.shares_memory(weights.data, engine.scores["data"]) and np.shares_memory(weights.indices, engine.scores["indices"])
    assert isinstance(engine.scores["data"], np.memmap)
    again = store.save_index(loaded, service.recipe(settings, encoder), tmp_path / "again")
    assert "_weights" not in store._read_pickle(again / "lexical" / "lexical.pickle")["state"]
    assert _answers(store.load_index(service.recipe(settings, encoder), tmp_path / "again", encoder)) == _answers(built)


def test_the_prebuilt_index_holds_every_abstract_sentence_so_a_why_line_runs_no_model(agenda, tmp_path) -> None:
    settings = _settings(agenda, tmp_path)
    service.prebuild(settings, HashingEncoder())
    encoder = HashingEncoder()
    loaded = service.build_index(settings, encoder)
    assert isinstance(loaded.explained.stored.vectors, np.memmap) and len(loaded.explained.stored) > 0
    in_memory = service.build_index(settings, HashingEncoder(), prebuilt=False)  # embeds the shown sentences as it goes
    assert in_memory.explained.stored is None
    why = lambda index: [[h.why.sentence for h in hits] for hits in index.search(QUERIES, 3, explain=True)]  # noqa: E731
    sentences = why(loaded)
    assert sentences == why(in_memory) and any(s for row in sentences for s in row)
    lexical = loaded.words()
    mentioned = lexical.abstract_words([lexical.terms(loaded.read_query(loaded.clean_query(q))) for q in QUERIES])
    # the queries; then at most the query words some abstract holds, each read alone (ranking.word_nearness); no sentence
    assert encoder.calls[0] == len(QUERIES) and all(text in mentioned for batch in encoder.texts[1:] for text in batch)


def test_an_edited_agenda_is_read_again_not_served_from_the_old_build(agenda, tmp_path, monkeypatch) -> None:
    settings = _settings(agenda, tmp_path)
    service.prebuild(settings, HashingEncoder())
    agenda.write_text(agenda.read_text(encoding="utf-8").replace("Deploying", "Shipping"), encoding="utf-8")
    encoder, reads = HashingEncoder(), _count_reading(monkeypatch)
    index = service.build_index(settings, encoder)
    assert reads and encoder.calls, "the edited agenda was not read and its changed sessions not embedded"
    assert any("Shipping" in t + a for t, a in zip(index.sessions["title"], index.sessions["abstract"]))


@pytest.mark.parametrize("change", ["model", "code", "reading"])
def test_a_prebuilt_index_of_another_model_code_or_reading_is_not_used(agenda, tmp_path, monkeypatch, caplog, change) -> None:
    settings = _settings(agenda, tmp_path)
    service.prebuild(settings, HashingEncoder())
    encoder, reads = HashingEncoder(), _count_reading(monkeypatch)
    if change == "model":
        folder = service.recipe(settings, encoder).folder(settings.cache_dir)
        manifest = json.loads((folder / "manifest.json").read_text())
        (folder / "manifest.json").write_text(json.dumps({**manifest, "model_id": "another-model"}))
    elif change == "code":
        monkeypatch.setattr(store, "code_fingerprint", lambda: "0123456789abcdef")
    else:
        settings = _settings(agenda, tmp_path, timezone="Europe/Berlin")
    with caplog.at_level(logging.WARNING):
        index = service.build_index(settings, encoder)
    assert reads, "the stale prebuilt index was used"
    assert len(index.agenda) == len(service.agenda_from(settings))
    if change != "reading":  # another reading is another folder: nothing to warn about
        assert "not used" in caplog.text and "python -m helper build --agenda" in caplog.text


def test_a_damaged_prebuilt_index_is_named_and_the_server_builds_in_memory(agenda, tmp_path, caplog) -> None:
    settings = _settings(agenda, tmp_path)
    folder, built = service.prebuild(settings, HashingEncoder())
    (folder / "embeddings.npy").write_text("version https://git-lfs.github.com/spec/v1\noid sha256:abc\nsize 81536\n")
    with caplog.at_level(logging.WARNING):
        index = service.build_index(settings, HashingEncoder())
    assert "embeddings.npy differs from what was built" in caplog.text
    assert _answers(index) == _answers(built)


def test_rebuilding_after_an_edit_replaces_the_old_folder(agenda, tmp_path) -> None:
    settings = _settings(agenda, tmp_path)
    first, _ = service.prebuild(settings, HashingEncoder())
    agenda.write_text(agenda.read_text(encoding="utf-8").replace("Deploying", "Shipping"), encoding="utf-8")
    second, _ = service.prebuild(settings, HashingEncoder())
    assert second != first and second.is_dir() and not first.exists()


def test_cli_build_with_an_agenda_writes_the_index_and_without_one_only_the_export(agenda, tmp_path, monkeypatch) -> None:
    import helper.search.onnx_encoder as onnx_encoder

    monkeypatch.setattr(onnx_encoder, "prepare_onnx", lambda cache_dir, quantised=False: cache_dir / "model.onnx")
    monkeypatch.setattr(service, "load_encoder", lambda model, *args, **kwargs: HashingEncoder())
    monkeypatch.delenv("HELPER_AGENDA", raising=False)
    cache = tmp_path / "cache"
    out = io.StringIO()
    assert cli.main(["build", "--cache-dir", str(cache)], stdout=out) == 0
    assert out.getvalue().startswith("onnx:") and "index:" not in out.getvalue()
    assert not list(cache.glob("index-*"))
    out = io.StringIO()
    assert cli.main(["build", "--agenda", str(agenda), "--cache-dir", str(cache)], stdout=out) == 0
    assert f"({len(service.agenda_from(_settings(agenda, tmp_path)))} sessions, fake-hashing)" in out.getvalue()
    assert len(list(cache.glob("index-*/manifest.json"))) == 1


def test_cli_build_with_a_bad_agenda_is_one_line(tmp_path, monkeypatch, capsys) -> None:
    import helper.search.onnx_encoder as onnx_encoder

    monkeypatch.setattr(onnx_encoder, "prepare_onnx", lambda cache_dir, quantised=False: cache_dir / "model.onnx")
    bad = tmp_path / "bad.csv"
    bad.write_text("Foo,Bar\n1,2\n")
    assert cli.main(["build", "--agenda", str(bad), "--cache-dir", str(tmp_path)], stdout=io.StringIO()) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and err[0].startswith("error: bad.csv: no title column found")


def test_equal_strings_are_stored_once_and_containers_keep_their_types() -> None:
    from collections import defaultdict

    a, b = "".join(["data", "base"]), "".join(["data", "bas", "e"])
    assert a == b and a is not b
    counts = defaultdict(int, {a: 1})
    shared = store.shared_strings({"sets": [{a}, {b}], "names": [(a, "x")], "counts": counts}, {})
    first, second = next(iter(shared["sets"][0])), next(iter(shared["sets"][1]))
    assert first is second and shared["names"][0][0] is first
    assert shared["counts"] is counts  # a subclass is left as it is, default factory and all
    assert shared["sets"] == [{a}, {b}] and shared["names"] == [(a, "x")]
