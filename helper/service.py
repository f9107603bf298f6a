"""Assemble a ready index from settings: the one place the app, CLI and tests build it."""

from __future__ import annotations

import logging

from helper.agenda import load_agenda
from helper.coalesce import CoalescingEncoder
from helper.encoder import Encoder, load_encoder
from helper.index import SearchIndex
from helper.settings import Settings

log = logging.getLogger(__name__)


def build_index(settings: Settings, encoder: Encoder | None = None) -> SearchIndex:
    agenda = load_agenda(settings.agenda, settings.timezone, settings.column_mapping())
    for warning in agenda.warnings:
        log.warning("%s: %s", agenda.source, warning)
    encoder = encoder or CoalescingEncoder(load_encoder(settings.model, settings.cache_dir))
    return SearchIndex.build(agenda, encoder, settings.cache_dir, settings.max_query_chars, settings.method)
