"""A test plugin that replaces the built-in `quotes` stage with its own (naive) implementation."""

import re

import docpipe
from docpipe import Quote, StageSpec


class NaiveQuotes:
    name = "quotes"

    def process(self, doc):
        quotes = [Quote(id=f"n{i}", start=m.start() + 1, end=m.end() - 1, kind="direct")
                  for i, m in enumerate(re.finditer(r'"[^"\n]+"', doc.text), 1)]
        return doc.evolve(quotes=quotes, metadata={**doc.metadata, "quotes_by": "naive"})


@docpipe.hookimpl
def docpipe_register_stages(register):
    register(StageSpec("quotes", NaiveQuotes, description="naive straight-quote finder"))
