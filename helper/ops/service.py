"""From settings to a ready index: the one place the app, the CLI, reloads and tests load an agenda and build it."""

from __future__ import annotations

import logging

from helper.agenda import Agenda, load_agenda
from helper.search.coalesce import CoalescingEncoder
from helper.search.encoder import Encoder, load_encoder
from helper.search.index import SearchIndex
from helper.settings import Settings

log = logging.getLogger(__name__)


def agenda_from(settings: Settings) -> Agenda:
    """The agenda file the settings name, read with their time zone, column mapping and date order."""
    return load_agenda(settings.agenda, settings.timezone, settings.column_mapping(), settings.date_order)


def build_index(settings: Settings, encoder: Encoder | None = None) -> SearchIndex:
    agenda = agenda_from(settings)
    for warning in agenda.warnings:
        log.warning("%s: %s", agenda.source, warning)
    encoder = encoder or CoalescingEncoder(load_encoder(settings.model, settings.cache_dir))
    return SearchIndex.build(agenda, encoder, settings.cache_dir, settings.max_query_chars, settings.method)
