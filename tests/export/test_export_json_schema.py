"""The JSON Schema in docs/schema matches what the jsonl/json exporters really write."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest

from docpipe.cli.main import main
from docpipe.engine import Engine
from docpipe.pipeline import Pipeline
from docpipe.serialize import document_to_dict
from docpipe_builtins.export_json import JsonExporter, JsonlExporter

SCHEMA_PATH = Path(__file__).resolve().parents[2] / "docs" / "schema" / "document.schema.json"


def available_default_stages() -> str:
    """The default stages that are registered (quotes and dedup are separate plugins)."""
    registered = {spec.name for spec in Engine().registry.stages}
    return ",".join(name for name in ("quotes", "dedup") if name in registered)


@pytest.fixture(scope="module")
def validator() -> jsonschema.Draft202012Validator:
    schema = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema)


def _write_jsonl(docs, path: Path) -> list[dict]:
    exporter = JsonlExporter(str(path))
    for doc in docs:
        exporter.write(doc)
    exporter.close()
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def test_cli_run_output_validates(tmp_path, validator):
    article = tmp_path / "article.txt"
    article.write_text("Talks resume\n\u201cWe are ready,\u201d the envoy said.\nMore talks follow.\n", encoding="utf-8")
    broken = tmp_path / "broken.txt"
    broken.write_bytes(b"\xff\xfe\x00\xd8 not text \x00\x00\x00")
    out = tmp_path / "out.jsonl"
    main(["run", str(article), str(broken), "-o", str(out), "--stages", available_default_stages(),
          "--no-progress", "-q"])
    records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert len(records) == 2
    for record in records:
        validator.validate(record)


def test_annotated_documents_validate(tmp_path, corpus, validator):
    records = _write_jsonl(corpus, tmp_path / "corpus.jsonl")
    assert [r["id"] for r in records] == [d.id for d in corpus]
    for record in records:
        validator.validate(record)
    assert records[0]["quotes"][2]["nested_in"] == "q2"
    assert records[-1]["errors"][0]["stage"] == "ingest"


def test_json_array_validates(tmp_path, corpus, validator):
    out = tmp_path / "corpus.json"
    exporter = JsonExporter(str(out))
    for doc in corpus:
        exporter.write(doc)
    exporter.close()
    records = json.loads(out.read_text(encoding="utf-8"))
    assert len(records) == len(corpus)
    for record in records:
        validator.validate(record)


def test_schema_rejects_contract_violations(briefing, validator):
    record = document_to_dict(briefing)
    bad_kind = json.loads(json.dumps(record))
    bad_kind["quotes"][0]["kind"] = "shouted"
    extra_key = {**record, "surprise": 1}
    missing = {k: v for k, v in record.items() if k != "paragraphs"}
    for bad in (bad_kind, extra_key, missing):
        with pytest.raises(jsonschema.ValidationError):
            validator.validate(bad)


def test_schema_lists_exactly_the_serialized_keys(briefing):
    schema = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    record = document_to_dict(briefing)
    assert set(schema["properties"]) == set(record) == set(schema["required"])
    assert set(schema["$defs"]["quote"]["properties"]) == set(record["quotes"][0])
    assert set(schema["$defs"]["error"]["properties"]) == {"stage", "type", "message", "path"}


def test_jsonl_round_trip_is_identical(tmp_path, corpus):
    """JSONL -> ingest (the jsonl reader) -> JSONL gives the same bytes."""
    if "jsonl" not in {spec.name for spec in Engine().registry.readers}:
        pytest.skip("reader 'jsonl' is not registered yet (the JSON reader is being written in parallel)")
    first = tmp_path / "first.jsonl"
    _write_jsonl(corpus, first)
    second = tmp_path / "second.jsonl"
    _write_jsonl(Pipeline(stages=[]).run([str(first)]), second)
    assert second.read_text(encoding="utf-8") == first.read_text(encoding="utf-8")
