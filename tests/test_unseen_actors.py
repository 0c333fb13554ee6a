"""Actors and speakers on the unseen gold set, read only through its aggregate scores.

The issue's target "every actor found linked to one id" is reached and asserted here. The
other targets (actors precision >= 0.92 and recall >= 0.95, speakers right >= 0.90) are not
reached yet; the floors below are the scores measured when discovered actors and reported
speech landed (actors raised when places, institutions and datelines were read from the
parse: P 0.85, R 0.91, and again when places, peoples, bylines, roles of unnamed owners
and cut names were read from a dev gold of CoNLL-2003 train stories: P 0.89, R 0.91), so
that a change that loses them fails.
"""

from __future__ import annotations

import sys

import pytest

from checkout import PROJECT_ROOT

if str(PROJECT_ROOT) not in sys.path:  # the benchmarks package sits beside tests/
    sys.path.insert(0, str(PROJECT_ROOT))

from benchmarks import unseen  # noqa: E402

pytestmark = [pytest.mark.slow,
              pytest.mark.skipif(not unseen.SHARED.is_dir(), reason="../shared is not mounted")]


@pytest.fixture(scope="module")
def scores():
    table = unseen.run()
    return {(row.topic, row.table, row.level): row for row in table.itertuples()}


def test_every_actor_found_is_linked_to_an_id(scores):
    for topic in ("all", "middle_east", "other_conflict"):
        assert scores[(topic, "actors", "linked")].share == 1.0


def test_actors_and_speakers_do_not_fall_below_what_was_reached(scores):
    actors = scores[("all", "actors", "detection")]
    assert actors.precision >= 0.88 and actors.recall >= 0.90
    assert scores[("all", "quotes", "speaker right")].share >= 0.5
    assert scores[("all", "quotes", "detection reported")].recall >= 0.6
