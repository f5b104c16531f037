"""Tests of the keywords stage, written with docpipe.testing as any plugin author would."""

import pickle

import docpipe_keywords
import pytest
from docpipe import Pipeline
from docpipe.testing import assert_span, assert_spans_valid, build_document, make_engine, run_cli

ARTICLE = (
    "Envoy recalled over embassy row\n"
    "Foreign Minister Anna Berg said the Ministry of Foreign Affairs would keep the embassy open.\n"
    "Talks resume on Monday, officials said.\n"
    "Subscribe to Daily Example News for more.\n"
)


def tagged(**options):
    stage = make_engine(docpipe_keywords).build_stage("keywords", options)
    doc = build_document(ARTICLE, paragraphs=[
        ("Envoy recalled over embassy row", "title"),
        "Foreign Minister Anna Berg said the Ministry of Foreign Affairs would keep the embassy open.",
        "Talks resume on Monday, officials said.",
        ("Subscribe to Daily Example News for more.", "boilerplate"),
    ])
    return stage.process(doc)


def test_tags_names_and_keywords():
    doc = tagged(keywords=["embassy", "talks"])
    assert_spans_valid(doc)
    assert_span(doc, "keywords", "Foreign Minister Anna Berg", label="name")
    assert_span(doc, "keywords", "Ministry of Foreign Affairs", label="name")
    keywords = [doc.span_text(s) for s in doc.spans["keywords"] if s.label == "keyword"]
    assert keywords == ["embassy", "embassy", "Talks"]
    assert all(s.data["keyword"] in ("embassy", "talks") for s in doc.spans["keywords"] if s.label == "keyword")


def test_single_capitalised_words_and_boilerplate_are_not_names():
    doc = tagged()
    names = [doc.span_text(s) for s in doc.spans["keywords"] if s.label == "name"]
    # "Talks" and "Monday" stand alone; "Daily Example News" is in a boilerplate paragraph.
    assert names == ["Foreign Minister Anna Berg", "Ministry of Foreign Affairs"]


def test_leading_stop_words_are_not_part_of_names():
    stage = make_engine(docpipe_keywords).build_stage("keywords")
    doc = stage.process(build_document("The Taliban spoke. The Foreign Ministry replied. The End."))
    assert [doc.span_text(s) for s in doc.spans["keywords"]] == ["Foreign Ministry"]
    doc = make_engine(docpipe_keywords).build_stage("keywords", {"min_name_words": 1}).process(
        build_document("The Taliban spoke."))
    assert [doc.span_text(s) for s in doc.spans["keywords"]] == ["Taliban"]


def test_options_change_what_is_tagged():
    assert [s for s in tagged(names=False).spans["keywords"]] == []
    doc = tagged(names=False, keywords=["EMBASSY"], case_sensitive=True)
    assert doc.spans["keywords"] == ()
    doc = tagged(min_name_words=1, roles=["title"])
    assert [doc.span_text(s) for s in doc.spans["keywords"]] == ["Envoy"]
    doc = tagged(group="entities")
    assert "entities" in doc.spans and "keywords" not in doc.spans


def test_a_bad_option_is_a_clear_error():
    from docpipe.errors import UsageError

    with pytest.raises(UsageError, match="min_name_words"):
        make_engine(docpipe_keywords).build_stage("keywords", {"min_name_words": 0})
    with pytest.raises(UsageError, match="colour"):
        make_engine(docpipe_keywords).build_stage("keywords", {"colour": "red"})


def test_the_stage_pickles_for_worker_processes():
    stage = make_engine(docpipe_keywords).build_stage("keywords", {"keywords": ["embassy"]})
    clone = pickle.loads(pickle.dumps(stage))
    doc = build_document(ARTICLE)
    assert clone.process(doc).spans == stage.process(doc).spans


def test_runs_in_a_pipeline_and_in_the_cli(tmp_path):
    article = tmp_path / "article.txt"
    article.write_text(ARTICLE, encoding="utf-8")
    [doc] = Pipeline(["keywords"], engine=make_engine(docpipe_keywords)).run([str(article)])
    assert doc.errors == ()
    assert_span(doc, "keywords", "Foreign Minister Anna Berg", label="name")

    config = tmp_path / "pipeline.toml"
    config.write_text('[pipeline]\nstages = ["keywords"]\n\n[stages.keywords]\nkeywords = ["embassy"]\n')
    result = run_cli(["-p", "docpipe_keywords", "run", str(article), "--config", str(config)],
                     env={"DOCPIPE_DISABLE_PLUGIN_AUTOLOAD": "1"})
    assert result.exit_code == 0, result.stderr
    [record] = result.records
    labels = [(ARTICLE[s["start"]:s["end"]], s["label"]) for s in record["spans"]["keywords"]]
    assert ("embassy", "keyword") in labels
    assert ("Foreign Minister Anna Berg", "name") in labels
