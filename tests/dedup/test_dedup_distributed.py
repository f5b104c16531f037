"""The dedup stage's distributed corpus pass (``band_keys`` + ``link``) equals its ``finalize``.

The Dask executor (``synchronous`` scheduler) computes the band keys in its tasks, shuffles
them into candidate edges and calls ``DedupStage.link``; the serial pipeline calls
``DedupStage.finalize``. Both must give the same documents, byte for byte.
"""

from __future__ import annotations

import json

import pytest
from dedup_texts import document, ocr_noise, story
from docpipe import Pipeline
from docpipe.serialize import document_to_dict
from docpipe_builtins.dedup.stage import SKETCH_KEY, DedupStage

pytest.importorskip("dask.bag")
pytest.importorskip("distributed")

pytestmark = pytest.mark.dask


def story_doc(seed, id, paragraphs=8):
    return document([f"Headline number {seed}", *story(seed, paragraphs)], id=id)


def corpus():
    """Originals, exact copies (other case and spacing), near copies, abridged copies, noise, repeats."""
    docs = []
    for seed in range(6):
        paras = story(seed, 12)
        docs.append(document([f"Headline number {seed}", *paras], id=f"orig{seed}"))
    for seed in range(6, 12):
        docs.append(story_doc(seed, f"other{seed}"))
    originals = {d.id: d for d in docs}
    for seed in range(6):
        paras = story(seed, 12)
        lines = [f"Headline number {seed}", *paras]
        docs.append(document([line.upper() + "  " for line in lines], id=f"exact{seed}"))
        docs.append(document([lines[0], "LONDON (Wire) - " + paras[0], *paras[1:5], *paras[6:],
                              "Reporting by A. Writer"], id=f"near{seed}"))
        docs.append(document([lines[0], *paras[:4]], id=f"abridged{seed}"))
        noisy = originals[f"orig{seed}"].text.split("\n")
        docs.append(document([ocr_noise(line, 0.01, seed=i) for i, line in enumerate(noisy)], id=f"noisy{seed}"))
    # A copy of a copy (joins the first cluster), a repeated document id, and an empty document.
    docs.append(document([line.lower() for line in docs[-1].text.split("\n")], id="copy-of-noisy"))
    docs.append(story_doc(7, "other7"))
    docs.append(document([""], id="empty", title=False))
    # Interleave so duplicates come from other work units of the Dask bag.
    return docs[::2] + docs[1::2]


def dumped(docs):
    return [json.dumps(document_to_dict(d), sort_keys=True, ensure_ascii=False) for d in docs]


def run_both(docs, **options):
    serial_stage = DedupStage(**options)
    serial = list(Pipeline(stages=[serial_stage], jobs=1).run(docs))
    stage = DedupStage(**options)
    pipeline = Pipeline(stages=[stage], executor="dask", jobs=1, stage_options={})
    pipeline.config.executors["dask"] = {"scheduler": "synchronous", "partition_size": 3, "distributed_corpus": True}
    distributed = list(pipeline.run(docs))
    return serial, serial_stage, distributed, stage


@pytest.mark.parametrize("options", [{}, {"merge_clusters": True}, {"max_candidates": 1},
                                     {"shingle": "char", "shingle_size": 5}])
def test_link_through_the_dask_shuffle_equals_finalize(options):
    serial, serial_stage, distributed, stage = run_both(corpus(), **options)
    assert serial_stage.last_run["pass"] == "finalize"
    assert stage.last_run["pass"] == "link" and stage.last_run["edges"] > 0  # the protocol path ran
    assert distributed == serial
    assert dumped(distributed) == dumped(serial)
    assert all(SKETCH_KEY not in d.metadata for d in distributed)
    methods = {d.metadata["dedup"]["method"] for d in serial if d.duplicate_of}
    assert {"exact", "minhash"} <= methods
    assert stage.last_run["duplicates"] == serial_stage.last_run["duplicates"]
    if "shingle" in options:  # character shingles of the generated vocabulary also join unrelated stories
        return
    cluster = {d.id: d.duplicate_of or d.id for d in serial}
    for seed in range(6):  # the interleaving may put a copy before its original: compare clusters
        assert cluster[f"exact{seed}"] == cluster[f"near{seed}"] == cluster[f"abridged{seed}"] == cluster[f"orig{seed}"]
    assert len(set(cluster.values())) == 6 + 6 + 1  # six stories with copies, six others, the empty one


def test_band_keys_hold_the_exact_hash_key_and_every_band():
    stage = DedupStage(bands=16, rows=4, num_perm=64)
    a = stage.process(story_doc(1, "a"))
    b = stage.process(document([line.upper() for line in a.text.split("\n")], id="b"))
    keys_a, keys_b = stage.band_keys(a), stage.band_keys(b)
    assert len(keys_a) == 1 + 16 and all(isinstance(k, (str, int)) for k in keys_a)
    assert keys_a[0].startswith("h") and keys_a == keys_b  # exact copies meet on every key
    assert stage.band_keys(stage.process(document([""], id="empty", title=False))) == []
    assert DedupStage(cross_document=False).band_keys(a) == []


def test_with_a_persistent_index_link_runs_finalize(tmp_path):
    docs = corpus()
    first = DedupStage(index=str(tmp_path / "serial.sqlite"))
    reference = list(Pipeline(stages=[first], jobs=1).run(docs))
    stage = DedupStage(index=str(tmp_path / "dask.sqlite"))
    assert stage.band_keys(stage.process(docs[0])) == []  # the index lives in the driver
    pipeline = Pipeline(stages=[stage], executor="dask", jobs=1, stage_options={})
    pipeline.config.executors["dask"] = {"scheduler": "synchronous", "partition_size": 3, "distributed_corpus": True}
    assert dumped(pipeline.run(docs)) == dumped(reference)
    assert stage.last_run["pass"] == "finalize" and stage.last_run["index_documents"] > 0
