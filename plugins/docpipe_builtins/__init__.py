"""The built-in plugins of docpipe.

Each module below is an ordinary pluggy plugin, loaded by module path exactly as a
third-party plugin is loaded from an entry point: block one with ``-p no:NAME`` and
register your own component under the same name to replace it.
"""

#: (plugin name, module path), in load order.
BUILTIN_PLUGINS: tuple[tuple[str, str], ...] = (
    ("docpipe.text", "docpipe_builtins.text_reader"),
    ("docpipe.json", "docpipe_builtins.json_reader"),
    ("docpipe.html", "docpipe_builtins.html_reader"),
    ("docpipe.xml", "docpipe_builtins.xml_reader"),
    ("docpipe.quotes", "docpipe_builtins.quotes"),
    ("docpipe.dedup", "docpipe_builtins.dedup"),
    ("docpipe.export_json", "docpipe_builtins.export_json"),
    ("docpipe.export_summary", "docpipe_builtins.export_summary"),
    ("docpipe.export_csv", "docpipe_builtins.export_csv"),
    ("docpipe.export_xml", "docpipe_builtins.export_xml"),
    ("docpipe.export_sqlite", "docpipe_builtins.export_sqlite"),
    ("docpipe.export_html", "docpipe_builtins.export_html"),
    ("docpipe.local", "docpipe_builtins.local_executor"),
    ("docpipe.dask", "docpipe_builtins.dask_executor"),
)
