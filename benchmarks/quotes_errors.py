"""Where the quote stage's errors on PolNeAR are: a plain-text report of its misses, classified.

Usage::

    python benchmarks/quotes_errors.py --split train|dev [--data PATH] [--top N] [-o FILE] [--installed]

Only train and dev: the protocol (docs/quotes.md, "Rules tuned on train and dev only") reads the errors of
those two splits and never test's, so ``--split test`` is refused. Test is scored, never read, with
``quotes_polnear.py``.

It runs the quote stage (this checkout's; the installed one with ``--installed``, as in
``quotes_polnear.py``) on every article of the split and scores it the way ``quotes_polnear.py`` does:
predictions are the top-level quotes (``nested_in`` unset) grouped into quotations with
``quotation_chains``, matched one-to-one to the gold contents with ``match_grouped`` (IoU >= 0.5). So the
headline figures at the top equal ``quotes_polnear.py``'s, and every count below adds up to them.
The report is printed and written to ``-o FILE`` (default ``benchmarks/results/quotes_errors_<split>.txt``;
it quotes the corpus, so like the ``*_misses.txt`` files it is not to be committed).

How to read each section (counts, then shares in %):

a. Unmatched gold contents, all view. Each gold content no prediction matched, by what overlaps it:
   *no prediction overlaps it* (the stage saw nothing there: a missing cue or pattern); an unmatched
   prediction overlaps it and is *longer* (runs past the gold on one side or both), *shorter* (stops
   inside it) or *shifted* (past it on one side, inside it on the other): a boundary error, see c; or
   only predictions *matched to another gold content* overlap it (two gold contents where the stage found
   one, or the reverse). Shares of the unmatched and of all gold contents.
b. Unmatched gold by cue word: the gold Cue's text, lower-cased. ``unmatched / gold`` is how many of the
   gold contents with that cue were missed out of how many there are; ``no overlap`` how many of the missed
   had no prediction on them at all (a cue the stage does not know, rather than a boundary error).
c. Boundary differences: for each unmatched gold content whose closest overlapping unmatched prediction
   is one part (not a quotation split by a reporting clause), the two tokens where the two spans part,
   at each end (whitespace and quote marks at the spans' ends are ignored, as the README protocol
   treats the enclosing marks as optional). *Runs on past the gold end*: the first two tokens after
   the gold end (``, and``, ``, which``: where the stage should have stopped). *Stops before the gold
   end*: the first two tokens after the prediction's end, inside the gold (where it stopped too early).
   Likewise at the start: the two tokens just before the later of the two starts, inside the other span.
   In the examples ``‖`` marks that boundary.
d. Predictions by bucket, all view: every prediction under (kind, cue word of ``Quote.cue``) and under
   (kind, confidence), with the share matched and the share matched *and* correctly attributed.
   ``<<<`` marks a bucket whose match share is under half the all-view extraction F1: with M matched of
   P predictions and G gold, F1 = 2M/(P+G); dropping a bucket of n predictions, m matched, gives
   2(M-m)/(P-n+G), which is larger exactly when m/n < M/(P+G) = F1/2. A bucket so marked costs more
   precision than the recall it brings (a candidate to drop or to tighten).
e. Wrong speakers, direct view: the direct gold contents (starting with a double quote mark) matched by a
   prediction whose speaker mention does not overlap the gold Source, counted by the gold Source's text
   (lower-cased), with how many had no predicted speaker at all. The example shows the gold source, the
   predicted mention and 120 characters of text around the gold source.
"""

from __future__ import annotations

import argparse
import os
import re
import sys
import tempfile
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from quotes_polnear import (  # (sets sys.path to this repo unless --installed: import it first)
    default_data,
    describe_build,
    evaluate,
    inter_len,
    load_split,
    make_doc,
    match_grouped,
    speaker_ok,
    stage_build,
    union_len,
)

from docpipe.model import quotation_chains
from docpipe_builtins.quotes import QuoteStage

REPO = Path(__file__).resolve().parent.parent
SPLITS = ("train", "dev")  # never test: its errors are not read (see the docstring)
NO_PREDICTION = "no prediction overlaps it"
LONGER = "overlapped by a longer unmatched prediction"
SHORTER = "overlapped by a shorter unmatched prediction"
SHIFTED = "overlapped by a shifted unmatched prediction"
MATCHED_ELSEWHERE = "overlapped only by predictions matched to another gold content"
MISS_KINDS = (NO_PREDICTION, LONGER, SHORTER, SHIFTED, MATCHED_ELSEWHERE)
RUNS_ON_END = "runs on past the gold end (first two tokens after the gold end)"
STOPS_EARLY_END = "stops before the gold end (first two tokens after the prediction's end)"
STARTS_EARLY = "starts before the gold start (last two tokens before the gold start)"
STARTS_LATE = "starts after the gold start (last two tokens before the prediction's start)"
BOUNDARY_KINDS = (RUNS_ON_END, STOPS_EARLY_END, STARTS_EARLY, STARTS_LATE)
#: Trimmed off both spans' ends before comparing boundaries: the gold contents include the enclosing
#: quote marks, the stage's quotes do not, and the protocol treats the marks as optional.
TRIM = " \t\n\"“”'‘’"
TOKEN = re.compile(r"\w+(?:['’]\w+)*|[^\w\s]")


@dataclass
class DocCase:
    """One article scored as quotes_polnear.py scores it, in both views."""

    name: str
    text: str
    gold: list[dict]
    groups: list[tuple]  # all view: the quotations (parts linked by Quote.continues)
    matched: dict[int, int]  # all view: {group index: gold index}
    direct_groups: list[tuple]  # direct view: quotations of kind direct/mixed
    direct_matched: dict[int, int]


@dataclass
class GoldMiss:
    """An unmatched gold content (all view), what overlaps it, and the unmatched prediction compared."""

    case: DocCase
    gold: int
    kind: str  # one of MISS_KINDS
    partner: int | None  # group index of the closest overlapping unmatched prediction


# ---------------------------------------------------------------- scoring


def run_stage(docs: list[tuple[str, str, list[dict]]]) -> list:
    stage = QuoteStage()
    return [stage.process(make_doc(name, text)) for name, text, _ in docs]


def score_document(name: str, text: str, gold: list[dict], out) -> DocCase:
    # the same predictions, grouping and matching as quotes_polnear.evaluate, so the figures agree
    top = [q for q in out.quotes if q.nested_in is None]
    groups = quotation_chains(top)
    direct_groups = quotation_chains([q for q in top if q.kind in ("direct", "mixed")])
    return DocCase(name, text, gold, groups, match_grouped(groups, gold),
                   direct_groups, match_grouped(direct_groups, gold))


def score_documents(docs, outputs) -> list[DocCase]:
    return [score_document(name, text, gold, out) for (name, text, gold), out in zip(docs, outputs)]


# ---------------------------------------------------------------- spans


def group_ranges(group) -> list[tuple[int, int]]:
    return [(q.start, q.end) for q in group]


def trimmed_extent(text: str, ranges: list[tuple[int, int]]) -> tuple[int, int]:
    """First start and last end of ``ranges``, moved inwards past whitespace and quote marks."""
    start, end = min(a for a, _ in ranges), max(b for _, b in ranges)
    while start < end and text[start] in TRIM:
        start += 1
    while end > start and text[end - 1] in TRIM:
        end -= 1
    return start, end


def shape(text: str, pred: list[tuple[int, int]], gold: list[tuple[int, int]]) -> str:
    """LONGER, SHORTER or SHIFTED: how a prediction's trimmed extent lies against a gold content's."""
    (ps, pe), (gs, ge) = trimmed_extent(text, pred), trimmed_extent(text, gold)
    beyond = ps < gs or pe > ge
    inside = ps > gs or pe < ge
    if beyond and not inside:
        return LONGER
    if inside and not beyond:
        return SHORTER
    if not beyond and not inside:  # same ends, different gaps (a split quotation, a discontinuous gold)
        return LONGER if union_len(pred) > union_len(gold) else SHORTER
    return SHIFTED


# ---------------------------------------------------------------- a. unmatched gold


def classify_gold_miss(case: DocCase, j: int) -> GoldMiss:
    gold_ranges = case.gold[j]["content"]
    overlapping = [(shared, i) for i, grp in enumerate(case.groups)
                   if (shared := inter_len(group_ranges(grp), gold_ranges))]
    if not overlapping:
        return GoldMiss(case, j, NO_PREDICTION, None)
    unmatched = [(shared, i) for shared, i in overlapping if i not in case.matched]
    if not unmatched:
        return GoldMiss(case, j, MATCHED_ELSEWHERE, None)
    # the unmatched prediction sharing the most characters is the one the stage meant for this content
    _, i = max(unmatched, key=lambda p: (p[0], -p[1]))
    return GoldMiss(case, j, shape(case.text, group_ranges(case.groups[i]), gold_ranges), i)


def gold_misses(cases: list[DocCase]) -> list[GoldMiss]:
    out = []
    for case in cases:
        matched_gold = set(case.matched.values())
        out.extend(classify_gold_miss(case, j) for j in range(len(case.gold)) if j not in matched_gold)
    return out


def section_unmatched(misses: list[GoldMiss], n_gold: int) -> list[str]:
    counts = Counter(m.kind for m in misses)
    lines = [f"a. UNMATCHED GOLD CONTENTS (all view): {len(misses)} of {n_gold} gold ({pct(len(misses), n_gold)})",
             f"   {'':62s} {'count':>6s} {'of unmatched':>13s} {'of all gold':>12s}"]
    for kind in MISS_KINDS:
        lines.append(f"   {kind:62s} {counts[kind]:6d} {pct(counts[kind], len(misses)):>13s} "
                     f"{pct(counts[kind], n_gold):>12s}")
    return lines


# ---------------------------------------------------------------- b. by cue word


def cue_word(s: str) -> str:
    return " ".join(s.lower().split()) or "(no cue)"


def cue_table(cases: list[DocCase], misses: list[GoldMiss]) -> list[tuple[str, int, int, int, str]]:
    """(cue word, unmatched, gold with that cue, unmatched with no overlapping prediction, example), most
    unmatched first."""
    total = Counter(cue_word(g["cue"]) for case in cases for g in case.gold)
    missed: Counter = Counter()
    no_overlap: Counter = Counter()
    example: dict[str, str] = {}
    for m in misses:
        cue = cue_word(m.case.gold[m.gold]["cue"])
        missed[cue] += 1
        no_overlap[cue] += m.kind == NO_PREDICTION
        example.setdefault(cue, gold_text(m.case, m.gold))
    rows = sorted(missed, key=lambda c: (-missed[c], -total[c], c))
    return [(c, missed[c], total[c], no_overlap[c], example[c]) for c in rows]


def section_cues(rows, top: int) -> list[str]:
    lines = [f"b. UNMATCHED GOLD BY CUE WORD (top {top} of {len(rows)}; 'no overlap': of the unmatched, how many had "
             "no prediction on them)",
             f"   {'cue':22s} {'unmatched / gold':>24s} {'no overlap':>10s}  example (gold content)"]
    for cue, missed, total, no_overlap, example in rows[:top]:
        counts = f"{missed} / {total} ({pct(missed, total)})"
        lines.append(f"   {clip(cue, 22):22s} {counts:>24s} {no_overlap:10d}  {example}")
    return lines


# ---------------------------------------------------------------- c. boundaries


def first_tokens(s: str, n: int = 2) -> str:
    toks = list(TOKEN.finditer(s))[:n]
    return flat(s[toks[0].start():toks[-1].end()].lower()) if toks else ""


def last_tokens(s: str, n: int = 2) -> str:
    toks = list(TOKEN.finditer(s))[-n:]
    return flat(s[toks[0].start():toks[-1].end()].lower()) if toks else ""


def boundary_differences(miss: GoldMiss) -> list[tuple[str, str, int]]:
    """(BOUNDARY_KINDS entry, the two tokens, offset of the boundary) at each end where the spans part."""
    text = miss.case.text
    (ps, pe) = trimmed_extent(text, group_ranges(miss.case.groups[miss.partner]))
    (gs, ge) = trimmed_extent(text, miss.case.gold[miss.gold]["content"])
    out = []
    if pe > ge:
        out.append((RUNS_ON_END, first_tokens(text[ge:pe]), ge))
    elif pe < ge:
        out.append((STOPS_EARLY_END, first_tokens(text[pe:ge]), pe))
    if ps < gs:
        out.append((STARTS_EARLY, last_tokens(text[ps:gs]), gs))
    elif ps > gs:
        out.append((STARTS_LATE, last_tokens(text[gs:ps]), ps))
    return [d for d in out if d[1]]  # a difference of punctuation-free blanks has no tokens


def boundary_table(misses: list[GoldMiss]) -> dict[str, list[tuple[str, int, str]]]:
    """For each BOUNDARY_KINDS entry: (tokens, count, example around the boundary), most frequent first."""
    counts: dict[str, Counter] = {k: Counter() for k in BOUNDARY_KINDS}
    examples: dict[tuple[str, str], str] = {}
    for m in misses:
        # a quotation of several parts has gaps of its own; only one-part predictions compare end to end
        if m.partner is None or len(m.case.groups[m.partner]) != 1:
            continue
        for kind, tokens, at in boundary_differences(m):
            counts[kind][tokens] += 1
            examples.setdefault((kind, tokens), around(m.case.text, at))
    return {k: [(t, n, examples[k, t]) for t, n in sorted(c.items(), key=lambda p: (-p[1], p[0]))]
            for k, c in counts.items()}


def section_boundaries(table, top: int) -> list[str]:
    lines = ["c. BOUNDARY DIFFERENCES (unmatched gold vs its closest overlapping unmatched one-part prediction; "
             "‖ = the boundary)"]
    for kind in BOUNDARY_KINDS:
        rows = table[kind]
        lines.append(f"   {kind}: {sum(n for _, n, _ in rows)} pairs")
        for tokens, n, example in rows[:top]:
            lines.append(f"     {quoted(tokens):22s} {n:5d}  {example}")
    return lines


# ---------------------------------------------------------------- d. buckets


def prediction_cue(group) -> str:
    q = group[0]  # the first part, whose speaker is the quotation's attribution too
    return cue_word(q.cue.text) if q.cue is not None else "(none)"


def bucket_counts(cases: list[DocCase], key) -> dict:
    """{bucket: [predictions, matched, matched and correctly attributed]} in the all view."""
    table: dict = {}
    for case in cases:
        for i, grp in enumerate(case.groups):
            row = table.setdefault(key(grp), [0, 0, 0])
            row[0] += 1
            if i in case.matched:
                row[1] += 1
                row[2] += speaker_ok(grp[0], case.gold[case.matched[i]])
    return table


def by_kind_and_cue(group) -> tuple[str, str]:
    return group[0].kind, prediction_cue(group)


def by_kind_and_confidence(group) -> tuple[str, str]:
    return group[0].kind, f"{group[0].confidence:.2f}"


def bucket_lines(table: dict, buckets: list, bar: float) -> list[str]:
    lines = [f"     {'kind':9s} {'bucket':22s} {'preds':>6s} {'matched':>8s} {'attributed':>10s}"]
    for b in buckets:
        n, m, a = table[b]
        mark = "  <<<" if m / n < bar else ""
        lines.append(f"     {b[0]:9s} {clip(b[1], 22):22s} {n:6d} {pct(m, n):>8s} {pct(a, n):>10s}{mark}")
    return lines


def section_buckets(cases: list[DocCase], top: int) -> list[str]:
    n_pred = sum(len(c.groups) for c in cases)
    n_matched = sum(len(c.matched) for c in cases)
    n_gold = sum(len(c.gold) for c in cases)
    # all view: a matched prediction is a matched gold, so F1 = 2M/(P+G) and half of it is M/(P+G)
    bar = n_matched / (n_pred + n_gold) if n_pred + n_gold else 0.0
    lines = ["d. PREDICTIONS BY BUCKET (all view). <<< = match share m/n < F1/2 = M/(P+G) = "
             f"{n_matched}/({n_pred}+{n_gold}) = {bar:.4f}:",
             "   dropping such a bucket (n predictions, m matched) raises F1, as 2(M-m)/(P-n+G) > 2M/(P+G) "
             "exactly when m/n < M/(P+G)"]
    by_cue = bucket_counts(cases, by_kind_and_cue)
    order = sorted(by_cue, key=lambda b: (-by_cue[b][0], b))
    lines.append(f"   kind, cue word of Quote.cue (the {min(top, len(order))} largest of {len(order)} buckets)")
    lines += bucket_lines(by_cue, order[:top], bar)
    # the small buckets under the bar would hide below the largest ones: list them too
    hidden = [b for b in order[top:] if by_cue[b][1] / by_cue[b][0] < bar]
    lines.append(f"   kind, cue word: the other buckets marked <<< ({len(hidden)} buckets, "
                 f"{sum(by_cue[b][0] for b in hidden)} predictions, {sum(by_cue[b][1] for b in hidden)} matched; "
                 f"the {min(top, len(hidden))} largest)")
    lines += bucket_lines(by_cue, hidden[:top], bar) if hidden else []
    by_confidence = bucket_counts(cases, by_kind_and_confidence)
    lines.append(f"   kind, confidence (all {len(by_confidence)} buckets)")
    lines += bucket_lines(by_confidence, sorted(by_confidence, key=lambda b: (b[0], -float(b[1]))), bar)
    return lines


# ---------------------------------------------------------------- e. speakers


def source_text(case: DocCase, j: int) -> str:
    return " ".join(case.text[s:e] for s, e in case.gold[j]["source"]).lower() or "(no source)"


def wrong_speakers(cases: list[DocCase]) -> list[tuple[DocCase, int, object]]:
    """(case, gold index, predicted first part) for each matched direct gold with a wrong speaker."""
    out = []
    for case in cases:
        for i, j in case.direct_matched.items():
            grp = case.direct_groups[i]
            if case.gold[j]["direct"] and not speaker_ok(grp[0], case.gold[j]):
                out.append((case, j, grp[0]))
    return out


def speaker_table(wrong) -> list[tuple[str, int, int, str]]:
    """(gold source, wrong, of which no predicted speaker, example), most frequent first."""
    counts: Counter = Counter()
    unspoken: Counter = Counter()
    examples: dict[str, str] = {}
    for case, j, q in wrong:
        src = source_text(case, j)
        counts[src] += 1
        unspoken[src] += q.speaker_mention is None
        got = q.speaker_mention.text if q.speaker_mention is not None else "-"
        sources = case.gold[j]["source"]
        at = sources[0][0] if sources else case.gold[j]["content"][-1][1]
        examples.setdefault(src, f"got [{flat(got)}]  {around(case.text, at, 60, mark=False)}")
    return [(s, counts[s], unspoken[s], examples[s]) for s in sorted(counts, key=lambda s: (-counts[s], s))]


def section_speakers(cases: list[DocCase], top: int) -> list[str]:
    wrong = wrong_speakers(cases)
    n_matched = sum(1 for c in cases for j in c.direct_matched.values() if c.gold[j]["direct"])
    n_unspoken = sum(1 for _, _, q in wrong if q.speaker_mention is None)
    rows = speaker_table(wrong)
    lines = [f"e. WRONG SPEAKERS (direct view): {len(wrong)} of {n_matched} matched direct gold contents "
             f"({pct(len(wrong), n_matched)}), {n_unspoken} of them with no predicted speaker",
             f"   {'gold source':26s} {'wrong':>5s} {'no speaker':>10s}  example: predicted mention, context"]
    for src, n, none, example in rows[:top]:
        lines.append(f"   {clip(src, 26):26s} {n:5d} {none:10d}  {example}")
    return lines


# ---------------------------------------------------------------- text helpers


def pct(n: int, d: int) -> str:
    return f"{100 * n / d:.1f}%" if d else "-"


def flat(s: str) -> str:
    return s.replace("\n", "⏎")


def clip(s: str, n: int = 100) -> str:
    """``s`` on one line, at most about ``n`` characters (the middle cut out, so both ends show)."""
    s = flat(s)
    return s if len(s) <= n else s[: n // 2 - 1] + "…" + s[-(n // 2 - 1):]


def quoted(s: str) -> str:
    return "'" + s + "'"


def gold_text(case: DocCase, j: int) -> str:
    return clip(" … ".join(case.text[s:e] for s, e in case.gold[j]["content"]))


def around(text: str, at: int, width: int = 50, mark: bool = True) -> str:
    """``width`` characters either side of offset ``at``, with ``‖`` at ``at`` when ``mark``."""
    left, right = text[max(0, at - width):at], text[at:at + width]
    return flat(left + ("‖" if mark else "") + right)


# ---------------------------------------------------------------- report


def headline(docs, outputs) -> list[str]:
    views = evaluate(docs, outputs, "quotation")  # quotes_polnear.py's own figures
    lines = []
    for view in ("all", "direct"):
        v = views[view]
        lines.append(f"  {view:6s} view: gold={v['gold']:5d} pred={v['predictions']:5d}  extraction F1 "
                     f"{v['extraction']['f1']:.4f}  attribution F1 {v['attribution']['f1']:.4f}")
    return lines


def build_report(docs, outputs, split: str, top: int, build: str = "") -> str:
    cases = score_documents(docs, outputs)
    misses = gold_misses(cases)
    n_gold = sum(len(c.gold) for c in cases)
    parts = [[f"PolNeAR {split}: {len(docs)} documents" + (f"; {build}" if build else ""),
              "Headline (as benchmarks/quotes_polnear.py, one prediction per quotation):", *headline(docs, outputs)],
             section_unmatched(misses, n_gold),
             section_cues(cue_table(cases, misses), top),
             section_boundaries(boundary_table(misses), top),
             section_buckets(cases, top),
             section_speakers(cases, top)]
    return "\n\n".join("\n".join(p) for p in parts) + "\n"


def write_atomically(path: Path, text: str) -> None:
    """Write ``text`` to ``path`` through a temporary file in the same folder: a reader never sees half a
    report, and an interrupted run leaves the previous one."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(text)
        os.replace(tmp, path)
    except BaseException:
        os.unlink(tmp)
        raise


def parse_args(argv=None) -> argparse.Namespace:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0],
                                 epilog="Only train and dev: the protocol never reads test's errors "
                                        "(docs/quotes.md); score test with quotes_polnear.py.")
    ap.add_argument("--split", required=True, choices=SPLITS,
                    help="train or dev; test is refused: its errors are never read (tune on train and dev only)")
    ap.add_argument("--data", type=Path, default=default_data(),
                    help="folder holding quotes/polnear/ (default $DOCPIPE_DATA, else ../shared/data)")
    ap.add_argument("--top", type=int, default=30, help="rows per table (default 30)")
    ap.add_argument("-o", "--output", type=Path, default=None,
                    help="report file (default benchmarks/results/quotes_errors_<split>.txt)")
    ap.add_argument("--installed", action="store_true",
                    help="use the installed docpipe (compiled when built so), not this checkout")
    return ap.parse_args(argv)


def main(argv=None) -> int:
    args = parse_args(argv)
    docs = load_split(args.data, args.split)
    report = build_report(docs, run_stage(docs), args.split, args.top, describe_build(stage_build()))
    out = args.output or REPO / "benchmarks" / "results" / f"quotes_errors_{args.split}.txt"
    write_atomically(out, report)
    print(report, end="")
    print(f"(written to {out})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
