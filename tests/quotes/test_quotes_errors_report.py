"""benchmarks/quotes_errors.py classifies the quote stage's PolNeAR errors as the fixture implies.

No corpus needed: each test writes a tiny PolNeAR-shaped split (``quotes/polnear/train/{text,attributions}``,
brat .ann files as ``benchmarks/quotes_polnear.parse_ann`` reads them) with sentences written for the test.
The article has five gold contents, each a different case for the report:

* ``"The pier is safe for now," Ann Lee said``: matched, right speaker;
* ``The pier seemed to be sinking.``: a writer's hedge annotated with cue ``seemed`` (content in two
  fragments around the cue, no source): the stage predicts nothing there;
* ``Jan Berg said the harbour would close for a week and that ...``: gold content only up to ``week``;
  the stage's indirect quote runs on to the sentence's end (IoU 0.37): unmatched, *longer*;
* ``"The cranes will stay," Ann Lee said, reading from a letter by Jan Berg.``: gold source Jan Berg, the
  stage says Ann Lee: matched, wrong speaker (direct view);
* ``"The old crane is safe," said Jan Berg, "and it will stay until June."``: one gold content in two
  fragments, two Quote records linked by ``continues``: one quotation, matched, right speaker.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from docpipe.model import Mention, Quote

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO / "benchmarks"))
import quotes_errors as qe
from quotes_polnear import load_split, parse_ann

ARTICLE = "harbour-news_2030-05-01_pier-repairs"
TEXT = (
    "Harbour repairs start in May\n"
    '"The pier is safe for now," Ann Lee said on Monday.\n'
    "The pier seemed to be sinking.\n"
    "Jan Berg said the harbour would close for a week and that the fishermen would be paid for their lost catch.\n"
    '"The cranes will stay," Ann Lee said, reading from a letter by Jan Berg.\n'
    '"The old crane is safe," said Jan Berg, "and it will stay until June."\n'
)


def at(phrase: str, after: int = 0) -> tuple[int, int]:
    """Offsets of the first ``phrase`` in TEXT at or after ``after``."""
    start = TEXT.index(phrase, after)
    return start, start + len(phrase)


def at_in(text: str, phrase: str) -> tuple[int, int]:
    start = text.index(phrase)
    return start, start + len(phrase)


def line_start(n: int) -> int:
    """Offset of line ``n`` (0 = the title)."""
    return sum(len(line) + 1 for line in TEXT.split("\n")[:n])


def t_line(tid: str, label: str, *frags: tuple[int, int]) -> str:
    offs = ";".join(f"{a} {b}" for a, b in frags)
    return f"{tid}\t{label} {offs}\t" + " ".join(TEXT[a:b] for a, b in frags)


def annotations() -> str:
    l1, l2, l3, l4, l5 = (line_start(n) for n in (1, 2, 3, 4, 5))
    pier, sinking, seemed = at("The pier", l2), at("to be sinking", l2), at("seemed", l2)
    lines = [
        # 1. matched, right speaker
        t_line("T1", "Content", at('"The pier is safe for now,"', l1)),
        t_line("T2", "Source", at("Ann Lee", l1)),
        t_line("T3", "Cue", at("said", l1)),
        t_line("T4", "Attribution", at("said", l1)),
        "E1\tAttribution:T4 Source:T2 Cue:T3 Content:T1",
        # 2. the writer's hedge: no source, content around the cue, nothing predicted
        t_line("T5", "Content", pier, sinking),
        t_line("T6", "Cue", seemed),
        t_line("T7", "Attribution-no-source", seemed),
        "E2\tAttribution-no-source:T7 Cue:T6 Content:T5",
        # 3. gold content shorter than the stage's prediction
        t_line("T8", "Source", at("Jan Berg", l3)),
        t_line("T9", "Cue", at("said", l3)),
        t_line("T10", "Content", at("the harbour would close for a week", l3)),
        t_line("T11", "Attribution", at("said", l3)),
        "E3\tAttribution:T11 Content:T10 Cue:T9 Source:T8",
        # 4. direct quote whose gold source is the letter's writer, not the reader
        t_line("T12", "Content", at('"The cranes will stay,"', l4)),
        t_line("T13", "Source", at("Jan Berg", l4)),
        t_line("T14", "Cue", at("said", l4)),
        t_line("T15", "Attribution", at("said", l4)),
        "E4\tAttribution:T15 Source:T13 Cue:T14 Content:T12",
        # 5. a quotation split by its reporting clause: one discontinuous content
        t_line("T16", "Content", at('"The old crane is safe,"', l5), at('"and it will stay until June."', l5)),
        t_line("T17", "Source", at("Jan Berg", l5)),
        t_line("T18", "Cue", at("said", l5)),
        t_line("T19", "Attribution", at("said", l5)),
        "E5\tAttribution:T19 Source:T17 Cue:T18 Content:T16",
        "#1\tAnnotatorNotes T5\tthe writer's own hedge",
    ]
    return "\n".join(lines) + "\n"


@pytest.fixture
def data(tmp_path: Path) -> Path:
    split = tmp_path / "quotes" / "polnear" / "train"
    (split / "text").mkdir(parents=True)
    (split / "attributions").mkdir()
    (split / "text" / f"{ARTICLE}.txt").write_text(TEXT, encoding="utf-8")
    (split / "attributions" / f"{ARTICLE}_4b22.ann").write_text(annotations(), encoding="utf-8")
    return tmp_path


@pytest.fixture
def cases(data: Path):
    docs = load_split(data, "train")
    return docs, qe.run_stage(docs)


def test_parse_ann_keeps_each_relations_cue_text(data: Path):
    ann = data / "quotes" / "polnear" / "train" / "attributions" / f"{ARTICLE}_4b22.ann"
    gold = parse_ann(ann)
    assert [g["cue"] for g in gold] == ["said", "seemed", "said", "said", "said"]
    assert gold[1]["content"] == sorted([at("The pier", line_start(2)), at("to be sinking")])
    no_cue = ann.with_name("no-cue_4b22.ann")
    no_cue.write_text(t_line("T1", "Content", at("the harbour would close")) + "\nE1\tContent:T1\n", encoding="utf-8")
    assert parse_ann(no_cue)[0]["cue"] == ""


def test_the_stage_predicts_what_the_fixture_expects(cases):
    # the premises of the tests below: if the stage changes here, change the fixture, not the report
    docs, outputs = cases
    got = [(TEXT[q.start:q.end], q.speaker_mention.text if q.speaker_mention else None) for q in outputs[0].quotes]
    assert got == [
        ("The pier is safe for now,", "Ann Lee"),
        ("the harbour would close for a week and that the fishermen would be paid for their lost catch", "Jan Berg"),
        ("The cranes will stay,", "Ann Lee"),
        ("The old crane is safe,", "Jan Berg"),
        ("and it will stay until June.", "Jan Berg"),
    ]
    assert outputs[0].quotes[4].continues == outputs[0].quotes[3].id


def test_unmatched_gold_are_classified_by_what_overlaps_them(cases):
    misses = qe.gold_misses(qe.score_documents(*cases))
    assert [(m.gold, m.kind) for m in misses] == [(1, qe.NO_PREDICTION), (2, qe.LONGER)]
    assert misses[0].partner is None
    assert misses[1].partner == 1  # the stage's second quotation


def test_cue_table_counts_unmatched_over_gold_per_cue(cases):
    scored = qe.score_documents(*cases)
    rows = qe.cue_table(scored, qe.gold_misses(scored))
    assert rows == [
        ("said", 1, 4, 0, "the harbour would close for a week"),
        ("seemed", 1, 1, 1, "The pier … to be sinking"),
    ]


def test_boundary_is_the_two_tokens_after_the_gold_end(cases):
    table = qe.boundary_table(qe.gold_misses(qe.score_documents(*cases)))
    assert [(t, n) for t, n, _ in table[qe.RUNS_ON_END]] == [("and that", 1)]
    assert "for a week‖ and that the" in table[qe.RUNS_ON_END][0][2]
    assert table[qe.STOPS_EARLY_END] == table[qe.STARTS_EARLY] == table[qe.STARTS_LATE] == []


def test_wrong_speaker_is_counted_by_gold_source(cases):
    scored = qe.score_documents(*cases)
    rows = qe.speaker_table(qe.wrong_speakers(scored))
    assert [(src, n, none) for src, n, none, _ in rows] == [("jan berg", 1, 0)]
    assert rows[0][3].startswith("got [Ann Lee]")


def test_buckets_mark_the_ones_under_half_the_f1(cases):
    scored = qe.score_documents(*cases)
    # a quotation of two parts is one prediction
    assert qe.bucket_counts(scored, qe.by_kind_and_cue) == {("direct", "said"): [3, 3, 2],
                                                            ("indirect", "said"): [1, 0, 0]}
    lines = qe.section_buckets(scored, 30)
    assert "M/(P+G) = 3/(4+5) = 0.3333" in lines[0]
    marked = [line.split() for line in lines if line.endswith("<<<")]
    assert [row[:3] for row in marked] == [["indirect", "said", "1"], ["indirect", "0.70", "1"]]


def test_report_headline_and_sections(cases):
    docs, outputs = cases
    report = qe.build_report(docs, outputs, "train", 30)
    # one prediction per quotation (as quotes_polnear.py's headline): all view, 3 of 4 predictions match
    # 3 of 5 gold, 2 rightly attributed; direct view, 3 of 3, 2 attributed
    assert "all    view: gold=    5 pred=    4  extraction F1 0.6667  attribution F1 0.4444" in report
    assert "direct view: gold=    3 pred=    3  extraction F1 1.0000  attribution F1 0.6667" in report
    assert "UNMATCHED GOLD CONTENTS (all view): 2 of 5 gold (40.0%)" in report
    counts = {kind: line.split()[-3:] for line in report.splitlines() for kind in qe.MISS_KINDS
              if line.strip().startswith(kind)}
    assert counts[qe.NO_PREDICTION] == ["1", "50.0%", "20.0%"]
    assert counts[qe.LONGER] == ["1", "50.0%", "20.0%"]
    assert counts[qe.SHORTER] == counts[qe.SHIFTED] == counts[qe.MATCHED_ELSEWHERE] == ["0", "0.0%", "0.0%"]
    assert "1 of 3 matched direct gold contents (33.3%), 0 of them with no predicted speaker" in report


def test_nested_quotes_are_left_out_as_in_the_benchmark(tmp_path: Path):
    # PolNeAR annotates only the outermost attribution: the quote inside Jan Berg's is no prediction
    text = "Harbour repairs start in May\n“Ann Lee told us, ‘The pier is fine,’ and we believed her,” Jan Berg said.\n"
    outer, berg = at_in(text, "“Ann Lee told us, ‘The pier is fine,’ and we believed her,”"), at_in(text, "Jan Berg")
    split = tmp_path / "quotes" / "polnear" / "dev"
    (split / "text").mkdir(parents=True)
    (split / "attributions").mkdir()
    (split / "text" / "harbour-news_nested.txt").write_text(text, encoding="utf-8")
    (split / "attributions" / "harbour-news_nested_4b22.ann").write_text(
        f"T1\tContent {outer[0]} {outer[1]}\t{text[outer[0]:outer[1]]}\nT2\tSource {berg[0]} {berg[1]}\tJan Berg\n"
        "E1\tSource:T2 Content:T1\n", encoding="utf-8")
    docs = load_split(tmp_path, "dev")
    outputs = qe.run_stage(docs)
    assert [q.nested_in is not None for q in outputs[0].quotes] == [False, True]  # the fixture's premise
    (case,) = qe.score_documents(docs, outputs)
    assert len(case.groups) == len(case.direct_groups) == 1
    assert qe.bucket_counts([case], qe.by_kind_and_cue) == {("direct", "said"): [1, 1, 1]}
    assert "direct view: gold=    1 pred=    1  extraction F1 1.0000  attribution F1 1.0000" in qe.build_report(
        docs, outputs, "dev", 30)


def test_bucket_mark_is_the_share_against_half_the_f1():
    table = {("indirect", "hopes"): [10, 3, 3], ("indirect", "says"): [10, 4, 2]}
    lines = qe.bucket_lines(table, list(table), 0.35)
    assert [line.split()[1] for line in lines[1:] if line.endswith("<<<")] == ["hopes"]  # 0.3 < 0.35 <= 0.4
    assert lines[2].split()[2:] == ["10", "40.0%", "20.0%"]


def test_wrong_speakers_only_for_direct_gold_and_count_missing_speakers():
    # the direct view matches a direct/mixed prediction to any gold; only direct gold count here
    text = 'Ann Lee called the pier "a folly" at noon. "We stay," Jan Berg said.'
    folly, stay = at_in(text, 'the pier "a folly"'), at_in(text, '"We stay,"')
    gold = [{"content": [folly], "source": [at_in(text, "Ann Lee")], "direct": False, "cue": "called"},
            {"content": [stay], "source": [at_in(text, "Jan Berg")], "direct": True, "cue": "said"}]
    wrong_mention = Mention("Jan Berg", *at_in(text, "Jan Berg"))
    mixed = Quote("q1", *folly, kind="mixed", speaker_mention=wrong_mention)
    direct = Quote("q2", stay[0] + 1, stay[1] - 1, kind="direct")  # no speaker found
    case = qe.DocCase("a", text, gold, [(mixed,), (direct,)], {0: 0, 1: 1}, [(mixed,), (direct,)], {0: 0, 1: 1})
    rows = qe.speaker_table(qe.wrong_speakers([case]))
    assert [row[:3] for row in rows] == [("jan berg", 1, 1)]
    assert rows[0][3].startswith("got [-]")


@pytest.mark.parametrize(("pred", "gold", "kind"), [
    ([(0, 30)], [(5, 20)], qe.LONGER),
    ([(5, 20)], [(0, 30)], qe.SHORTER),
    ([(10, 29)], [(0, 25)], qe.SHIFTED),
    # the gold's opening quote mark does not count (else the prediction would start late: shifted)
    ([(1, 29)], [(0, 25)], qe.LONGER),
    ([(0, 30)], [(0, 12), (18, 30)], qe.LONGER),  # same ends: the prediction also covers the gold's gap
])
def test_shape_compares_the_ends_without_quote_marks(pred, gold, kind):
    text = '"The pier is safe for now ok."'  # quote marks at 0 and 29
    assert qe.shape(text, pred, gold) == kind


def test_cli_writes_the_report_and_refuses_test(data: Path, tmp_path: Path):
    out = tmp_path / "report.txt"
    script = str(REPO / "benchmarks" / "quotes_errors.py")
    done = subprocess.run([sys.executable, script, "--split", "train", "--data", str(data), "-o", str(out)],
                          capture_output=True, text=True, timeout=120, check=False)
    assert done.returncode == 0, done.stderr
    report = out.read_text(encoding="utf-8")
    assert report.startswith("PolNeAR train: 1 documents")
    assert report in done.stdout
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".report")] == []  # no temporary file left
    refused = subprocess.run([sys.executable, script, "--split", "test", "--data", str(data), "-o", str(out)],
                             capture_output=True, text=True, timeout=120, check=False)
    assert refused.returncode == 2
    assert "invalid choice: 'test'" in refused.stderr
    assert out.read_text(encoding="utf-8") == report
