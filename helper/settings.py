"""One settings object. Precedence: command-line flag > HELPER_* environment variable > default."""

from __future__ import annotations

import dataclasses
import os
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Mapping
from zoneinfo import ZoneInfoNotFoundError

from helper.errors import SettingsError

BUNDLED_MODEL = "all-MiniLM-L6-v2"
# ranking methods (helper.search.ranking.METHODS; spelled here so reading settings imports no numpy)
METHODS = ("hybrid", "dense", "bm25")


def default_cache_dir() -> Path:
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("conference-helper"))


@dataclass(frozen=True)
class Settings:
    agenda: Path = Path("sessions.csv")
    host: str = "127.0.0.1"
    port: int = 7860
    model: str = BUNDLED_MODEL
    cache_dir: Path = field(default_factory=default_cache_dir)
    timezone: str = ""  # "": the zone the export states, else the offset its times carry, else UTC
    date_order: str = ""  # "day-first" / "month-first" for 05/06/2026 dates the file does not settle
    columns: str = ""
    top_k: int = 3
    max_query_chars: int = 500
    kiosk: bool = False
    now: datetime | None = None
    public_url: str = ""
    idle_seconds: int = 90
    reload_seconds: float = 5.0  # how often the agenda file is checked for changes; 0 turns it off
    method: str = "hybrid"  # ranking: the hybrid, or one signal alone ("dense", "bm25") to compare
    mcp: bool = True  # serve the MCP tools at /gradio_api/mcp/ (never on a kiosk)
    quantise: bool = False  # embed with the int8 ONNX model (faster cold embedding; its cost in docs/deploy.md)
    replicas: int = 1  # serve: this many app processes behind Debian's nginx (helper.ops.replicas)

    def column_mapping(self) -> dict[str, str]:
        return parse_column_mapping(self.columns)


# name -> (environment variable, parser)
def _parse_bool(text: str) -> bool:
    lowered = text.strip().lower()
    if lowered in {"1", "true", "yes", "on"}:
        return True
    if lowered in {"0", "false", "no", "off", ""}:
        return False
    raise ValueError(f"expected 1/0, true/false or yes/no, got {text!r}")


def _parse_now(text: str) -> datetime:
    return datetime.fromisoformat(text.strip())


_PARSERS = {
    "agenda": Path,
    "host": str,
    "port": int,
    "model": str,
    "cache_dir": Path,
    "timezone": str,
    "date_order": lambda text: text.strip().lower(),
    "columns": str,
    "top_k": int,
    "max_query_chars": int,
    "kiosk": _parse_bool,
    "now": _parse_now,
    "public_url": str,
    "idle_seconds": int,
    "reload_seconds": float,
    "method": lambda text: text.strip().lower(),
    "mcp": _parse_bool,
    "quantise": _parse_bool,
    "replicas": int,
}


def env_name(name: str) -> str:
    return "HELPER_" + name.upper()


def load_settings(overrides: Mapping[str, object] | None = None, env: Mapping[str, str] | None = None) -> Settings:
    """Build settings from defaults, then ``HELPER_*`` variables, then explicit overrides (flags).

    Overrides whose value is ``None`` are ignored, so argparse defaults of ``None`` mean "not given".
    """
    env = os.environ if env is None else env
    values: dict[str, object] = {}
    for name, parse in _PARSERS.items():
        raw = env.get(env_name(name))
        if raw is None or raw == "":
            continue
        try:
            values[name] = parse(raw)
        except ValueError as exc:
            raise SettingsError(f"{env_name(name)}={raw!r} is not valid ({exc})", f"set {env_name(name)} to a valid value or unset it") from None
    # Hugging Face Spaces and other Gradio hosts say where to listen through Gradio's own variables
    if "host" not in values and env.get("GRADIO_SERVER_NAME"):
        values["host"] = env["GRADIO_SERVER_NAME"]
    if "port" not in values and env.get("GRADIO_SERVER_PORT", "").isdigit():
        values["port"] = int(env["GRADIO_SERVER_PORT"])
    for name, value in (overrides or {}).items():
        if value is not None:
            values[name] = value
    settings = dataclasses.replace(Settings(), **values)
    _validate(settings)
    return settings


def _validate(settings: Settings) -> None:
    from helper.agenda.times import DATE_ORDERS, tzinfo_for

    try:
        settings.timezone and tzinfo_for(settings.timezone)
    except (ZoneInfoNotFoundError, ValueError):
        raise SettingsError(f"unknown time zone {settings.timezone!r}", "use an IANA name such as Europe/Berlin or America/Chicago (HELPER_TIMEZONE / --timezone)") from None
    if settings.date_order and settings.date_order not in DATE_ORDERS:
        raise SettingsError(f"unknown date order {settings.date_order!r}", f"use {' or '.join(DATE_ORDERS)} (HELPER_DATE_ORDER / --date-order)")
    if not 0 < settings.port < 65536:
        raise SettingsError(f"port {settings.port} is out of range", "use a port between 1 and 65535")
    if settings.method not in METHODS:
        raise SettingsError(f"unknown ranking method {settings.method!r}", f"use one of: {', '.join(METHODS)} (HELPER_METHOD / --method; default hybrid)")
    if not 1 <= settings.top_k <= 50:
        raise SettingsError(f"top-k {settings.top_k} is out of range", "use a value between 1 and 50")
    if not 1 <= settings.replicas <= 64:
        raise SettingsError(f"{settings.replicas} replicas is out of range", "use 1 to 64 (HELPER_REPLICAS / --replicas); about one per core")
    settings.column_mapping()


def parse_column_mapping(text: str) -> dict[str, str]:
    """Parse ``title=Session Name,abstract=Blurb`` into ``{"title": "Session Name", ...}``."""
    from helper.agenda.table import FIELDS

    mapping: dict[str, str] = {}
    for part in filter(None, (p.strip() for p in text.split(","))):
        field_name, sep, column = part.partition("=")
        field_name = field_name.strip().lower()
        if not sep or not column.strip():
            raise SettingsError(f"column mapping part {part!r} has no '='", "write it as field=Column Name, e.g. --columns 'title=Session Name,abstract=Blurb'")
        if field_name not in FIELDS:
            raise SettingsError(f"unknown field {field_name!r} in column mapping", f"use one of: {', '.join(FIELDS)}")
        mapping[field_name] = column.strip()
    return mapping


def to_env(settings: Settings) -> dict[str, str]:
    """``HELPER_*`` variables that give a child process these same settings (paths made absolute)."""
    env: dict[str, str] = {}
    for name in _PARSERS:
        value = getattr(settings, name)
        if value is None:
            continue
        if isinstance(value, bool):
            text = "1" if value else "0"
        elif isinstance(value, Path):
            text = str(value.resolve())
        elif isinstance(value, datetime):
            text = value.isoformat()
        else:
            text = str(value)
        env[env_name(name)] = text
    return env
