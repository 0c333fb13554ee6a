"""The hand-read gold of the tolls the OCHA flash updates state, and its scorer."""

from __future__ import annotations

import re

import pandas as pd
import pytest

from checkout import PROJECT_ROOT, SHARED
from helpers.evaluation import tolls as stated_tolls

GOLD = PROJECT_ROOT / "tests" / "gold" / "ocha_tolls"
CORPUS = SHARED / "corpora" / "ocha_flash_updates"


@pytest.mark.skipif(not CORPUS.is_dir(), reason="shared OCHA flash updates not present")
def test_the_gold_has_one_row_per_update_with_well_formed_tolls():
    gold = stated_tolls.read_stated_tolls(GOLD)
    files = sorted(path.name for path in CORPUS.glob("*.md"))
    assert len(files) == 151
    assert sorted(gold["file"]) == files
    for row in gold.itertuples():
        text = (CORPUS / row.file).read_text(encoding="utf-8")
        assert row.report_date == pd.Timestamp(text.splitlines()[0].strip()).strftime("%Y-%m-%d"), row.file
        assert row.source in {"MoH", "GMO"}, row.file
        for kind in stated_tolls.TOLL_KINDS:
            value, written, sentence = getattr(row, kind), getattr(row, f"{kind}_as_written"), \
                getattr(row, f"{kind}_sentence")
            if pd.isna(value):
                assert not written and not sentence and "no" in row.note, (row.file, kind)  # the note says why
                continue
            assert value == int(value) and 100 <= value <= 200_000, (row.file, kind, value)
            assert re.fullmatch(r"\d{1,3}(?:, ?\d{3,4})*", written), (row.file, kind, written)
            assert written in sentence and " ".join(sentence.split()) in " ".join(text.split()), (row.file, kind)
            if re.sub(r"[, ]", "", written) != f"{value:.0f}":
                assert written in row.note, (row.file, kind)  # a typo read as another number is explained
    assert gold["killed"].notna().all()
    assert gold["killed"].is_monotonic_increasing and gold["injured"].dropna().diff().dropna().min() >= -5


def test_a_report_is_right_when_its_toll_is_near_the_stated_one_or_none_is_stated_and_none_read():
    gold = pd.DataFrame({"file": ["a.md", "b.md", "c.md", "d.md", "e.md"], "report_date": ["2023-11-0" + day for day
                                                                                           in "12345"],
                         "injured": [1000.0, 1000.0, None, None, 1000.0], "injured_sentence": ["x", "x", "", "", "x"]})
    reports = pd.DataFrame({"article_id": list("abcde"), "source_path": [f"{name}.md" for name in "abcde"]})
    found = pd.DataFrame({"article_id": ["a", "b", "d"], "value_low": [1015.0, 1100.0, 26.0],
                          "text": ["1,015", "1,100", "26"], "sentence": ["s", "s", "s"]})
    table = stated_tolls.agreement_with_stated(found, reports, gold, "injured")
    assert list(table["outcome"]) == ["right", "wrong value", "right: none stated, none read",
                                      "read where none is stated", "missed"]
    assert list(table["agrees"]) == [True, False, True, False, False]
    assert stated_tolls.summary(table).startswith("2/5 = 40.0% right")
