"""The tables folder: one writer at a time, commits all or nothing, every table checked on reading.

The interruption tests write a second set of tables over a first one in a child process
and stop that process (Ctrl-C or kill -9) at each rename, link or removal of the commit
in turn; after each, the folder must hold the first set or the second, whole.
"""

import json
import signal
import subprocess
import sys
import threading
from pathlib import Path

import duckdb
import pandas as pd
import pyarrow.dataset as ds
import pyarrow.parquet as pq
import pytest

from checkout import SEEDS_DIR
from helpers.__main__ import main
from helpers.pipeline import run, store
from helpers.schema import TABLES, to_frame

ID_COLUMN = {name: "actor_id" if name == "actors" else "article_id" for name in TABLES}


def labelled_tables(label: str) -> dict[str, pd.DataFrame]:
    """Return one row in every table, each carrying ``label`` as its id."""
    return {name: to_frame(name, [{ID_COLUMN[name]: label}]) for name in TABLES}


def labels_of(folder: Path) -> set[str]:
    """Return the labels found in the tables of ``folder`` (one label: a whole set)."""
    tables = store.read_tables(folder)
    return {label for name, frame in tables.items() for label in frame[ID_COLUMN[name]]}


CHILD = """
import os, pathlib, shutil, signal, sys
from helpers.pipeline import store
from helpers.schema import TABLES, to_frame

out, label, how, nth = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
tables = {name: to_frame(name, [{("actor_id" if name == "actors" else "article_id"): label}])
          for name in TABLES}
calls = [0]

def stop_at_nth(real):
    def call(*args, **kwargs):
        calls[0] += 1
        if calls[0] == nth:
            os.kill(os.getpid(), getattr(signal, how))
        return real(*args, **kwargs)
    return call

for owner, name in ((pathlib.Path, "replace"), (pathlib.Path, "symlink_to"), (pathlib.Path, "unlink"),
                    (os, "replace"), (os, "rename"), (shutil, "rmtree")):
    setattr(owner, name, stop_at_nth(getattr(owner, name)))
store.write_tables(tables, out)
print("finished after", calls[0], "calls")
"""


def write_in_child(script: Path, out: Path, label: str, how: str, nth: int) -> subprocess.CompletedProcess:
    """Write the ``label`` set into ``out`` in a child process stopped by ``how`` at call ``nth``."""
    return subprocess.run([sys.executable, str(script), str(out), label, how, str(nth)],
                          capture_output=True, text=True, timeout=120)


@pytest.mark.slow
@pytest.mark.parametrize("how", ["SIGINT", "SIGKILL"])
def test_stopping_a_commit_at_any_point_leaves_the_old_set_or_the_new_one(tmp_path, how):
    script = tmp_path / "child.py"
    script.write_text(CHILD, encoding="utf-8")
    out = tmp_path / "tables"
    store.write_tables(labelled_tables("old"), out)
    outcomes = []
    for nth in range(1, 60):
        done = write_in_child(script, out, f"new{nth}", how, nth)
        finished = done.returncode == 0 and "finished" in done.stdout
        if not finished:
            assert done.returncode == -getattr(signal, how), done.stderr
        found = labels_of(out)  # raises if the folder holds no complete, matching set
        assert len(found) == 1, f"stopped at call {nth}: a mix of two sets {found}"
        outcomes.append(found.pop())
        if finished:
            break
        store.write_tables(labelled_tables("old"), out)
    else:
        pytest.fail("the commit never finished")
    assert outcomes[-1] == f"new{len(outcomes)}" and set(outcomes[:-1]) <= {"old", *outcomes}
    assert "old" in outcomes[:-1], "no stop point was tested before the switch"
    assert len(list((out / store.VERSIONS).iterdir())) <= 3


def test_ctrl_c_during_the_final_renames_keeps_the_previous_set(tmp_path, monkeypatch):
    out = tmp_path / "tables"
    store.write_tables(labelled_tables("old"), out)
    real_replace, calls = Path.replace, []

    def replace_then_interrupt(self, target):
        calls.append(target)
        if Path(target).name == store.CURRENT:
            raise KeyboardInterrupt
        return real_replace(self, target)

    monkeypatch.setattr(Path, "replace", replace_then_interrupt)
    with pytest.raises(KeyboardInterrupt):
        store.write_tables(labelled_tables("new"), out)
    monkeypatch.undo()
    assert labels_of(out) == {"old"}
    assert len(list((out / store.VERSIONS).iterdir())) == 1, "the interrupted version was left behind"


def test_an_older_folder_is_replaced_without_ever_looking_complete(tmp_path):
    out = tmp_path / "tables"
    out.mkdir()
    for name, frame in labelled_tables("legacy").items():
        (out / f"{name}.parquet").mkdir()
        frame.to_parquet(out / f"{name}.parquet" / "part-00000.parquet")
    (out / "_SUCCESS").write_text(json.dumps({name: 1 for name in TABLES}))
    with pytest.raises(store.DamagedTablesError, match="older version of news-helpers"):
        store.read_tables(out)
    store.write_tables(labelled_tables("new"), out)
    assert labels_of(out) == {"new"}
    assert all((out / f"{name}.parquet").is_symlink() for name in TABLES)
    assert pd.read_parquet(out / "articles.parquet")["article_id"].tolist() == ["new"]


# --- two writers, one folder ------------------------------------------------------------------

def test_a_second_writer_is_refused_while_the_first_is_writing(tmp_path, monkeypatch):
    out = tmp_path / "tables"
    store.write_tables(labelled_tables("first"), out)
    real_commit, refused = store.TableSet.commit, []

    def commit_after_a_second_writer(self, extras=None):
        try:
            store.write_tables(labelled_tables("second"), out)
        except store.TablesBusyError as exc:
            refused.append(str(exc))
        return real_commit(self, extras)

    monkeypatch.setattr(store.TableSet, "commit", commit_after_a_second_writer)
    store.write_tables(labelled_tables("third"), out)
    assert refused and "another extraction is writing tables into this folder" in refused[0]
    assert "Wait for it to finish, or give another --out" in refused[0]
    assert labels_of(out) == {"third"}


def test_two_extracts_into_one_out_never_give_a_mixed_set(tmp_path, capsys, monkeypatch):
    """The second command is refused (exit 2, nothing written) while the first holds the folder."""
    monkeypatch.setenv("NEWS_HELPERS_CACHE", str(tmp_path / "cache"))
    other = tmp_path / "other"
    other.mkdir()
    (other / "other.txt").write_text("Egypt's foreign minister met Qatari mediators in Cairo on Monday.\n")
    out = tmp_path / "out"
    real_commit, codes = store.TableSet.commit, []

    def commit_after_another_extract(self, extras=None):
        codes.append(main(["extract", str(other), "--out", str(out)]))
        return real_commit(self, extras)

    monkeypatch.setattr(store.TableSet, "commit", commit_after_another_extract)
    assert main(["extract", str(SEEDS_DIR), "--out", str(out)]) == 0
    assert codes == [2]
    assert "another extraction is writing tables into this folder" in capsys.readouterr().err
    tables = store.read_tables(out)
    ids = set(tables["articles"]["article_id"])
    assert len(ids) == 5 and "other" not in ids
    for name in ("sentences", "mentions", "dropped_lines"):
        assert set(tables[name]["article_id"]) <= ids, name


# --- every table checked against _SUCCESS ---------------------------------------------------------

def tamper_articles(out: Path, how: str) -> None:
    """Change the current articles table of ``out`` after its commit."""
    parts = out / "articles.parquet"
    if how == "changed":
        pq.write_table(pq.read_table(parts / "part-00000.parquet").slice(0, 0), parts / "part-00000.parquet")
    elif how == "added":
        pq.write_table(pq.read_table(parts / "part-00000.parquet"), parts / "part-00001.parquet")
    else:  # swapped in from another set
        other = out.parent / "other"
        store.write_tables(labelled_tables("other"), other)
        (parts / "part-00000.parquet").write_bytes((other / "articles.parquet" / "part-00000.parquet").read_bytes())


@pytest.mark.parametrize("how", ["changed", "added", "swapped"])
def test_a_table_changed_after_its_commit_is_refused(tmp_path, how):
    out = tmp_path / "tables"
    store.write_tables(labelled_tables("set"), out)
    manifest = json.loads((out / "_SUCCESS").read_text())
    assert manifest["tables"]["articles"]["rows"] == 1 and len(manifest["tables"]["articles"]["sha256"]) == 64
    tamper_articles(out, how)
    with pytest.raises(store.DamagedTablesError, match="table articles does not match the row count and checksum"):
        store.read_tables(out)


def test_the_version_before_is_kept_for_readers_until_the_next_commit(tmp_path):
    out = tmp_path / "tables"
    for label in ("one", "two", "three"):
        store.write_tables(labelled_tables(label), out)
    versions = sorted(p.name for p in (out / store.VERSIONS).iterdir())
    assert len(versions) == 2 and store.resolve_tables(out).name in versions
    assert labels_of(out) == {"three"}


def test_pandas_duckdb_and_arrow_read_the_tables_through_the_links(tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("NEWS_HELPERS_CACHE", str(tmp_path / "cache"))
    out = tmp_path / "tables"
    assert main(["extract", str(SEEDS_DIR), "--out", str(out)]) == 0
    expected = len(store.read_tables(out)["mentions"])
    assert len(pd.read_parquet(out / "mentions.parquet")) == expected > 100
    pattern = (out / "mentions.parquet").as_posix() + "/*.parquet"
    assert duckdb.sql(f"SELECT count(*) FROM read_parquet('{pattern}')").fetchall()[0][0] == expected
    assert ds.dataset(out / "mentions.parquet", format="parquet").count_rows() == expected


# --- the tables of a corpus for notebooks and reports (ensure_tables) -------------------------------

def test_ensure_tables_extracts_once_for_two_callers_and_again_when_damaged(tmp_path, monkeypatch, caplog):
    monkeypatch.setenv("NEWS_HELPERS_CACHE", str(tmp_path / "cache"))
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.txt").write_text((SEEDS_DIR / "003_3e998512e3ccf6bf.txt").read_text())
    real_write, writes = run._write_set, []

    def counted(*args, **kwargs):
        writes.append(1)
        return real_write(*args, **kwargs)

    monkeypatch.setattr(run, "_write_set", counted)
    folders = []
    threads = [threading.Thread(target=lambda: folders.append(run.ensure_tables(corpus))) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(writes) == 1 and folders[0] == folders[1]
    tamper_articles(folders[0], "changed")
    assert run.ensure_tables(corpus) == folders[0] and len(writes) == 2
    assert "does not match the row count and checksum" in caplog.text
    assert len(store.read_tables(folders[0])["articles"]) == 1
