"""A new Gradio session without the price of the whole page's config.

Gradio 6 builds, for every new session (every plain HTTP call to ``/gradio_api/call/search`` that brings no
session, every MCP tool call), the config of *every* component on the page, only so that a deep link
(``gr.DeepLinkButton``, which this page does not use) can later be made from it. On this page (78 blocks) that
was about 8 ms per call, most of a call's cost (bench/scale.py --only api). ``lazy_session_configs`` makes the
config of a block computed when something first reads it: the event loop updates single keys as before, and a
deep link still gets every block, filled in on the way out. Checked against Gradio ``VERIFIED``: another version
is left untouched (and logged), since the patched methods are Gradio's own.
"""

from __future__ import annotations

import logging
from copy import copy

log = logging.getLogger(__name__)

VERIFIED = ("6.31.0",)


def lazy_session_configs() -> bool:
    """Patch Gradio's SessionState once (idempotent); True when the lazy configs are in place."""
    import gradio
    from gradio.state_holder import SessionState

    if getattr(SessionState, "_lazy_configs", False):
        return True
    if gradio.__version__ not in VERIFIED:
        log.info("Gradio %s: each new session builds the whole page's config (the lazy configs are checked on %s)", gradio.__version__, ", ".join(VERIFIED))
        return False
    eager_init = SessionState.__init__

    def __init__(self, blocks) -> None:  # noqa: N807 - replaces SessionState.__init__
        eager_init(self, _NoBlocks(blocks))  # every other field as Gradio sets it, no config built
        self.blocks_config = copy(blocks.default_config)
        self._page_keys = tuple(key for key in self.blocks_config.blocks if key in blocks.blocks)

    def components(self):
        # the deep link's read: each page block's config (built now if nothing built it yet), in the page's order
        # as Gradio's own has them, then any block this session added
        for key in self._page_keys:
            if key not in self.config_values:
                self.config_values[key] = self.blocks_config.config_for_block(key, [], self.blocks_config.blocks[key])
        ordered = {key: self.config_values[key] for key in self._page_keys} | self.config_values
        return (config for config in ordered.values() if config)

    SessionState.__init__ = __init__
    SessionState.components = property(components)
    SessionState._lazy_configs = True
    return True


class _NoBlocks:
    """What Gradio's own ``SessionState.__init__`` reads of the page, with no blocks, so it builds no config."""

    def __init__(self, blocks) -> None:
        self.default_config = _EmptyConfig()
        self.blocks = blocks.blocks


class _EmptyConfig:
    blocks: dict = {}

    def __copy__(self) -> "_EmptyConfig":
        return self
