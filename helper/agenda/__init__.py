"""Agenda exports in, one typed table out.

``formats/`` holds one reader per export format behind one small interface (``formats/base.py``);
``normalise`` turns what a reader found into the typed table every other layer reads (``table.Agenda``).
"""

from helper.agenda.load import load_agenda
from helper.agenda.table import FIELDS, Agenda

__all__ = ["FIELDS", "Agenda", "load_agenda"]
