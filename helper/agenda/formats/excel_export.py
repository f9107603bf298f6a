"""Excel workbooks (.xlsx), as Sessionize and Whova export agendas: the sheet whose header row names the sessions'
columns is read as a CSV export is (``csv_export.table_agenda``)."""

from __future__ import annotations

import io
import zipfile

import pandas as pd

from helper.agenda.formats.base import RawAgenda, Source
from helper.agenda.formats.csv_export import table_agenda
from helper.agenda.formats.csv_layouts import detect_layout
from helper.agenda.text import normalize_header
from helper.errors import AgendaError

HEADER_SEARCH_ROWS = 10  # a title or instructions above the header row: look this far down for it


class ExcelReader:
    kind = "Excel workbook (.xlsx: Sessionize, Whova)"

    def accepts(self, source: Source) -> bool:
        if source.is_dir or not source.head(4).startswith(b"PK\x03\x04"):
            return False
        try:
            with zipfile.ZipFile(source.path) as archive:
                return "xl/workbook.xml" in archive.namelist()
        except zipfile.BadZipFile:
            return False

    def read(self, source: Source, columns: dict[str, str]) -> RawAgenda:
        sheets = _sheets(source.data, source.name)
        wanted = {normalize_header(c) for c in columns.values()}
        for sheet_name, cells in sheets.items():
            header = _header_row(cells, wanted)
            if header is None:
                continue
            warnings = _left_out(sheets, sheet_name, header, source.name)
            return table_agenda(_table(cells, header), f"{source.name}, sheet {sheet_name!r}", columns, warnings)
        filled = [name for name, cells in sheets.items() if not cells.empty]
        if not filled:
            raise AgendaError(f"{source.name}: every sheet is empty", "export the agenda again, with the sessions in the first sheet")
        # no sheet has a header row we know: the first sheet's first row, so the message names its columns
        return table_agenda(_table(sheets[filled[0]], 0), f"{source.name}, sheet {filled[0]!r}", columns, [])


def _sheets(raw: bytes, name: str) -> dict[str, pd.DataFrame]:
    """Every sheet as text cells without a header ("" where a cell is empty), rows with nothing in them dropped."""
    try:
        sheets = pd.read_excel(io.BytesIO(raw), sheet_name=None, header=None, dtype=str, keep_default_na=False)
    except ImportError:
        raise AgendaError(f"{name} is an Excel workbook and openpyxl is not installed", "pip install -r requirements-serve.txt, or save the sheet as CSV (UTF-8)") from None
    except Exception as exc:  # openpyxl raises zipfile, XML and its own errors for a damaged workbook
        raise AgendaError(f"{name} is not a readable Excel workbook ({type(exc).__name__}: {exc})", "open it in Excel or LibreOffice and save it again as .xlsx, or as CSV (UTF-8)") from None
    return {str(sheet): cells.loc[(cells.apply(lambda column: column.str.strip()) != "").any(axis=1)].reset_index(drop=True)
            for sheet, cells in sheets.items()}


def _header_row(cells: pd.DataFrame, wanted: set[str]) -> int | None:
    """The first of the sheet's top rows that reads as a header: a layout we know, or all the columns mapped by hand."""
    for row in range(min(HEADER_SEARCH_ROWS, len(cells))):
        headers = {normalize_header(v) for v in cells.iloc[row] if v.strip()}
        if (wanted and wanted <= headers) or (not wanted and detect_layout(headers) is not None):
            return row
    return None


def _table(cells: pd.DataFrame, header: int) -> pd.DataFrame:
    names = [normalize_header(v) if v.strip() else f"unnamed: {i}" for i, v in enumerate(cells.iloc[header])]
    table = cells.iloc[header + 1 :].reset_index(drop=True)
    table.columns = names
    return table.loc[:, ~table.columns.duplicated()]


def _left_out(sheets: dict[str, pd.DataFrame], read: str, header: int, name: str) -> list[str]:
    """What of the workbook is not read, counted: rows above the header row, and the other sheets' rows."""
    warnings = [f"{name}: skipped {header} row(s) above the header row of sheet {read!r}"] if header else []
    others = [f"{sheet!r} ({len(cells)} rows with text)" for sheet, cells in sheets.items() if sheet != read and not cells.empty]
    if others:
        warnings.append(f"{name}: read sheet {read!r}; {len(others)} other sheet(s) not read: {', '.join(others)}")
    return warnings


READER = ExcelReader()
