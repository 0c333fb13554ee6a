"""Timeline layout on the seed events: episodes with their own axes, background, lanes, marks."""

from __future__ import annotations

import datetime as dt

import pytest

from helpers.analyses.timeline import background_table, episodes
from helpers.charts import timeline


@pytest.fixture(scope="module")
def frame(seed_tables):
    """The timeline frame with the notebook's defaults."""
    return timeline.timeline_frame(seed_tables)


def test_history_recalled_by_an_article_is_background_not_a_panel(frame):
    background = background_table(frame)
    assert "Since the 1979 Islamic Revolution" in background.loc[0, "text"]
    assert background.loc[0, "granularity"] == "year"
    panels = frame[frame["episode"] > 0]
    assert min(panels["date_start"]) > dt.date(2015, 1, 1)


def test_background_days_zero_keeps_every_event_on_the_panels(seed_tables):
    every = timeline.timeline_frame(seed_tables, background_days=0)
    assert (every["episode"] > 0).all()
    assert background_table(every).empty


def test_each_episode_spans_weeks_not_decades(frame):
    table = episodes(frame)
    assert len(table) >= 3
    assert ((table["end"] - table["start"]).map(lambda d: d.days) < 180).all()
    october = table[table["start"] == dt.date(2023, 10, 7)]
    assert len(october) == 1 and october.iloc[0]["events"] >= 5


def test_actor_lanes_capped_per_panel_and_every_event_still_shown(seed_tables, frame):
    capped = timeline.timeline_frame(seed_tables, top_actors=3)
    for _, panel in capped[capped["episode"] > 0].groupby("episode"):
        assert panel["lane"].nunique() <= 4
    assert set(capped["event_id"]) == set(frame["event_id"])
    assert timeline.OTHER_ACTORS in set(capped["lane"])


def test_marks_in_one_row_never_overlap(frame):
    for _, row in frame[frame["episode"] > 0].groupby(["episode", "y"]):
        spans = sorted(zip(row["date_start"], row["date_end"], strict=True))
        for (_, end), (start, _) in zip(spans, spans[1:], strict=False):
            assert start > end


def test_event_type_lanes_hold_only_types_present_in_the_panel(seed_tables):
    by_type = timeline.timeline_frame(seed_tables, lanes="event_type")
    assert (by_type["lane"] == by_type["event_type"]).all()
    for _, panel in by_type[by_type["episode"] > 0].groupby("episode"):
        assert set(panel["lane"]) == set(panel["event_type"])


def test_figure_has_one_own_axis_per_episode_and_month_bars(frame):
    fig = timeline.timeline_figure(frame)
    n = len(episodes(frame))
    ranges = {tuple(fig.layout[f"xaxis{i if i > 1 else ''}"].range) for i in range(1, n + 1)}
    assert len(ranges) == n
    month = 31 * 86_400_000
    bars = [x for trace in fig.data if trace.type == "bar" for x in trace.x]
    assert month in bars  # July 2016 drawn as a month-long bar
    points = [t for t in fig.data if t.type == "scatter"]
    assert points and all(t.marker.symbol == "diamond" for t in points)
    assert fig.to_json() == timeline.timeline_figure(frame).to_json()


def test_hover_escapes_article_text(seed_tables):
    tables = dict(seed_tables)
    tables["events"] = seed_tables["events"].assign(text="<img src=x onerror=alert(1)> met")
    hover = " ".join(timeline.timeline_frame(tables)["hover"])
    assert "<img" not in hover and "&lt;img" in hover
    assert "published" in hover and "sentence" in hover


def test_static_version_has_the_same_panels(frame):
    figure = timeline.static_timeline(frame)
    assert len(figure.axes) == len(episodes(frame))
