"""The project's own errors: each carries what went wrong and how to fix it, in one line."""

from __future__ import annotations


class HelperError(Exception):
    """Base error; ``str()`` is a single line meant for a person, never a traceback."""

    def __init__(self, problem: str, fix: str = "") -> None:
        self.problem = problem
        self.fix = fix
        super().__init__(self.line())

    def line(self) -> str:
        text = self.problem.rstrip(".") + "."
        if self.fix:
            text += " Fix: " + self.fix.rstrip(".") + "."
        return " ".join(text.split())


class AgendaError(HelperError):
    """The agenda file cannot be used."""


class ModelError(HelperError):
    """The embedding model is missing, damaged or cannot be loaded."""


class SettingsError(HelperError):
    """A setting (flag or HELPER_* variable) has a value we cannot use."""
