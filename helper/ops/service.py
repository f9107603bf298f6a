"""From settings to a ready index: the one place the app, the CLI, reloads and tests load an agenda and build it."""

from __future__ import annotations

import logging
from pathlib import Path

from helper.agenda import Agenda, load_agenda
from helper.search.coalesce import CoalescingEncoder
from helper.search.encoder import Encoder, expected_model_id, load_encoder
from helper.search.index import SearchIndex
from helper.settings import Settings

log = logging.getLogger(__name__)


def agenda_from(settings: Settings) -> Agenda:
    """The agenda file the settings name, read with their time zone, column mapping and date order."""
    return load_agenda(settings.agenda, settings.timezone, settings.column_mapping(), settings.date_order)


def encoder_for(settings: Settings) -> Encoder:
    """The encoder serving uses: the settings' model (int8 with ``quantise``), queries that arrive together in one run."""
    return CoalescingEncoder(load_encoder(settings.model, settings.cache_dir, settings.quantise))


def build_index(settings: Settings, encoder: Encoder | None = None, prebuilt: bool = True) -> SearchIndex:
    """The index for the settings' agenda: the prebuilt one (``python -m helper build --agenda``) when it matches
    the agenda file, the model and this code; otherwise read, embed (cached vectors reused) and index it now."""
    if prebuilt and (stored := _prebuilt(settings, encoder)) is not None:
        index = stored
    else:
        agenda = agenda_from(settings)  # a bad file stops here, before any model is loaded
        _log_warnings(agenda)
        index = SearchIndex.build(agenda, encoder or encoder_for(settings), settings.cache_dir, settings.max_query_chars, settings.method)
    return index.make_ready()


def _prebuilt(settings: Settings, encoder: Encoder | None) -> SearchIndex | None:
    from helper.search.store import has_index, load_index

    if not has_index(recipe(settings, encoder), settings.cache_dir):
        return None
    encoder = encoder or encoder_for(settings)
    stored = load_index(recipe(settings, encoder), settings.cache_dir, encoder, settings.max_query_chars, settings.method)
    if stored is not None:
        _log_warnings(stored.agenda)
    return stored


def prebuild(settings: Settings, encoder: Encoder | None = None) -> tuple[Path, SearchIndex]:
    """Build the settings' agenda and write it as the prebuilt index servers load; returns its folder and the index."""
    from helper.search.store import remove_stale, save_index

    encoder = encoder or encoder_for(settings)
    index = build_index(settings, encoder, prebuilt=False)
    log.info("embedded %d abstract sentences for the why-lines", index.store_sentences(settings.cache_dir))
    made = recipe(settings, encoder)
    folder = save_index(index, made, settings.cache_dir)
    for old in remove_stale(settings.cache_dir, folder, made):
        log.info("removed the prebuilt index of an earlier version of the agenda: %s", old)
    return folder, index


def recipe(settings: Settings, encoder: Encoder | None = None):
    """What the settings' prebuilt index is built from (the model: ``encoder``'s, else the one settings will load)."""
    from helper.search.store import Recipe

    model_id = encoder.model_id if encoder is not None else expected_model_id(settings.model, settings.quantise)
    return Recipe(Path(settings.agenda), model_id, (settings.timezone, settings.date_order, settings.columns))


def _log_warnings(agenda: Agenda) -> None:
    for warning in agenda.warnings:
        log.warning("%s: %s", agenda.source, warning)
