"""Pipeline configuration files."""

from __future__ import annotations

import pytest

from docpipe import ConfigError, Pipeline, load_config


def test_a_pipeline_file_sets_stages_and_options(tmp_path):
    cfg = tmp_path / "pipe.toml"
    cfg.write_text('[pipeline]\nstages = ["upper"]\njobs = 2\n[stages.upper]\nmin_length = 3\n', encoding="utf-8")
    config = load_config(cfg)
    assert config.stages == ("upper",) and config.jobs == 2
    pipeline = Pipeline(config=config, engine=_engine())
    doc = pipeline.process_text("NATO and EU and UN met")
    assert [doc.span_text(s) for s in doc.spans["upper"]] == ["NATO"]


def _engine():
    from docpipe import Engine

    return Engine(plugins=["dp_test_upper_stage"], autoload=False)


@pytest.mark.parametrize(
    "body, message",
    [
        ("[pipeline]\nstagez = []\n", "unknown key pipeline.'stagez'"),
        ("[pipelin]\nstages = []\n", "unknown key 'pipelin'"),
        ('[pipeline]\njobs = "two"\n', "pipeline.jobs must be an integer"),
        ("[pipeline]\njobs = 0\n", "at least 1"),
        ("[stages]\nquotes = 3\n", "one table per name"),
        ("not toml = = =\n", "not valid TOML"),
    ],
)
def test_bad_configuration_names_the_file_and_the_key(tmp_path, body, message):
    cfg = tmp_path / "bad.toml"
    cfg.write_text(body, encoding="utf-8")
    with pytest.raises(ConfigError) as info:
        load_config(cfg)
    assert str(cfg) in str(info.value) and message in str(info.value)


def test_unknown_stage_option_is_a_clear_error(tmp_path):
    cfg = tmp_path / "pipe.toml"
    cfg.write_text('[pipeline]\nstages = ["upper"]\n[stages.upper]\nmin_lenght = 3\n', encoding="utf-8")
    with pytest.raises(ConfigError.__mro__[1], match="min_lenght"):
        Pipeline(config=load_config(cfg), engine=_engine()).stages  # noqa: B018


def test_pyproject_tool_table(tmp_path):
    py = tmp_path / "pyproject.toml"
    py.write_text('[project]\nname = "x"\n[tool.docpipe.pipeline]\nstages = []\n', encoding="utf-8")
    assert load_config(py).stages == ()
