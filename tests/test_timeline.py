"""Timeline layout on the seed events: episodes with their own axes, background, lanes, marks."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

from helpers.analyses.timeline import MAX_PANELS, background_table, episodes, future_table
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
    for _, row in frame[frame["episode"] > 0].drop_duplicates(["episode", "mark"]).groupby(["episode", "y"]):
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


def _dense_tables(seed_tables, days: int = 180, per_day: int = 6):
    """Seed tables with ``per_day`` copies of one seed event on each of ``days`` days (daily reports)."""
    template = seed_tables["events"].dropna(subset=["date_start"]).iloc[0]
    first = dt.date(2023, 10, 7)
    rows = []
    for d in range(days):
        day = first + dt.timedelta(days=d)
        for k in range(per_day):
            rows.append({**template.to_dict(), "event_id": f"dense-{d}-{k}", "date_start": day, "date_end": day})
    tables = dict(seed_tables)
    tables["events"] = pd.DataFrame(rows)
    tables["articles"] = seed_tables["articles"].assign(published=dt.date(2024, 6, 1), published_precision="day")
    return tables


def test_six_months_of_daily_events_are_monthly_panels_of_bounded_height(seed_tables):
    dense = timeline.timeline_frame(_dense_tables(seed_tables))
    table = episodes(dense)
    assert 6 <= len(table) <= 7 and table["label"].str.match(r"^[A-Z][a-z]+ 20\d\d$").all()
    fig = timeline.timeline_figure(dense)
    assert len({a for a in fig.layout if a.startswith("xaxis")}) == min(len(table), MAX_PANELS)
    # six events of one type, day and lane are one mark that says how many it holds
    assert dense.groupby("mark")["event_id"].nunique().max() == 6
    hovers = [h for trace in fig.data for h in trace.hovertext]
    assert any("5 more events here" in h for h in hovers)  # six events, one quoted
    assert fig.layout.height < 500 * len(table)  # five lanes of at most two sub-rows each


def test_events_after_their_article_are_future_not_news(seed_tables):
    tables = dict(seed_tables)
    events = seed_tables["events"].dropna(subset=["date_start"]).copy()
    events.loc[events.index[0], ["date_start", "date_end"]] = [dt.date(2028, 1, 1), dt.date(2028, 12, 31)]
    tables["events"] = events
    frame = timeline.timeline_frame(tables)
    future = future_table(frame)
    assert list(future["date_start"]) == [dt.date(2028, 1, 1)]
    assert (frame.loc[frame["event_id"] == events["event_id"].iloc[0], "episode"] == 0).all()
    assert max(episodes(frame)["end"]) < dt.date(2024, 1, 1)


def test_no_event_gives_an_empty_frame_and_a_figure_that_says_so(seed_tables):
    tables = dict(seed_tables)
    tables["events"] = seed_tables["events"].iloc[:0]
    frame = timeline.timeline_frame(tables)
    assert frame.empty and episodes(frame).empty
    assert "No events" in timeline.timeline_figure(frame).layout.annotations[0].text


def test_static_ticks_name_the_month(frame):
    figure = timeline.static_timeline(frame)
    figure.canvas.draw()
    ticks = [t.get_text() for ax in figure.axes for t in ax.get_xticklabels() if t.get_text()]
    assert ticks and all(any(m in t for m in ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep",
                                              "Oct", "Nov", "Dec")) for t in ticks)


def test_the_static_timeline_of_many_panels_stays_a_few_pages_as_a_palette_png(seed_tables):
    """151 OCHA updates drew an 8,645-pixel RGBA PNG of 660 KB: rows are capped and colours kept to a palette."""
    import io

    import matplotlib.pyplot as plt
    from PIL import Image

    from helpers.charts.base import STATIC_DPI, static_png

    figure = timeline.static_timeline(timeline.timeline_frame(_dense_tables(seed_tables)))
    assert figure.get_figheight() <= timeline.STATIC_ROWS_INCHES + MAX_PANELS + 1.2
    full = io.BytesIO()
    figure.savefig(full, format="png", dpi=STATIC_DPI, bbox_inches="tight", facecolor="white")
    compact = static_png(figure)
    plt.close(figure)
    image = Image.open(io.BytesIO(compact))
    assert image.mode == "P" and image.size == Image.open(full).size
    assert len(compact) < 0.6 * len(full.getvalue())
