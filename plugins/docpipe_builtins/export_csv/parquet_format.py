"""Parquet: the same tables as CSV, typed, for data teams (needs the ``parquet`` extra: pyarrow).

Rows are buffered up to ``batch_rows`` per table and written as one row group each, so memory is
bounded by the batch size, not the corpus. Each file is written to a temporary file beside the
target and renamed on ``close()``.
"""

from __future__ import annotations

import os

from docpipe.atomic import AtomicFile
from docpipe.model import Document

from .tables import TABLES, check_table, is_folder_target


def _import_pyarrow():  # noqa: ANN202
    try:
        import pyarrow
        import pyarrow.parquet
    except ImportError:
        raise ValueError("the parquet format needs pyarrow: pip install 'docpipe[parquet]'") from None
    return pyarrow, pyarrow.parquet


class _ParquetTable:
    def __init__(self, path: str, table: str, batch_rows: int, compression: str) -> None:
        pa, pq = _import_pyarrow()
        self._pa = pa
        columns, self.rows = TABLES[table]
        types = {"str": pa.string(), "int": pa.int64(), "float": pa.float64()}
        self.schema = pa.schema([(name, types[kind]) for name, kind in columns])
        self._out = AtomicFile(path, "wb")
        self._writer = pq.ParquetWriter(self._out.fh, self.schema, compression=compression)
        self._batch: list[list] = []
        self._batch_rows = batch_rows

    def write(self, doc: Document) -> None:
        self._batch.extend(self.rows(doc))
        if len(self._batch) >= self._batch_rows:
            self._flush()

    def _flush(self) -> None:
        if self._batch:
            columns = list(zip(*self._batch, strict=True))
            self._writer.write_table(self._pa.Table.from_arrays(
                [self._pa.array(col, type=field.type) for col, field in zip(columns, self.schema, strict=True)],
                schema=self.schema))
            self._batch = []
            # Arrow's allocator keeps freed buffers for reuse; hand them back so memory stays flat.
            self._pa.default_memory_pool().release_unused()

    def commit(self) -> None:
        self._flush()
        self._writer.close()
        self._out.commit()

    def abort(self) -> None:
        try:
            self._writer.close()
        finally:
            self._out.abort()


class ParquetExporter:
    """Parquet tables (``.parquet``); cannot go to stdout.

    :param target: a ``.parquet`` file, or a folder (ends with ``/`` or exists) for all tables.
    :param table: the table a single file holds (as for CSV): ``quotes`` (default), ``speakers``,
        ``documents``, ``paragraphs``.
    :param folder: write all tables into the folder ``target`` as ``NAME.parquet``.
    :param batch_rows: rows buffered per table before a row group is written.
    :param compression: Parquet compression codec (``zstd``, ``snappy``, ``gzip``, ``none``).
    """

    def __init__(self, target: str, table: str = "quotes", folder: bool = False, batch_rows: int = 5_000,
                 compression: str = "zstd") -> None:
        if target == "-":
            raise ValueError("Parquet cannot be written to stdout: give an output file or folder with -o")
        check_table(table)
        if folder or is_folder_target(target):
            os.makedirs(target, exist_ok=True)
            names = list(TABLES)
            paths = [os.path.join(target, f"{name}.parquet") for name in names]
        else:
            names, paths = [table], [target]
        self._tables: list[_ParquetTable] = []
        try:
            for name, path in zip(names, paths, strict=True):
                self._tables.append(_ParquetTable(path, name, batch_rows, compression))
        except Exception:
            self.abort()
            raise

    def write(self, doc: Document) -> None:
        for table in self._tables:
            table.write(doc)

    def close(self) -> None:
        for table in self._tables:
            table.commit()

    def abort(self) -> None:
        for table in self._tables:
            table.abort()
