"""Tests of the Markdown reader and the quotes TSV exporter, written with docpipe.testing."""

import docpipe_markdown
from docpipe import InputItem, Pipeline, Quote
from docpipe.testing import assert_spans_valid, build_document, make_engine, run_cli

NOTE = """\
# Envoy recalled over embassy row

*Example Wire*, 3 March

The ministry said the embassy would stay open
while talks continue.

## Reactions

- Anna Berg: “We will keep the embassy open.”
- Tom Ray declined to comment.

> Nothing has changed since Monday,
> a diplomat said.

```
not = "prose"
```
"""


def read(text: str, name: str = "note.md"):
    reader = make_engine(docpipe_markdown).build_reader("markdown")
    [doc] = reader.read(InputItem(uri=name, data=text.encode("utf-8")))
    return doc


def test_title_and_paragraph_roles():
    doc = read(NOTE)
    assert_spans_valid(doc)
    assert doc.text == NOTE  # the text is kept exactly as read, markup and all
    assert doc.title == "Envoy recalled over embassy row"
    assert [(p.role, doc.span_text(p)) for p in doc.paragraphs] == [
        ("title", "Envoy recalled over embassy row"),
        ("body", "*Example Wire*, 3 March"),
        ("body", "The ministry said the embassy would stay open\nwhile talks continue."),
        ("heading", "Reactions"),
        ("list_item", "Anna Berg: “We will keep the embassy open.”"),
        ("list_item", "Tom Ray declined to comment."),
        ("quote_block", "Nothing has changed since Monday,\n> a diplomat said."),
        ("code", 'not = "prose"'),
    ]


def test_no_level_one_heading_means_no_title():
    doc = read("## Only a section\n\nSome text.\n")
    assert doc.title is None
    assert [p.role for p in doc.paragraphs] == ["heading", "body"]


def test_windows_line_breaks_and_bom():
    doc = read("\ufeff# Title\r\n\r\nBody line.\r\n")
    assert doc.title == "Title"
    assert [doc.span_text(p) for p in doc.paragraphs] == ["Title", "Body line."]


def test_the_cli_reads_md_files_by_suffix(tmp_path):
    path = tmp_path / "note.md"
    path.write_text(NOTE, encoding="utf-8")
    result = run_cli(["-p", "docpipe_markdown", "run", str(path), "--stages", ""],
                     env={"DOCPIPE_DISABLE_PLUGIN_AUTOLOAD": "1"})
    assert result.exit_code == 0, result.stderr
    [record] = result.records
    assert record["format"] == "markdown" and record["title"] == "Envoy recalled over embassy row"


def test_quotes_tsv_exporter(tmp_path):
    text = "“We stay,” said Anna Berg. “It is ‘final’,” Tom Ray said. “And we mean it.”"
    doc = build_document(text, quotes=[
        {"text": "We stay,", "speaker": "Anna Berg"},
        {"text": "It is ‘final’,", "speaker": "Tom Ray"},
        {"text": "final", "nested_in": "q2", "kind": "direct"},
        {"text": "And we mean it.", "speaker": "Tom Ray", "continues": "q2"},
    ], id="d1")
    assert isinstance(doc.quotes[0], Quote)
    target = tmp_path / "out.quotes.tsv"
    exporter = make_engine(docpipe_markdown).registry.exporters["quotes_tsv"].factory(str(target))
    exporter.write(doc)
    exporter.write(build_document("No quotes here.", id="d2"))
    exporter.close()
    rows = [line.split("\t") for line in target.read_text(encoding="utf-8").splitlines()]
    assert rows[0] == list(docpipe_markdown.QuotesTsvExporter.COLUMNS)
    assert [r[2:5] for r in rows[1:]] == [["q1", "Anna Berg", "direct"], ["q2", "Tom Ray", "direct"],
                                          ["q3", "", "direct"], ["q4", "Tom Ray", "direct"]]
    assert rows[3][7] == "q2" and rows[3][9] == "final"
    assert rows[4][8] == "q2" and rows[4][9] == "And we mean it."  # the second part of q2's quotation


def test_the_cli_picks_the_exporter_by_suffix_and_keeps_failures(tmp_path):
    good = tmp_path / "a.md"
    good.write_text("# A\n\ntext\n", encoding="utf-8")
    bad = tmp_path / "b.md"
    bad.write_bytes(b"# B\n\n\xff\xfe broken utf-8\n")
    target = tmp_path / "all.quotes.tsv"
    result = run_cli(["-p", "docpipe_markdown", "run", str(good), str(bad), "--stages", "", "-o", str(target)],
                     env={"DOCPIPE_DISABLE_PLUGIN_AUTOLOAD": "1"})
    assert result.exit_code == 1  # one document failed
    rows = target.read_text(encoding="utf-8").splitlines()
    assert len(rows) == 2 and "\terror\t" in rows[1] and "can't decode" in rows[1]


def test_pipeline_over_a_folder_of_markdown(tmp_path):
    (tmp_path / "one.md").write_text("# One\n\nFirst.\n", encoding="utf-8")
    (tmp_path / "two.markdown").write_text("# Two\n\nSecond.\n", encoding="utf-8")
    docs = list(Pipeline([], engine=make_engine(docpipe_markdown)).run([str(tmp_path)]))
    assert [d.title for d in docs] == ["One", "Two"]
