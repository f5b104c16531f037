"""The worked example: its checked-in expected output in every format equals a fresh run.

When behaviour changes on purpose, regenerate with
``python examples/kazakhstan_briefing/run.py --update`` and review the diff.
"""

from __future__ import annotations

import importlib.util
import json

import pytest


@pytest.fixture(scope="module")
def example(request):
    root = request.config.rootpath
    spec = importlib.util.spec_from_file_location("kazakhstan_example", root / "examples" / "kazakhstan_briefing" /
                                                  "run.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def fresh_run(example, tmp_path_factory):
    out = tmp_path_factory.mktemp("kazakhstan")
    example.run(out)
    return out


def test_every_format_matches_the_expected_output(example, fresh_run):
    problems = example.compare(example.HERE / "expected", fresh_run)
    assert not problems, "\n\n".join(problems) + "\n\nintended? run: python examples/kazakhstan_briefing/run.py --update"


def test_the_expected_output_says_who_said_what(example):
    (record,) = [json.loads(line) for line in (example.HERE / "expected" / "briefing.jsonl").read_text().splitlines()]
    speakers = {s["name"]: s["titles"] for s in record["speakers"]}
    assert speakers["Akan Rakhmetullin"] == ["Deputy Minister of Foreign Affairs of the Republic of Kazakhstan"]
    assert "Aibek Smadiyarov" in speakers
    quotes = record["quotes"]
    (first,) = [q for q in quotes if q["text"].startswith("We did not recognize the Taliban")]
    assert first["speaker"] == "Akan Rakhmetullin" and first["kind"] == "direct"
    assert first["speaker_mention"]["text"] == "the speaker"
    nested = [q for q in quotes if q["nested_in"]]
    assert {q["text"] for q in nested} >= {"Who are you? What kind of embassy?",
                                           "Do not be afraid, work as you worked, you are under our protection."}
    assert all(q["speaker"] != "Akan Rakhmetullin" for q in nested)
    smadiyarov = [q for q in quotes if q["speaker"] == "Aibek Smadiyarov"]
    assert len(smadiyarov) == 1 and smadiyarov[0]["kind"] == "indirect"
    # the embassy quote printed twice is one quote with a duplicate link
    assert any(q["duplicate_of"] and q["text"].startswith("According to our embassy") for q in quotes)
    roles = [p["role"] for p in record["paragraphs"]]
    assert roles[0] == "title" and roles[-2:] == ["boilerplate", "boilerplate"]
    assert record["metadata"]["source_credit"] == "Kazpravda.kz"
    for q in quotes:  # stand-off: every quote is a slice of the unchanged text
        assert record["text"][q["start"]:q["end"]] == q["text"]
