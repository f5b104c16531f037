"""Table exporters: CSV (``csv``) and Parquet (``parquet``, needs pyarrow).

The tables people open in a spreadsheet or a data frame: quotes, speakers, documents and
paragraphs (see :mod:`.tables`). One table goes to one file (option ``table``, default ``quotes``),
or all tables go to a folder (a target ending in ``/``, an existing directory, or option
``folder = true``). Every file is written atomically (temporary file renamed into place), and rows
are written as documents arrive, so memory does not grow with the corpus.
"""

from __future__ import annotations

import docpipe
from docpipe.components import ExporterSpec

from .csv_format import CsvExporter
from .parquet_format import ParquetExporter
from .tables import LIST_SEPARATOR, TABLES, header


@docpipe.hookimpl
def docpipe_register_exporters(register):
    register(ExporterSpec("csv", CsvExporter, suffixes=(".csv",),
                          description="spreadsheet tables: quotes (or speakers, documents, paragraphs); "
                                      "a folder target gets all tables"))
    register(ExporterSpec("parquet", ParquetExporter, suffixes=(".parquet",), binary_target=True,
                          description="the CSV tables as typed Parquet files (needs pyarrow: docpipe[parquet])"))


__all__ = ["LIST_SEPARATOR", "TABLES", "CsvExporter", "ParquetExporter", "header"]
