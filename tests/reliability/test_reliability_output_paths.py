"""Guarantee: outputs never escape their target, and the HTML report escapes all text
(docs/guarantees.md, "Outputs never escape their target").

Documents whose id, source, title, speaker names and metadata are hostile (``../../escaped``,
absolute paths, ``<script>``, attribute breakers) are fed through the real CLI to every registered
exporter, to a file target and, for the CSV exporter, to a folder target. Afterwards the only new
files anywhere under the test's directory are the target file or files inside the target folder.
The HTML report is parsed: no injected element or attribute survives, and the hostile strings
appear as text. (The exporters' own tests check this too; this is the independent cross-check.)
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from docpipe import Engine
from docpipe.model import Document, Mention, Paragraph, Quote, Source, Speaker
from docpipe.serialize import document_to_dict
from lxml import html as lxml_html
from reliability_helpers import cli

SCRIPT = "<script>alert('xss')</script>"
ATTR_BREAK = "\"'><img src=x onerror=alert(2)>"
HOSTILE_IDS = ["../../escaped", "../escaped.csv", "/tmp/docpipe-escape-test", "..", "a/../../b", "con", ""]


def _hostile_document(i: int, doc_id: str, tmp: Path) -> Document:
    speaker = f"Ann {SCRIPT} Lee"
    text = (f"Headline {SCRIPT} {ATTR_BREAK}\n"
            f"\u201cWe open {SCRIPT} today {ATTR_BREAK},\u201d said {speaker}.\n")
    q_start = text.index("\u201c") + 1
    q_end = text.index("\u201d")
    s_start = text.index(speaker)
    cue_start = text.index("said")
    return Document(
        id=doc_id or f"empty-{i}",
        source=Source(uri=f"../../{tmp.name}-source-{i}/{SCRIPT}.txt", format="text"),
        text=text,
        title=f"Title {SCRIPT} {ATTR_BREAK}",
        metadata={"path": "../../metadata-escape", "output": str(tmp / "meta-escape"), "html": SCRIPT},
        paragraphs=[Paragraph(0, text.index("\n"), "title"), Paragraph(text.index("\n") + 1, len(text) - 1)],
        quotes=[Quote(f"q{i}", q_start, q_end, speaker=speaker,
                      speaker_mention=Mention(speaker, s_start, s_start + len(speaker)),
                      cue=Mention("said", cue_start, cue_start + 4))],
        speakers=[Speaker(speaker, titles=[f"Minister {SCRIPT}"], mentions=[Mention(speaker, s_start,
                                                                                       s_start + len(speaker))])],
    )


def _snapshot(root: Path) -> set[str]:
    return {str(p.relative_to(root)) for p in root.rglob("*")}


@pytest.fixture
def hostile_input(tmp_path) -> Path:
    path = tmp_path / "work" / "input.jsonl"
    path.parent.mkdir(parents=True)
    with path.open("w", encoding="utf-8") as fh:
        for i, doc_id in enumerate(HOSTILE_IDS):
            fh.write(json.dumps(document_to_dict(_hostile_document(i, doc_id, tmp_path))) + "\n")
    return path


EXPORTERS = sorted(spec.name for spec in Engine().registry.exporters)


@pytest.mark.parametrize("exporter", EXPORTERS)
def test_exporters_write_only_their_target(tmp_path, hostile_input, exporter):
    run_dir = hostile_input.parent
    target = run_dir / "out" / f"result.{exporter}"
    before = _snapshot(tmp_path)
    result = cli("run", str(hostile_input), "--stages", "", "--to", exporter, "-o", str(target), cwd=run_dir)
    assert result.returncode == 0, result.stderr.decode()
    new = _snapshot(tmp_path) - before
    assert new <= {"work/out", f"work/out/result.{exporter}"}, sorted(new)
    assert target.is_file()
    assert not Path("/tmp/docpipe-escape-test").exists()


def test_csv_folder_target_uses_only_fixed_table_names(tmp_path, hostile_input):
    run_dir = hostile_input.parent
    target = run_dir / "tables"
    before = _snapshot(tmp_path)
    result = cli("run", str(hostile_input), "--stages", "", "--to", "csv", "-o", f"{target}{os.sep}", cwd=run_dir)
    assert result.returncode == 0, result.stderr.decode()
    new = _snapshot(tmp_path) - before
    assert all(name == "work/tables" or name.startswith("work/tables/") for name in new), sorted(new)
    assert {Path(n).name for n in new if n != "work/tables"} <= {
        "quotes.csv", "speakers.csv", "documents.csv", "paragraphs.csv"}
    assert not Path("/tmp/docpipe-escape-test").exists()


@pytest.mark.skipif("html" not in EXPORTERS, reason="no html exporter registered")
def test_html_report_escapes_every_hostile_string(tmp_path, hostile_input):
    target = tmp_path / "report.html"
    result = cli("run", str(hostile_input), "--stages", "", "-o", str(target))
    assert result.returncode == 0, result.stderr.decode()
    page = target.read_text(encoding="utf-8")
    assert SCRIPT not in page  # never raw
    assert "<img src=x" not in page
    tree = lxml_html.fromstring(page)
    for script in tree.iter("script"):
        assert "alert" not in (script.text or "")  # the report's own scripts only
    assert not tree.xpath("//img[@onerror]") and not tree.xpath("//*[@onerror]")
    text = tree.text_content()
    assert "alert('xss')" in text  # the hostile text is shown, as text
    for element in tree.iter():
        for name, value in element.attrib.items():
            assert not name.lower().startswith("on") or "alert" not in value
            assert "javascript:" not in value.lower()
