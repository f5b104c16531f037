"""HTML report: self-contained, escaped, quotes highlighted per speaker; checked in a real headless browser."""

from __future__ import annotations

import colorsys
import re
import shutil
import struct
import subprocess
import tempfile
from pathlib import Path

import pytest
from lxml import html as lxml_html

from docpipe.model import Quote, make_document
from docpipe_builtins.export_html import HtmlExporter, speaker_colours


def _export(docs, target, **options) -> str:
    exporter = HtmlExporter(str(target), **options)
    for doc in docs:
        exporter.write(doc)
    exporter.close()
    return Path(target).read_text(encoding="utf-8")


def test_page_is_self_contained_and_escaped(tmp_path, corpus):
    page = _export(corpus, tmp_path / "r.html")
    tree = lxml_html.fromstring(page)
    # The quote and the title both contain "<script>": it must only ever appear as text.
    assert tree.xpath("//script") == []
    assert "<script>" not in page and "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert tree.xpath("//article[1]/h2")[0].text_content() == corpus[0].title
    # No network: no external stylesheets, scripts, images, or absolute links.
    assert tree.xpath("//link | //img | //iframe | //object") == []
    assert not [a for a in tree.xpath("//a/@href") if not a.startswith("#")]
    assert tree.xpath("//style")


def test_every_internal_link_has_a_target(tmp_path, corpus):
    tree = lxml_html.fromstring(_export(corpus, tmp_path / "r.html"))
    ids = set(tree.xpath("//@id"))
    hrefs = set(tree.xpath("//a/@href"))
    assert hrefs and {h[1:] for h in hrefs} <= ids


def test_quotes_speakers_duplicates_and_boilerplate(tmp_path, corpus):
    tree = lxml_html.fromstring(_export(corpus, tmp_path / "r.html"))
    first = tree.xpath("//article[1]")[0]
    marks = {m.get("id").split("-q-")[1]: m for m in first.xpath(".//mark")}
    assert set(marks) == {"q1", "q2", "q2-2", "q3", "q4", "q5", "q6"}
    frame, background = speaker_colours("Anna Berg")
    assert background in marks["q1"].get("style") and background in marks["q2-2"].get("style")
    assert speaker_colours("Tom Ray")[1] in marks["q5"].get("style")
    assert marks["q3"].getparent() is marks["q2"]  # nested quote nested
    assert "unattributed" in marks["q3"].get("class")
    assert marks["q5"].text == "No <script>alert(1)</script> decision yet & nothing final."
    assert "dup" in marks["q6"].get("class").split()
    assert marks["q6"].xpath("a[@class='rep']/@href") == ["#" + marks["q1"].get("id")]
    assert marks["q2"].xpath("a[@class='part']/@href") == ["#" + marks["q2-2"].get("id")]
    assert "indirect" in marks["q4"].get("class")
    details = first.xpath(".//details[@class='boilerplate']")
    assert len(details) == 1 and "Subscribe to our newsletter" in details[0].text_content()
    assert first.xpath(".//p[contains(@class, 'dup-para')]/a[@class='rep']/@href")
    copy = tree.xpath("//article[2]")[0]
    assert "dup-doc" in copy.get("class")
    assert copy.xpath(".//p[@class='note-dup']/a/@href") == [f"#{first.get('id')}"]
    error = tree.xpath("//article[4]//div[@class='error']")[0].text_content()
    assert "ingest failed" in error and "UnicodeDecodeError" in error


def test_speakers_index_and_statistics(tmp_path, corpus):
    tree = lxml_html.fromstring(_export(corpus, tmp_path / "r.html", index_links=3))
    rows = tree.xpath("//section[@id='speakers']//tbody/tr")
    cells = [[td.text_content() for td in row.xpath("td")[:4]] for row in rows]
    assert cells == [["Anna Berg", "Foreign Minister", "8", "2"], ["Tom Ray", "spokesman", "2", "2"]]
    berg_links = rows[0].xpath(".//td[@class='links']/a")
    assert len(berg_links) == 3 and "and 5 more" in rows[0].text_content()
    stats = dict(zip(tree.xpath("//section[@id='statistics']//dt/text()"),
                     tree.xpath("//section[@id='statistics']//dd/text()"), strict=True))
    assert stats["documents"] == "4" and stats["failed"] == "1" and stats["quotes"] == "12"
    assert stats["duplicate quotes"] == "2" and stats["indirect quotes"] == "2" and stats["speakers"] == "2"


def test_quotes_crossing_inside_one_paragraph_stay_well_nested(tmp_path):
    doc = make_document("one two three four five").evolve(
        quotes=[Quote("a", 0, 13, speaker="X"), Quote("b", 8, 18, speaker="Y")])
    page = _export([doc], tmp_path / "x.html")
    tree = lxml_html.fromstring(page)
    text = {m.get("id").split("-q-")[1]: "".join(m.xpath(".//text()[not(ancestor::a)]")) for m in tree.xpath("//mark")}
    assert text == {"a": "one two three", "b": "three", "b-2": " four"}
    assert "".join(tree.xpath("//p[contains(@class,'para')]")[0].xpath(".//text()[not(ancestor::a)]")) == doc.text


def _find_browser() -> str | None:
    for name in ("chromium", "chromium-browser", "google-chrome", "chrome"):
        path = shutil.which(name)
        if path:
            return path
    return None


def _png_size(path: Path) -> tuple[int, int]:
    data = path.read_bytes()[:24]
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "the screenshot is not a PNG"
    return struct.unpack(">II", data[16:24])


@pytest.mark.browser
@pytest.mark.skipif(_find_browser() is None, reason="no headless Chromium installed (apt-get install chromium)")
def test_renders_in_headless_chromium(tmp_path, corpus):
    page = tmp_path / "report.html"
    _export(corpus, page)
    base = [_find_browser(), "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
            "--disable-component-update", "--disable-sync", "--no-first-run"]
    with tempfile.TemporaryDirectory() as profile:
        dom = subprocess.run([*base, f"--user-data-dir={profile}", "--dump-dom", page.as_uri()],
                             capture_output=True, text=True, timeout=120, check=True).stdout
    # The browser parsed the page as intended: every highlight (7 pieces in each briefing), no script element.
    assert len(re.findall(r"<mark ", dom)) == 14 and "<script" not in dom
    shot = tmp_path / "report.png"
    with tempfile.TemporaryDirectory() as profile:
        subprocess.run([*base, f"--user-data-dir={profile}", f"--screenshot={shot}", "--window-size=1200,1600",
                        page.as_uri()], capture_output=True, timeout=120, check=True)
    assert _png_size(shot) == (1200, 1600)
    image_module = pytest.importorskip("PIL.Image", reason="Pillow is needed to check colours on the screenshot")
    colours = image_module.open(shot).convert("RGB").getcolors(maxcolors=1 << 24)
    for speaker in ("Anna Berg", "Tom Ray"):
        hue = int(re.search(r"hsl\((\d+)", speaker_colours(speaker)[1]).group(1))
        r, g, b = (round(c * 255) for c in colorsys.hls_to_rgb(hue / 360, 0.86, 0.85))
        near = sum(n for n, (cr, cg, cb) in colours if abs(cr - r) + abs(cg - g) + abs(cb - b) <= 12)
        assert near > 500, f"no highlight in {speaker}'s colour on the screenshot"


def test_index_scratch_file_is_removed_on_close_and_abort(tmp_path, corpus, monkeypatch):
    scratch = tmp_path / "scratch"
    scratch.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(scratch))
    _export(corpus, tmp_path / "done.html")
    exporter = HtmlExporter(str(tmp_path / "aborted.html"))
    exporter.write(corpus[0])
    assert len(list(scratch.iterdir())) == 1  # the speakers index waits on disk, not in memory
    exporter.abort()
    assert list(scratch.iterdir()) == []
    assert sorted(p.name for p in tmp_path.iterdir()) == ["done.html", "scratch"]
