"""Quote-mark pairing on text written for these tests."""

from docpipe_builtins.quotes.marks import find_quoted


def spans(text):
    return [(text[s.start : s.end], s.open_mark is None, s.close_mark is None, s.parent) for s in find_quoted(text, 0, len(text))]


def test_straight_and_curly_pairs():
    text = 'She said "the ferry is late" and “the bus is early”.'
    assert [s[0] for s in spans(text)] == ["the ferry is late", "the bus is early"]


def test_apostrophes_are_not_quote_marks():
    text = "The workers' union says it doesn't matter; it’s the owners’ fault and the ’90s rules."
    assert spans(text) == []


def test_single_quotes_pair_when_balanced():
    text = "He called it 'a fair deal' and left."
    assert [s[0] for s in spans(text)] == ["a fair deal"]


def test_missing_opening_mark_runs_from_paragraph_start():
    text = 'The harbour will stay open all winter," the director said.'
    ((inner, unopened, unclosed, _),) = spans(text)
    assert inner == "The harbour will stay open all winter,"
    assert unopened and not unclosed


def test_unclosed_quote_runs_to_paragraph_end():
    text = '“We will rebuild the pier this spring. It will take months.'
    ((inner, unopened, unclosed, _),) = spans(text)
    assert inner.startswith("We will rebuild") and inner.endswith("months.")
    assert unclosed and not unopened


def test_nested_quote_has_parent():
    text = '“The guard told us, ‘Wait here,’ and we waited,” said Ola.'
    result = spans(text)
    assert result[0][0] == "The guard told us, ‘Wait here,’ and we waited,"
    assert result[1][0] == "Wait here," and result[1][3] == 0


def test_mixed_pair_and_german_and_guillemets():
    assert [s[0] for s in spans('“Open the gates," she said.')] == ["Open the gates,"]
    assert [s[0] for s in spans("„Wir sind bereit“, sagte sie.")] == ["Wir sind bereit"]
    assert [s[0] for s in spans("«Мы готовы», сказал он.")] == ["Мы готовы"]


def test_closing_straight_mark_after_space():
    text = 'They asked "Who are you? Why are you here? ". Then they left.'
    assert [s[0] for s in spans(text)] == ["Who are you? Why are you here?"]


def test_cjk_text_does_not_break():
    text = "他说：“我们准备好了。”然后离开了。「你好」"
    assert [s[0] for s in spans(text)] == ["我们准备好了。"]


def test_many_marks_in_a_row_give_no_empty_quotes():
    assert all(s[0] for s in spans('"' * 1000))
    assert spans("“”" * 500) == []
