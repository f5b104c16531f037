"""Questions put to someone: "Asked whether he would run, Lee said ...", "X was asked by host Y why ...".

A reported question is an attribution of its own: the one who asked is its speaker (the agent after
"by"), and when the text does not name them (a reporter, a pollster) it has no speaker. It is never the
speaker of the answer, which has its own reporting clause; so these are found apart from the other
indirect attributions, and a question's content is not read as part of anyone else's.
"""

from __future__ import annotations

from dataclasses import dataclass

from docpipe.model import Mention

from .contents import DOUBLE_QUOTE_MARKS, content_end
from .indirect import passive
from .lexicon import VerbInfo
from .speakers import SpeakerNP
from .subjects import collect_right, np_right
from .tokens import Token

#: The words that open what was asked: a yes/no or wh- question, its topic, or what one was asked to do.
_QUESTION_OPENERS = frozenset(["whether", "if", "why", "how", "what", "who", "whom", "which", "where", "when",
                               "about", "to"])
#: Before "asked", these make it the head of a clause about the question: "When asked whether ...".
_CLAUSE_OPENERS = frozenset(["when", "after", "once", "if", "before", "until", "while"])
#: Where a question ends, at the latest ("when asked about the inquiry: "That matter is ...").
_QUESTION_STOPS = frozenset([",", ";", ":", "-", "—", "–", "--"])
#: How many tokens a question takes at most (it ends at the sentence end or a comma well before).
_MAX_QUESTION = 60
#: How many words of place and time may stand between "asked" and the question ("asked on Fox News who").
_MAX_ADVERBIAL = 6


@dataclass
class AskedQuestion:
    """What was asked (``start``-``end``), the word "asked", who asked (None: not named) and where the
    words about the question begin ("when asked ...": at "when")."""

    start: int
    end: int
    cue: Mention
    asker: SpeakerNP | None
    clause_start: int

    def __init__(self, start: int, end: int, cue: Mention, asker: SpeakerNP | None, clause_start: int) -> None:
        # (written out: mypyc compiles an __init__ of the source, while the one dataclass makes runs as Python)
        self.start, self.end, self.cue, self.asker, self.clause_start = start, end, cue, asker, clause_start


def find_questions(text: str, tokens: list[Token], lexicon: dict[str, VerbInfo]) -> list[AskedQuestion]:
    """The questions reported in one sentence (``tokens``) with a passive or reduced "asked"."""
    n = len(tokens)
    lowers = [t.lower for t in tokens]
    first = 1 if n and lowers[0] in ("but", "and") else 0
    out: list[AskedQuestion] = []
    marks = 0  # double quote marks so far: an odd count means "asked" is inside a quotation
    for a in range(first, n - 2):
        if tokens[a].text in DOUBLE_QUOTE_MARKS:
            marks += 1
        if lowers[a] != "asked" or marks % 2:
            continue  # (inside a quotation, the question is part of what its speaker says)
        k = a - 1 if a > first and lowers[a - 1] != "being" else a - 2  # ("after being asked")
        opening = a == first or (k >= first and lowers[k] in _CLAUSE_OPENERS and (k == first or (
            tokens[k - 1].text == ",")))  # "Asked ...,", "When asked ...,": the sentence opens with the question
        within = k >= first and lowers[k] in _CLAUSE_OPENERS  # "..., he said when asked if ..."
        if not (opening or within or passive(lowers, a)):
            continue  # "X asked whether ...": an active verb, read with the other attributions
        j = a + 1
        asker = None
        if lowers[j] == "by" and j + 1 < n:
            # (the asker's noun phrase ends where the question begins: "by a reporter whether ...")
            hi = next((i for i in range(j + 2, n) if lowers[i] in _QUESTION_OPENERS or not tokens[i].is_word), n)
            asker = np_right(text, tokens, j + 1, hi, lexicon)
            j = max(collect_right(tokens, j + 1, hi, lexicon), j + 2)
        q = next((i for i in range(j, min(n - 1, j + _MAX_ADVERBIAL + 1)) if lowers[i] in _QUESTION_OPENERS), None)
        if q is None or any(not t.is_word for t in tokens[j:q]):
            continue  # "was asked, "...": a quotation, with its own cue; "asked a question": not read
        # The question ends at the first comma or dash: where the main clause begins ("Asked ..., Lee said"),
        # or the writer goes on ("they are asked to rank their choices, and the group ...").
        limit = min(n, q + _MAX_QUESTION)
        stop = next((i for i in range(q + 1, limit) if tokens[i].text in _QUESTION_STOPS), None)
        if stop is None and opening and a == first:
            continue  # "Asked whether ... ." with no main clause: not a question put to someone
        end = content_end(tokens, limit if stop is None else stop, q)
        start = tokens[q].start
        if end - start < 8:
            continue
        clause_start = tokens[k].start if (opening or within) and a != first else tokens[a].start
        out.append(AskedQuestion(start, end, Mention(tokens[a].text, tokens[a].start, tokens[a].end), asker,
                                 clause_start))
    return out
