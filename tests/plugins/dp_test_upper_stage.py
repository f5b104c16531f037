"""A test plugin: a stage that tags every upper-case word (a real, if small, stage)."""

import re

import docpipe
from docpipe import Span, StageSpec


class UpperTagger:
    name = "upper"

    def __init__(self, min_length: int = 2):
        self.min_length = min_length

    def process(self, doc):
        spans = [Span(m.start(), m.end(), "UPPER") for m in re.finditer(r"\b[A-Z]{%d,}\b" % self.min_length, doc.text)]
        return doc.evolve(spans={**doc.spans, "upper": spans})


@docpipe.hookimpl
def docpipe_register_stages(register):
    register(StageSpec("upper", UpperTagger, description="tag upper-case words"))
