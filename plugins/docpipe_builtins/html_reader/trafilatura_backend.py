"""Optional extraction with trafilatura (the ``docpipe[html]`` extra).

trafilatura returns its result as an XML-like tree of ``<p>``, ``<head>``, ``<list>``,
``<quote>``, ``<table>`` elements; they are mapped onto docpipe paragraph roles. Only
the text is taken: metadata always comes from docpipe's own :mod:`.metadata`.
"""

from __future__ import annotations

import functools
import importlib.util

from docpipe_builtins.xml_reader.textbuild import squash

from .extract import ExtractedBlock


@functools.cache
def trafilatura_available() -> bool:
    """True when trafilatura is installed and imports (it needs ``lxml_html_clean`` with lxml >= 5.2)."""
    if importlib.util.find_spec("trafilatura") is None:
        return False
    try:
        import trafilatura  # noqa: F401
    except ImportError:
        return False
    return True


def trafilatura_blocks(markup: str, title: str | None) -> list[ExtractedBlock] | None:
    """The article blocks trafilatura finds, or None when it finds nothing."""
    import trafilatura  # imported lazily: an optional dependency

    result = trafilatura.bare_extraction(markup, include_comments=False, include_tables=True,
                                         with_metadata=False, favor_recall=False)
    if result is None:
        return None
    body = getattr(result, "body", None)
    blocks: list[ExtractedBlock] = []
    if body is not None:
        for el in body:
            tag = el.tag if isinstance(el.tag, str) else ""
            if tag == "list":
                for item in el.iter("item"):
                    text = squash("".join(item.itertext()))
                    if text:
                        blocks.append(ExtractedBlock(text, "body"))
                continue
            text = squash("".join(el.itertext()))
            if not text:
                continue
            role = {"head": "heading", "quote": "body", "table": "body"}.get(tag, "body")
            blocks.append(ExtractedBlock(text, role))
    else:
        text = getattr(result, "text", None) or ""
        blocks = [ExtractedBlock(squash(line), "body") for line in text.splitlines() if squash(line)]
    return blocks or None
