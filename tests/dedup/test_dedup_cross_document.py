"""Cross-document dedup: exact and near duplicates, abridged and noisy copies, shared paragraphs."""

from __future__ import annotations

import pickle

from dedup_texts import document, ocr_noise, story
from docpipe import Pipeline
from docpipe_builtins.dedup.stage import SKETCH_KEY, DedupStage


def run(stage, docs):
    return list(stage.finalize(stage.process(d) for d in docs))


def story_doc(seed, id, paragraphs=8, **kw):
    return document([f"Headline number {seed}", *story(seed, paragraphs)], id=id, **kw)


def test_exact_duplicate_by_normalised_content_hash():
    lines = ["Pier closes", *story(1, 5)]
    original = document(lines, id="orig")
    # Same words; different case, quote marks, dashes and whitespace.
    copy = document([line.upper().replace(",", " ,") + "  " for line in lines], id="copy")
    out = run(DedupStage(), [original, copy, story_doc(2, "other")])
    assert [d.duplicate_of for d in out] == [None, "orig", None]
    assert out[1].metadata["dedup"]["method"] == "exact"
    assert out[1].metadata["dedup"]["similarity"] == 1.0
    assert all(SKETCH_KEY not in d.metadata for d in out)
    assert [d.text for d in out] == [original.text, copy.text, out[2].text]


def test_near_duplicate_with_wire_dateline_footer_and_a_dropped_paragraph():
    paras = story(3, 8)
    copy = ["Headline number 3", "LONDON (Wire) - " + paras[0], *paras[1:5], *paras[6:],
            "Reporting by A. Writer; editing by B. Editor"]
    out = run(DedupStage(), [story_doc(3, "a"), story_doc(4, "b"), document(copy, id="c")])
    assert [d.duplicate_of for d in out] == [None, None, "a"]
    info = out[2].metadata["dedup"]
    assert info["method"] == "minhash" and info["representative"] == "a" and info["similarity"] >= 0.5


def test_abridged_copy_is_found_by_containment():
    paras = story(5, 12)
    abridged = document(["Headline number 5", *paras[:4]], id="short")  # about a third of the story
    out = run(DedupStage(), [story_doc(5, "full", 12), story_doc(6, "x", 12), abridged])
    assert out[2].duplicate_of == "full"
    info = out[2].metadata["dedup"]
    assert info["match"] == "containment" and info["jaccard"] < 0.5 and info["containment"] >= 0.8


def test_ocr_noised_copy_is_found():
    original = story_doc(7, "clean")
    noisy = document([ocr_noise(line, 0.01, seed=i) for i, line in enumerate(original.text.split("\n"))],
                     id="scanned")
    out = run(DedupStage(), [original, story_doc(8, "y"), noisy])
    assert out[2].duplicate_of == "clean"


def test_stories_sharing_one_background_paragraph_are_not_duplicates():
    background = story(99, 1)[0]
    first = document(["Headline A", *story(10, 4), background, *story(11, 3)], id="A")
    second = document(["Headline B", *story(12, 3), background, *story(13, 4)], id="B")
    out = run(DedupStage(), [first, second])
    assert [d.duplicate_of for d in out] == [None, None]


def test_every_duplicate_points_at_the_cluster_representative():
    base = story_doc(20, "first")
    second = document(base.text.split("\n")[:-1], id="second")  # drop the last paragraph
    third = document(second.text.split("\n")[:-1], id="third")  # and one more
    out = run(DedupStage(), [base, second, third])
    assert [d.duplicate_of for d in out] == [None, "first", "first"]


def test_unrelated_stories_are_left_alone_and_order_is_kept():
    docs = [story_doc(100 + i, f"d{i}") for i in range(30)]
    out = run(DedupStage(), docs)
    assert [d.id for d in out] == [d.id for d in docs]
    assert all(d.duplicate_of is None and "dedup" not in d.metadata for d in out)


def test_finalize_without_process_and_error_documents_pass_through():
    from docpipe import error_document

    stage = DedupStage()
    broken = error_document("missing.txt", "ingest", "no such file")
    a, b = story_doc(30, "a"), story_doc(30, "b")
    out = list(stage.finalize(iter([a, broken, b])))
    assert [d.duplicate_of for d in out] == [None, None, "a"]
    assert out[1].errors


def test_stage_is_picklable_and_registered_in_the_pipeline():
    stage = pickle.loads(pickle.dumps(DedupStage(num_perm=64, bands=32, rows=2)))
    assert stage.num_perm == 64
    docs = [story_doc(40, "p"), story_doc(40, "q"), story_doc(41, "r")]
    out = list(Pipeline(stages=["dedup"], jobs=1).run(docs))
    assert [d.duplicate_of for d in out] == [None, "p", None]


def test_bad_options_are_refused():
    import pytest

    with pytest.raises(ValueError):
        DedupStage(bands=100, rows=2, num_perm=128)
    with pytest.raises(ValueError):
        DedupStage(shingle="sentence")
    with pytest.raises(ValueError):
        DedupStage(jaccard_threshold=1.5)


def test_processed_documents_pickle_and_equal_their_evolved_form():
    """Documents cross process boundaries between process and finalize (spawned workers)."""
    stage = DedupStage()
    doc = story_doc(50, "pickled")
    processed = stage.process(doc)
    again = pickle.loads(pickle.dumps(processed))
    assert again == processed and dict(again.metadata) == dict(processed.metadata)
    (out,) = stage.finalize(iter([again]))
    assert dict(out.metadata) == dict(doc.metadata)
    assert pickle.loads(pickle.dumps(out)) == out


def test_cli_run_with_two_worker_processes(tmp_path):
    import subprocess
    import sys
    from pathlib import Path

    repo = Path(__file__).resolve().parents[2]
    folder = tmp_path / "in"
    folder.mkdir()
    lines = ["Headline number 60", *story(60, 6)]
    (folder / "a.txt").write_text("\n\n".join(lines) + "\n", encoding="utf-8")
    (folder / "b.txt").write_text("\n\n".join(lines[:-1]) + "\n", encoding="utf-8")
    (folder / "c.txt").write_text("\n\n".join(["Other", *story(61, 6)]) + "\n", encoding="utf-8")
    out = tmp_path / "out.jsonl"
    env = {"PYTHONPATH": f"{repo / 'core'}:{repo / 'plugins'}", "PATH": ""}
    proc = subprocess.run([sys.executable, "-m", "docpipe", "run", str(folder), "-o", str(out), "--stages", "dedup",
                           "-j", "2", "--no-progress", "-q"], capture_output=True, text=True, env=env, timeout=300,
                          check=False)
    assert proc.returncode == 0, proc.stderr
    import json

    rows = {Path(r["source"]).name: r for r in map(json.loads, out.read_text().splitlines())}
    assert rows["b.txt"]["duplicate_of"] == rows["a.txt"]["id"]
    assert rows["c.txt"]["duplicate_of"] is None and "_dedup_sketch" not in rows["a.txt"]["metadata"]
