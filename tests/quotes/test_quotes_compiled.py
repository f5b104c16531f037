"""The compiled quote stage (an installed build compiled with mypyc) finds exactly what the Python one finds.

Compiled code trusts the type annotations: a value of the wrong type raises ``TypeError`` where Python would
carry on, so a type confusion that the pure-Python tests cannot see shows up here as a crash or a different
answer. The installed package runs in a subprocess started with ``-I`` (no ``PYTHONPATH``, no script
directory: the repository's ``plugins/`` is not on its path), the checkout's pure-Python stage runs in this
process, and the two must give the same quotes and speakers on every text: the briefing in ``examples/``,
texts written for this test, and seeded quote-mark soup.

Skipped, with the reason, when the installed build is not compiled (an editable install, a build with
``DOCPIPE_PURE_PYTHON=1``, no C compiler at build time) or docpipe is not installed. CI installs with
``pip install '.[test]'`` (compiled), so it runs there. A second test runs mypy on the stage: a type error
would make the build fall back to pure Python, and the first test skip, without failing anything else.
"""

from __future__ import annotations

import json
import random
import subprocess
import sys
from pathlib import Path

import docpipe
import docpipe_builtins.quotes
import pytest
from docpipe.model import Paragraph
from docpipe.serialize import document_to_dict
from docpipe_builtins.quotes import QuoteStage
from quotes_helpers import doc_from_lines

REPO = Path(__file__).resolve().parents[2]
BRIEFING = REPO / "examples" / "kazakhstan_briefing" / "kazakhstan_briefing.txt"

#: Runs in the subprocess: reads the cases as JSON on stdin and prints what the installed stage finds.
RUNNER = r"""
import json, sys
import docpipe
import docpipe_builtins.quotes as quotes
from docpipe.model import Paragraph
from docpipe.serialize import document_to_dict

cases = json.load(sys.stdin)
results = []
for case in cases:
    paras = [Paragraph(s, e, role) for s, e, role in case["paragraphs"]] if case["paragraphs"] is not None else []
    doc = docpipe.make_document(case["text"], id=case["id"], paragraphs=paras)
    record = document_to_dict(quotes.QuoteStage(**case["options"]).process(doc))
    results.append({"quotes": record["quotes"], "speakers": record["speakers"]})
json.dump({"file": quotes.__file__, "compiled": getattr(quotes, "COMPILED", False), "results": results},
          sys.stdout)
"""

#: Texts written for this test, one paragraph per line: each line exercises cue patterns, marks and
#: coreference that the rules handle in different code paths.
TEXTS = [
    """Bridge to reopen in June, mayor says
"The bridge," said Mayor Ada Lind, "will reopen in June."
She added that the repairs had cost less than planned.
"We are on time," Lind told reporters on Monday. "And on budget."
According to the city engineer, Tomas Berg, the work is "almost finished".
Berg said: "I have never seen a crew work this fast."
The council, however, called the plan "a serious mistake" and said it would appeal.""",
    """Ministry of Transport: No new tolls this year
Deputy Minister of Transport of the Republic of Norland Ivo Kask said that no new tolls would be introduced.
"There will be no tolls," the minister told journalists. "Not this year, not next year."
Earlier, the spokeswoman for the ministry, Mari Tamm, said the question was closed.
— We have heard enough, — said the spokeswoman.
"Who decided this?" asked one driver. "Nobody asked us."
PENCE: Well, look, I think we have said what we had to say.
"The decision is final
"and it will not be reviewed," Kask concluded.""",
    """«Мы готовы», — сказал он. "Yes," she said, «oui».
„Das ist gut“, sagte Anna Weber. 他说：“我们准备好了。” ‘Fine,’ he said.
It's the workers' choice, don't you think? '90s music, Kazakhstan’s ''own'' stance.
"Like Oakland. Or Ferguson," Sen. Gwen Moore (D-Wis.) said, adding, "It can happen anywhere."
Ms. Sherry smiled and said: "Nothing more to add."
The company announced it would cut 300 jobs, officials said Friday.
- Sanders.""",
    """"Unclosed quote runs to the end of the paragraph
"and goes on here," said Jan Novak, the company's chief engineer.
Why was he out in the heat?
"My mom says I have to save."
Critics, who say the law is unfair, vowed to fight it in court.
The Taliban came up to the gate and asked "Who are you? What kind of embassy?"
They said: "Do not be afraid."
Lund said the plan would help -- "the whole town."
"Boots on the ground" would be appropriate, Lund said.
With thousands of systems, "there is no single point of failure," he said.""",
]

SOUP_PIECES = ['"', "'", "“", "”", "‘", "’", "„", "«", "»", "—", ":", ",", ".", " ", "\n", "said", "he", "Anna Berg",
               "the minister", "that", "According", "to", "Mr.", "(", ")", "R-Ky.", "who", "saying", "LUND", "told",
               "中文", "Привет", "―", "''", "and added", "according to", "the Taliban", "she told", "noted that"]


def _line_paragraphs(text: str, title: bool = True, boilerplate: int = 0) -> list[tuple[int, int, str]]:
    """The paragraphs :func:`quotes_helpers.doc_from_lines` gives, as plain tuples for the subprocess."""
    doc = doc_from_lines(text, title=title, boilerplate=boilerplate)
    return [(p.start, p.end, p.role) for p in doc.paragraphs]


def _cases() -> list[dict]:
    cases = []
    if BRIEFING.exists():
        briefing = BRIEFING.read_text(encoding="utf-8")
        cases.append({"id": "briefing", "text": briefing, "paragraphs": _line_paragraphs(briefing, boilerplate=2),
                      "options": {}})
        cases.append({"id": "briefing-no-paragraphs", "text": briefing, "paragraphs": None, "options": {}})
    for i, text in enumerate(TEXTS):
        cases.append({"id": f"text{i}", "text": text, "paragraphs": _line_paragraphs(text), "options": {}})
        cases.append({"id": f"text{i}-options", "text": text, "paragraphs": _line_paragraphs(text, title=False),
                      "options": {"min_words": 2, "window": 120, "extra_verbs": ["opine | speech"]}})
    rng = random.Random(11)
    for i in range(300):
        soup = "".join(rng.choice(SOUP_PIECES) + rng.choice(["", " "]) for _ in range(rng.randint(0, 60)))
        cases.append({"id": f"soup{i}", "text": soup, "paragraphs": _line_paragraphs(soup, title=i % 2 == 0),
                      "options": {}})
    return cases


def _run_installed(cases: list[dict], tmp_path: Path) -> dict:
    proc = subprocess.run([sys.executable, "-I", "-c", RUNNER], input=json.dumps(cases), capture_output=True, check=False,
                          text=True, encoding="utf-8", cwd=tmp_path, timeout=300)
    assert proc.returncode == 0, proc.stderr[-3000:]
    return json.loads(proc.stdout)


def _installed_build(tmp_path: Path) -> dict:
    """Where the installed quote stage is and whether it is compiled; skips when docpipe is not installed."""
    probe = ("import json, docpipe_builtins.quotes as q; "
             "print(json.dumps({'file': q.__file__, 'compiled': getattr(q, 'COMPILED', False)}))")
    proc = subprocess.run([sys.executable, "-I", "-c", probe], capture_output=True, text=True, cwd=tmp_path, check=False,
                          timeout=120)
    if proc.returncode != 0:
        pytest.skip(f"docpipe is not installed in {sys.executable}: {proc.stderr.strip().splitlines()[-1:]}")
    return json.loads(proc.stdout)


def test_the_compiled_build_finds_what_the_python_stage_finds(tmp_path):
    build = _installed_build(tmp_path)
    if not build["compiled"]:
        pytest.skip(f"the installed quote stage ({build['file']}) is not compiled: an editable install, a build "
                    "with DOCPIPE_PURE_PYTHON=1 or without a C compiler (see docs/quotes.md)")
    if not Path(docpipe_builtins.quotes.__file__).resolve().is_relative_to(REPO / "plugins"):
        pytest.skip("this process imports the installed stage, not the checkout's (pytest run with its pythonpath "
                    "cleared): there is no pure-Python stage here to compare with")
    # this process runs the checkout's .py files: a compiled module left in plugins/ would shadow them
    assert not docpipe_builtins.quotes.COMPILED, f"compiled modules in {REPO / 'plugins'} shadow the .py files"
    assert not Path(build["file"]).resolve().is_relative_to(REPO / "plugins"), build["file"]

    cases = _cases()
    installed = _run_installed(cases, tmp_path)
    assert installed["compiled"], installed["file"]
    assert len(installed["results"]) == len(cases)
    n_quotes = 0
    for case, got in zip(cases, installed["results"]):
        paras = [Paragraph(s, e, role) for s, e, role in case["paragraphs"]] if case["paragraphs"] is not None else []
        doc = docpipe.make_document(case["text"], id=case["id"], paragraphs=paras)
        expected = json.loads(json.dumps(document_to_dict(QuoteStage(**case["options"]).process(doc))))
        assert got["quotes"] == expected["quotes"], case["id"]
        assert got["speakers"] == expected["speakers"], case["id"]
        n_quotes += len(expected["quotes"])
    assert n_quotes > 100  # (the texts do hold quotes: the comparison is not between two empty lists)


def test_the_quote_stage_type_checks(tmp_path):
    """mypy finds no error in the quote stage: with one, mypyc refuses to compile it and the build quietly
    falls back to pure Python (the test above would then be skipped)."""
    pytest.importorskip("mypy", reason="mypy is not installed (it is in the test extra)")
    proc = subprocess.run([sys.executable, "-m", "mypy", "--cache-dir", str(tmp_path / "mypy_cache")], cwd=REPO,
                          capture_output=True, text=True, check=False, timeout=600)
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-1000:]
    assert "no issues found" in proc.stdout
