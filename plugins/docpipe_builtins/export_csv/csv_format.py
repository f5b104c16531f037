"""CSV: RFC 4180 quoting through the ``csv`` module, UTF-8 (optionally with a BOM), one atomic file per table."""

from __future__ import annotations

import csv
import io
import os
import sys

from docpipe.atomic import AtomicFile
from docpipe.model import Document

from .tables import TABLES, check_table, header, is_folder_target


#: A spreadsheet reads a cell starting with one of these as a formula ("CSV injection"); quoted text
#: from untrusted documents can start with them ('=HYPERLINK("http://…")', '@SUM(…)').
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def _cell(value: object, escape_formulas: bool) -> object:
    if value is None:
        return ""
    if escape_formulas and isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value  # the apostrophe spreadsheets show as "this is text"
    return value


class _TableWriter:
    """One CSV table going to one atomic file (or stdout)."""

    def __init__(self, path: str, table: str, bom: bool, escape_formulas: bool = False) -> None:
        self.rows = TABLES[table][1]
        self.escape_formulas = escape_formulas
        if path == "-":
            self._out = AtomicFile("-")
            sys.stdout.flush()  # keep anything already printed before our rows
            # stdout may not be UTF-8 (a Windows console); write UTF-8 bytes to its buffer.
            self._stream = io.TextIOWrapper(sys.stdout.buffer, encoding="utf-8", newline="", write_through=True)
        else:
            self._out = AtomicFile(path, encoding="utf-8", newline="")
            self._stream = self._out.fh
        if bom:
            self._stream.write("\ufeff")
        self._csv = csv.writer(self._stream)  # excel dialect: RFC 4180 quoting, CRLF line ends
        self._csv.writerow(header(table))

    def write(self, doc: Document) -> None:
        escape = self.escape_formulas
        self._csv.writerows([_cell(value, escape) for value in row] for row in self.rows(doc))

    def commit(self) -> None:
        if self._out.path == "-":
            self._stream.flush()
            self._stream.detach()  # leave sys.stdout.buffer open
        self._out.commit()

    def abort(self) -> None:
        self._out.abort()


class CsvExporter:
    """Spreadsheet tables.

    :param target: a ``.csv`` file, ``-`` for stdout, or a folder (ends with ``/`` or exists).
    :param table: which table a single file holds: ``quotes`` (default), ``speakers``, ``documents``,
        ``paragraphs``. Ignored in folder mode, which writes them all.
    :param folder: write all tables into the folder ``target`` even if it does not end with ``/``.
    :param bom: start each file with a UTF-8 byte order mark, so spreadsheet programs detect UTF-8.
    :param escape_formulas: prefix text cells that a spreadsheet would run as a formula (starting with
        ``= + - @``, tab or carriage return) with ``'``. For files opened in Excel or LibreOffice; off by
        default because it changes the text that programs reading the CSV see.
    """

    def __init__(self, target: str = "-", table: str = "quotes", folder: bool = False, bom: bool = False,
                 escape_formulas: bool = False) -> None:
        check_table(table)
        if folder or is_folder_target(target):
            if target == "-":
                raise ValueError("folder output needs a folder path with -o, not stdout")
            os.makedirs(target, exist_ok=True)
            self._writers = [_TableWriter(os.path.join(target, f"{name}.csv"), name, bom, escape_formulas)
                             for name in TABLES]
        else:
            self._writers = [_TableWriter(target, table, bom, escape_formulas)]

    def write(self, doc: Document) -> None:
        for writer in self._writers:
            writer.write(doc)

    def close(self) -> None:
        for writer in self._writers:
            writer.commit()

    def abort(self) -> None:
        for writer in self._writers:
            writer.abort()
