"""Property-based tests (hypothesis) of cleaning, date and figure parsing.

For any text (arbitrary Unicode, or news-like sentences mixing dates, numbers and noise):
nothing raises; every source line is either in the body or in ``dropped_lines``; every
offset lies inside the body and points at the text it claims; every resolved date
interval and every figure range runs forwards. Example counts are kept modest: the date
and figure properties parse each example with spaCy.
"""

import datetime as dt

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from helpers.corpus.cleaning import clean_text, lost_lines, split_lines
from helpers.corpus.read import build_article
from helpers.extract import figures, nlp, timexes
from helpers.extract.parsed import parse_article

FAST = settings(max_examples=150, deadline=None)
PARSED = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])

#: Characters that shape scraped text: line breaks, odd spaces, markup, quotes, digits.
NOISE = st.text(
    alphabet=st.one_of(
        st.characters(codec="utf-8", exclude_categories=("Cs",)),
        st.sampled_from(
            list("\n\n\r\t \u00a0\u2009.,;:!?()[]<>\"'\u201c\u201d-\u2013\u20140123456789$%")
        ),
    ),
    max_size=400,
)
MONTHS = st.sampled_from(timexes.MONTHS)
WEEKDAYS = st.sampled_from(timexes.WEEKDAYS)
YEARS = st.integers(1600, 2099)
NUMBERS = st.one_of(
    st.integers(0, 10**7).map(str),
    st.integers(1000, 10**7).map("{:,}".format),
    st.floats(0, 1000, allow_nan=False).map("{:.1f}".format),
    st.sampled_from(["a dozen", "hundreds", "three", "twenty-five", "1.2 million", "$100 million"]),
)
DATE_PHRASES = st.one_of(
    st.builds("on {} {} {}".format, st.integers(0, 39), MONTHS, YEARS),
    st.builds("on {} {}, {}".format, MONTHS, st.integers(0, 39), YEARS),
    st.builds("in {} {}".format, st.sampled_from(["early", "mid", "late", "the end of"]), YEARS),
    st.builds("last {}".format, WEEKDAYS),
    st.builds(
        "{} {} ago".format,
        st.integers(0, 400),
        st.sampled_from(["days", "weeks", "months", "years"]),
    ),
    st.builds("in the {}s".format, st.integers(160, 209).map(lambda d: d * 10)),
    st.builds("between {} and {} {}".format, st.integers(1, 31), st.integers(1, 31), MONTHS),
    st.sampled_from(
        [
            "yesterday",
            "the following day",
            "a week later",
            "next month",
            "this year",
            "in recent months",
            "last summer",
            "the day before",
            "Q3 2021",
            "fiscal year 2020",
        ]
    ),
)
FIGURE_PHRASES = st.one_of(
    st.builds("{} people were killed".format, NUMBERS),
    st.builds(
        "at least {} {}".format,
        NUMBERS,
        st.sampled_from(["dead", "rockets", "wounded", "children"]),
    ),
    st.builds("the ministry said {} of them were women".format, NUMBERS),
    st.builds("between {} and {} soldiers".format, NUMBERS, NUMBERS),
    st.builds("{}% of the budget".format, NUMBERS),
)
SENTENCES = st.lists(
    st.builds(
        "{} Hamas {} {} {}.".format,
        st.sampled_from(["Iran said", "Officials said", "", "\u201cWe"]),
        st.one_of(DATE_PHRASES, FIGURE_PHRASES),
        st.one_of(DATE_PHRASES, FIGURE_PHRASES, st.just("")),
        NOISE.map(lambda s: s[:40]),
    ),
    min_size=1,
    max_size=5,
).map(lambda parts: "\n\n".join(parts))
PUBLISHED = st.one_of(st.none(), st.dates(dt.date(1990, 1, 1), dt.date(2030, 12, 31)),
                      st.sampled_from([dt.date.min, dt.date.max]))  # relative dates must not leave the calendar
PRECISION = st.sampled_from(["day", "month", "year"])


# --- cleaning --------------------------------------------------------------------------------


@FAST
@given(st.one_of(NOISE, SENTENCES))
def test_cleaning_keeps_or_records_every_line(text):
    clean = clean_text(text)
    assert all(1 <= d.line_no <= len(split_lines(text)) for d in clean.dropped)
    assert lost_lines(text, clean) == []


@FAST
@given(st.one_of(NOISE, SENTENCES))
def test_paragraph_offsets_lie_in_the_body_in_order(text):
    clean = clean_text(text)
    previous_end = -2
    for start, end in clean.paragraphs:
        assert previous_end + 2 == start and 0 <= start < end <= len(clean.body)
        assert "\n" not in clean.body[start:end]
        previous_end = end
    assert previous_end == (len(clean.body) if clean.paragraphs else -2)


# --- dates and figures, through a parsed article -------------------------------------------------


def parsed_article(text: str, published: dt.date | None, precision: str):
    """Return the parsed article of ``text`` (None when cleaning leaves no body)."""
    article = build_article("prop", "prop.txt", text, None, None, [])
    if not article.body.strip():
        return None
    article.published = published
    article.published_precision = precision if published else None
    return parse_article(article, nlp.load_model()(article.body))


def assert_spans(rows: list[dict], parsed) -> None:
    """Every row's offsets lie in the body, point at its text, and sit in its sentence."""
    body = parsed.article.body
    ids = {s.sentence_id: s for s in parsed.sentences}
    for row in rows:
        assert 0 <= row["start_char"] < row["end_char"] <= len(body), row
        assert body[row["start_char"] : row["end_char"]] == row["text"], row
        assert row["sentence_id"] in ids, row


@PARSED
@given(st.one_of(SENTENCES, NOISE), PUBLISHED, PRECISION)
def test_dates_lie_in_the_body_and_run_forwards(text, published, precision):
    parsed = parsed_article(text, published, precision)
    if parsed is None:
        return
    rows = timexes.extract_timexes(parsed)
    assert_spans(rows, parsed)
    for row in rows:
        assert (row["start"] is None) == (row["end"] is None), row
        if row["start"] is not None:
            assert row["start"] <= row["end"], row
            assert row["kind"] != "vague", row


@PARSED
@given(st.one_of(SENTENCES, NOISE), PUBLISHED, PRECISION)
def test_figures_lie_in_the_body_and_ranges_run_forwards(text, published, precision):
    parsed = parsed_article(text, published, precision)
    if parsed is None:
        return
    dates = timexes.extract_timexes(parsed)
    rows = figures.extract_figures(parsed, [], dates)
    assert_spans(rows, parsed)
    ids = {row["figure_id"] for row in rows}
    for row in rows:
        if row["value_low"] is not None and row["value_high"] is not None:
            assert row["value_low"] <= row["value_high"], row
        if row["date_start"] is not None and row["date_end"] is not None:
            assert row["date_start"] <= row["date_end"], row
        assert row["part_of"] is None or row["part_of"] in ids, row


@pytest.mark.parametrize(
    "text", ["", "\n\n\n", "\u00a0\u2009", "\ufeff", "<script>alert(1)</script>"]
)
def test_degenerate_texts_clean_to_a_consistent_article(text):
    clean = clean_text(text)
    assert clean.body == clean.body.strip()
    assert all(0 <= s < e <= len(clean.body) for s, e in clean.paragraphs)
