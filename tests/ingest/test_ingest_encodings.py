"""Decoding: BOMs, UTF-16/32 without BOM, the recorded cp1252/latin-1 fallback, binary data, newlines."""

from __future__ import annotations

import codecs

import pytest
from docpipe import Pipeline
from docpipe.components import InputItem
from docpipe.decoding import decode_bytes, looks_binary, normalise_newlines
from docpipe.errors import InputError
from docpipe_builtins.text_reader import TextReader

SAMPLE = "Headline – naïve café\nThe mayor said “yes”.\n"


@pytest.mark.parametrize("bom, codec", [
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
])
def test_byte_order_marks_decide_and_are_dropped(bom, codec):
    decoded = decode_bytes(bom + SAMPLE.encode(codec), "x.txt")
    assert decoded.text == SAMPLE
    assert decoded.encoding == codec and decoded.bom
    assert decoded.metadata() == {"encoding": codec, "encoding_bom": True}


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be", "utf-32-le", "utf-32-be"])
def test_wide_encodings_without_bom_are_recognised_when_obvious(codec):
    decoded = decode_bytes(SAMPLE.encode(codec), "x.txt")
    assert decoded.text == SAMPLE and decoded.encoding == codec
    assert decoded.metadata()["encoding_detected"] is True


def test_cp1252_fallback_is_recorded():
    raw = "Prices rose to \u00a35 – “a record”, he said.".encode("cp1252")
    decoded = decode_bytes(raw, "x.txt")
    assert decoded.text == "Prices rose to £5 – “a record”, he said."
    assert decoded.encoding == "cp1252" and decoded.fallback
    meta = decoded.metadata()
    assert meta["encoding_fallback"] is True and meta["encoding_tried"] == ["utf-8"]
    assert meta["encoding_error_offset"] == raw.index(b"\xa3")


def test_latin1_ends_the_chain_when_cp1252_fails():
    raw = b"Caf\xe9 \x81 menu"  # 0x81 is undefined in cp1252
    decoded = decode_bytes(raw, "x.txt")
    assert decoded.encoding == "latin-1" and decoded.text == "Café \x81 menu"
    assert decoded.metadata()["encoding_tried"] == ["utf-8", "cp1252"]


def test_declared_encoding_first_and_a_wrong_declaration_is_recorded():
    assert decode_bytes("Grüße".encode("latin-1"), "x", declared="iso-8859-1").encoding == "iso-8859-1"
    decoded = decode_bytes("Grüße".encode(), "x", declared="no-such-codec")
    assert decoded.encoding == "utf-8" and decoded.metadata()["encoding_tried"] == ["no-such-codec"]
    assert not decoded.fallback


@pytest.mark.parametrize("data, kind", [
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "PNG image"),
    (b"\x7fELF\x02\x01\x01\x00" + bytes(40), "ELF executable"),
    (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n", "PDF document"),
])
def test_binary_formats_are_named_in_the_error(data, kind):
    with pytest.raises(InputError, match=rf"pic\.bin: binary data \({kind}\)"):
        decode_bytes(data, "pic.bin")


def test_unknown_binary_is_an_error_not_text():
    noise = bytes(range(256)) * 8
    with pytest.raises(InputError, match="binary data"):
        decode_bytes(noise, "noise.dat")
    assert looks_binary(b"\x01\x02\x03\x04\x05 text")
    assert not looks_binary(b"plain text\twith a tab\n")


def test_newlines_are_normalised():
    assert normalise_newlines("a\r\nb\rc\n") == "a\nb\nc\n"
    assert decode_bytes(b"a\r\nb\rc", "x").text == "a\nb\nc"


def test_text_reader_records_the_fallback_for_a_single_latin1_byte():
    raw = b"Club fines striker\n\nThe striker was fined \xa3100,000 on Friday.\n"
    doc = next(TextReader().read(InputItem(uri="one-byte.txt", data=raw)))
    assert doc.title == "Club fines striker"
    assert "£100,000" in doc.text
    assert doc.metadata["encoding"] == "cp1252"
    assert doc.metadata["encoding_fallback"] is True


def test_binary_file_becomes_an_error_record_through_the_pipeline(tmp_path):
    png = tmp_path / "photo.txt"
    png.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(64))
    good = tmp_path / "good.txt"
    good.write_text("Title\n\nBody.\n")
    docs = list(Pipeline(stages=[]).run([str(tmp_path)]))
    assert [d.source.uri.rsplit("/", 1)[-1] for d in docs] == ["good.txt", "photo.txt"]
    assert not docs[0].errors
    assert docs[1].errors and "binary data (PNG image)" in docs[1].errors[0].message
    assert str(png) in docs[1].errors[0].message
