"""Archives and inputs: .gz and .zip members, bombs, truncation, nesting, directories, stdin."""

from __future__ import annotations

import gzip
import io
import struct
import tracemalloc
import zipfile
import zlib

from docpipe import Pipeline, PipelineConfig
from docpipe.components import InputItem
from docpipe.containers import ContainerLimits, container_kind, expand_containers, gunzip_item, zip_members
from docpipe.ingest import expand_inputs

STORY = "Harbour reopens\n\nThe harbour reopened on Friday.\n\nSource: Example Wire\n"
RECORDS = '{"title": "A", "text": "Alpha."}\n{"title": "B", "text": "Beta."}\n'
MIB = 1024 * 1024


def run(paths, **config):
    return list(Pipeline(stages=[], config=PipelineConfig(**config)).run([str(p) for p in paths]))


def make_zip(path, members: dict[str, bytes]):
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        for name, data in members.items():
            zf.writestr(name, data)
    return path


def test_gzip_member_format_comes_from_the_inner_name(tmp_path):
    txt = tmp_path / "story.txt.gz"
    txt.write_bytes(gzip.compress(STORY.encode()))
    jsonl = tmp_path / "batch.jsonl.gz"
    jsonl.write_bytes(gzip.compress(RECORDS.encode()))
    docs = run([txt, jsonl])
    assert [d.source.uri for d in docs] == [f"{txt}!story.txt", f"{jsonl}!batch.jsonl", f"{jsonl}!batch.jsonl"]
    assert [d.source.format for d in docs] == ["text", "jsonl", "jsonl"]
    assert docs[0].title == "Harbour reopens" and docs[0].metadata["source_credit"] == "Example Wire"
    assert [d.title for d in docs[1:]] == ["A", "B"]


def test_zip_members_by_their_names_and_a_bad_member_is_its_own_error(tmp_path):
    archive = make_zip(tmp_path / "bundle.zip", {
        "2024/story.txt": STORY.encode(),
        "2024/batch.jsonl": RECORDS.encode(),
        "2024/": b"",
        "__MACOSX/._story.txt": b"junk",
        "photo.txt": b"\x89PNG\r\n\x1a\n" + bytes(32),
    })
    docs = run([archive])
    assert [d.source.uri for d in docs] == [f"{archive}!2024/story.txt", f"{archive}!2024/batch.jsonl",
                                            f"{archive}!2024/batch.jsonl", f"{archive}!photo.txt"]
    assert [bool(d.errors) for d in docs] == [False, False, False, True]
    assert f"{archive}!photo.txt: binary data (PNG image)" in docs[3].errors[0].message


def test_zip_bomb_member_is_an_error_and_memory_stays_bounded(tmp_path):
    bomb = tmp_path / "bomb.zip"
    with zipfile.ZipFile(bomb, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("small.txt", STORY.encode())
        with zf.open("huge.txt", "w") as member:  # 64 MiB of one byte, about 64 KiB compressed
            chunk = b"a" * MIB
            for _ in range(64):
                member.write(chunk)
    assert bomb.stat().st_size < MIB
    limits = ContainerLimits(max_member_bytes=2 * MIB)
    tracemalloc.start()
    out = list(zip_members(InputItem(uri=str(bomb), path=str(bomb)), limits))
    _current, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert peak < 8 * MIB
    assert isinstance(out[0], InputItem) and out[0].data == STORY.encode()
    assert out[1].errors and "huge.txt: declares 67108864 bytes" in out[1].errors[0].message
    # Through the pipeline, with the limit taken from pipeline.max_document_bytes.
    docs = run([bomb], max_document_bytes=2 * MIB)
    assert [bool(d.errors) for d in docs] == [False, True]
    assert "zip bomb" in docs[1].errors[0].message


def test_member_that_lies_about_its_size_is_still_bounded(tmp_path):
    data = b"b" * (4 * MIB)
    archive = make_zip(tmp_path / "liar.zip", {"liar.txt": data})
    raw = bytearray(archive.read_bytes())
    # Claim 10 bytes uncompressed in both the local header and the central directory.
    local = raw.index(b"PK\x03\x04")
    struct.pack_into("<I", raw, local + 22, 10)
    central = raw.index(b"PK\x01\x02")
    struct.pack_into("<I", raw, central + 24, 10)
    archive.write_bytes(bytes(raw))
    out = list(zip_members(InputItem(uri="liar.zip", data=bytes(raw)), ContainerLimits(max_member_bytes=MIB)))
    # zipfile reads only the declared 10 bytes, so the CRC check fails: an error, never 4 MiB in memory.
    assert len(out) == 1 and out[0].errors
    assert out[0].errors[0].message == "liar.zip!liar.txt: corrupt zip member: Bad CRC-32 for file 'liar.txt'"


def test_gzip_bomb_and_truncated_gzip(tmp_path):
    compressor = zlib.compressobj(9, zlib.DEFLATED, 31)
    bomb = b"".join([compressor.compress(b"\0" * MIB) for _ in range(32)]) + compressor.flush()
    [error] = gunzip_item(InputItem(uri="bomb.txt.gz", data=bomb), ContainerLimits(max_member_bytes=MIB))
    assert error.errors and "decompresses to more than 1048576 bytes" in error.errors[0].message
    good = gzip.compress(STORY.encode() * 50)
    truncated = tmp_path / "cut.txt.gz"
    truncated.write_bytes(good[: len(good) // 2])
    [doc] = run([truncated])
    assert doc.errors and "truncated gzip" in doc.errors[0].message and str(truncated) in doc.errors[0].message
    corrupt = tmp_path / "corrupt.txt.gz"
    corrupt.write_bytes(good[:10] + b"\xff" * 40 + good[50:])
    [doc] = run([corrupt])
    assert doc.errors and "gzip" in doc.errors[0].message


def test_truncated_zip_is_an_error_record(tmp_path):
    whole = make_zip(tmp_path / "whole.zip", {"a.txt": STORY.encode() * 20, "b.txt": STORY.encode()})
    cut = tmp_path / "cut.zip"
    cut.write_bytes(whole.read_bytes()[:300])
    [doc] = run([cut])
    assert doc.errors and "not a readable zip archive" in doc.errors[0].message


def test_member_count_limit_is_checked_before_reading(tmp_path):
    archive = make_zip(tmp_path / "many.zip", {f"m{i}.txt": b"x" for i in range(5)})
    out = list(zip_members(InputItem(uri="many.zip", path=str(archive)), ContainerLimits(max_members=3)))
    assert len(out) == 1 and "holds 5 members, more than the limit of 3" in out[0].errors[0].message


def test_nested_archives_open_one_level_deep_only(tmp_path):
    inner = gzip.compress(STORY.encode())
    nested_zip = io.BytesIO()
    with zipfile.ZipFile(nested_zip, "w") as zf:
        zf.writestr("deep.txt", STORY)
    archive = make_zip(tmp_path / "outer.zip", {"story.txt.gz": inner, "inner.zip": nested_zip.getvalue()})
    item = InputItem(uri=str(archive), path=str(archive))
    out = list(expand_containers([item], ContainerLimits(max_depth=2)))
    assert [o.uri for o in out] == [f"{archive}!story.txt.gz!story.txt", f"{archive}!inner.zip!deep.txt"]
    out = list(expand_containers([item], ContainerLimits(max_depth=1)))
    assert all(o.errors and "nested more than 1 levels" in o.errors[0].message for o in out)


def test_container_detection_by_suffix_then_magic():
    assert container_kind(InputItem(uri="a.xml.gz", data=b"")) == "gzip"
    assert container_kind(InputItem(uri="-", data=gzip.compress(b"x"))) == "gzip"
    assert container_kind(InputItem(uri="-", data=b"PK\x03\x04rest")) == "zip"
    assert container_kind(InputItem(uri="a.txt", data=b"PK\x03\x04"), known_suffixes=(".txt",)) is None
    assert container_kind(InputItem(uri="-", data=b"plain")) is None


def test_stdin_gzip_is_expanded_and_sniffed():
    data = gzip.compress(RECORDS.encode())
    items = expand_inputs(["-"], stdin=lambda: data)
    [member] = list(expand_containers(items))
    assert member.uri == "-" and member.data == RECORDS.encode()


def test_directory_recursion_with_include_and_exclude(tmp_path):
    (tmp_path / "sub").mkdir()
    (tmp_path / "a.txt").write_text(STORY)
    (tmp_path / "sub" / "b.txt").write_text(STORY)
    (tmp_path / "sub" / "skip-c.txt").write_text(STORY)
    (tmp_path / "notes.md").write_text("ignored")
    (tmp_path / "sub" / "d.txt.gz").write_bytes(gzip.compress(STORY.encode()))
    docs = run([tmp_path], include=("*.txt", "*.gz"), exclude=("skip-*",))
    names = [d.source.uri[len(str(tmp_path)) + 1:] for d in docs]
    assert names == ["a.txt", "sub/b.txt", "sub/d.txt.gz!d.txt"]
    assert all(d.title == "Harbour reopens" for d in docs)


def test_zip_members_follow_include_and_exclude(tmp_path):
    archive = make_zip(tmp_path / "mixed.zip", {"keep.txt": STORY.encode(), "drop.md": b"# no",
                                                 "skip-me.txt": STORY.encode()})
    docs = run([archive], include=("*.txt",), exclude=("skip-*",))
    assert [d.source.uri for d in docs] == [f"{archive}!keep.txt"]


def test_stdin_through_the_real_command(tmp_path):
    """``docpipe run -`` with gzip-compressed JSONL on stdin: expanded, sniffed, read line by line."""
    import json
    import os
    import subprocess
    import sys
    from pathlib import Path

    repo = Path(__file__).resolve().parents[2]
    env = dict(os.environ, PYTHONPATH=os.pathsep.join([str(repo / "core"), str(repo / "plugins")]))
    result = subprocess.run([sys.executable, "-m", "docpipe", "run", "-", "--stages", "", "-q", "--no-progress"],
                            input=gzip.compress(RECORDS.encode()), capture_output=True, env=env, timeout=120,
                            cwd=tmp_path, check=False)
    assert result.returncode == 0, result.stderr.decode()
    records = [json.loads(line) for line in result.stdout.decode().splitlines()]
    assert [(r["source"], r["format"], r["title"]) for r in records] == [("-", "jsonl", "A"), ("-", "jsonl", "B")]
