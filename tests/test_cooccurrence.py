"""Co-occurrence of actors: windows, measures, filters, evidence, and the charts built on it."""

import pytest

from checkout import PROJECT_ROOT
from helpers.analyses.cooccurrence import backbone, cooccurrence, example_sentences, summary_sentences
from helpers.analyses.mentions import UNREGISTERED
from helpers.charts.network import heatmap_figure, network_figure, spring_layout
from helpers.pipeline.run import load_corpus_tables


@pytest.fixture(scope="module")
def by_sentence(seed_tables):
    return cooccurrence(seed_tables, window="sentence")


def test_pairs_are_registry_actors_or_unregistered_names_in_one_order(seed_tables, by_sentence):
    registry_ids = set(seed_tables["actors"]["actor_id"])
    pairs = by_sentence.pairs
    assert len(pairs) > 10
    assert (pairs["actor_a"] < pairs["actor_b"]).all()
    ids = set(pairs["actor_a"]) | set(pairs["actor_b"])
    assert {a for a in ids if not a.startswith(UNREGISTERED)} <= registry_ids
    nodes = by_sentence.nodes.set_index("actor_id")
    assert all(nodes.at[a, "registered"] == (a in registry_ids) for a in ids)


def test_names_the_registry_does_not_know_still_make_a_network(seed_tables):
    """A corpus whose actors are all unknown to the registry gets pairs from the names spaCy found."""
    tables = dict(seed_tables)
    tables["mentions"] = seed_tables["mentions"].assign(actor_id=None, actor_name=None)
    co = cooccurrence(tables, window="paragraph")
    assert len(co.pairs) > 0 and not co.nodes["registered"].any()
    assert all(a.startswith(UNREGISTERED) for a in co.pairs["actor_a"])
    assert network_figure(co).data and heatmap_figure(co) is not None


def test_unknown_actor_type_is_refused_with_the_known_ones(seed_tables):
    with pytest.raises(ValueError, match="unknown actor type 'people'; use any of: person"):
        cooccurrence(seed_tables, actor_types=["people"])


def test_network_draws_a_bounded_backbone(seed_tables):
    co = cooccurrence(seed_tables, window="article", min_count=1, top_n=None)
    drawn = backbone(co, max_nodes=10, links_per_actor=2)
    actors = set(drawn["actor_a"]) | set(drawn["actor_b"])
    assert len(actors) <= 10 and len(drawn) <= 10 * 2 < len(co.pairs)
    for actor in actors:  # each drawn actor keeps its strongest link among the drawn actors
        mine = co.pairs[((co.pairs["actor_a"] == actor) | (co.pairs["actor_b"] == actor))
                        & co.pairs["actor_a"].isin(actors) & co.pairs["actor_b"].isin(actors)]
        best = mine.sort_values(["npmi", "count"], ascending=False).iloc[0]
        assert ((drawn["actor_a"] == best["actor_a"]) & (drawn["actor_b"] == best["actor_b"])).any()
    labelled = [t for trace in network_figure(co).data if trace.mode == "markers+text" for t in trace.text if t]
    assert 0 < len(labelled) <= 12


def test_zarif_and_haniyeh_share_sentences_with_evidence(by_sentence):
    pair = by_sentence.pairs.query("actor_a == 'ismail_haniyeh' and actor_b == 'mohammad_javad_zarif'")
    assert len(pair) == 1 and pair["count"].iloc[0] >= 3
    evidence = by_sentence.evidence_for("mohammad_javad_zarif", "ismail_haniyeh")
    assert len(evidence) == pair["count"].iloc[0]
    assert (evidence["mentions"] == "both").all()
    assert evidence["text"].str.contains("Zarif|Iranian").all()
    assert "Zarif and Haniyeh spoke on the phone" in " ".join(evidence["text"])


def test_npmi_does_not_rank_by_frequency(by_sentence):
    pairs = by_sentence.pairs
    assert pairs["npmi"].between(-1, 1).all()
    assert pairs["npmi"].is_monotonic_decreasing
    most_frequent = pairs.sort_values("count", ascending=False).iloc[0]
    assert pairs.index[pairs["count"] == most_frequent["count"]][0] > 0  # not first by NPMI


def test_windows_widen_counts(seed_tables, by_sentence):
    by_paragraph = cooccurrence(seed_tables, window="paragraph")
    by_article = cooccurrence(seed_tables, window="article")
    key = ["actor_a", "actor_b"]
    sentence_pairs = set(map(tuple, by_sentence.pairs[key].to_numpy()))
    paragraph_pairs = set(map(tuple, by_paragraph.pairs[key].to_numpy()))
    assert sentence_pairs < paragraph_pairs  # every sentence pair is a paragraph pair, not conversely
    # a paragraph pair may rest on sentences that each name only one of the two
    assert (by_paragraph.evidence["mentions"] != "both").any()
    assert by_article.n_windows == 5 and len(by_article.pairs) >= len(by_paragraph.pairs)
    with pytest.raises(ValueError):
        cooccurrence(seed_tables, window="page")


def test_filters(seed_tables):
    people = cooccurrence(seed_tables, actor_types=["person"], min_count=2)
    assert set(people.pairs["type_a"]) | set(people.pairs["type_b"]) == {"person"}
    assert (people.pairs["count"] >= 2).all()
    top = cooccurrence(seed_tables, top_n=5)
    assert len(top.nodes) == 5
    assert set(top.pairs["actor_a"]) | set(top.pairs["actor_b"]) <= set(top.nodes["actor_id"])
    late = cooccurrence(seed_tables, date_from="2023-01-01", date_to="2023-12-31")
    assert set(late.evidence["article_id"]) == {"004_422bb6ef6b69d9a6"}
    assert "hossein_amir_abdollahian" in set(late.nodes["actor_id"])
    assert "mohammad_javad_zarif" not in set(late.nodes["actor_id"])


def test_empty_selection_gives_empty_tables(seed_tables):
    none = cooccurrence(seed_tables, date_from="1990-01-01", date_to="1990-12-31")
    assert none.pairs.empty and none.evidence.empty and none.nodes.empty


def test_layout_is_deterministic():
    edges = [("a", "b", 0.9), ("b", "c", 0.2)]
    assert spring_layout(["a", "b", "c"], edges) == spring_layout(["a", "b", "c"], edges)


def test_network_hover_shows_escaped_evidence(by_sentence):
    fig = network_figure(by_sentence)
    hovers = [h for trace in fig.data if trace.name == "pair (hover for sentences)" for h in trace.hovertext]
    assert len(hovers) == len(backbone(by_sentence))
    zarif = [h for h in hovers if "Ismail Haniyeh — Mohammad Javad Zarif" in h][0]
    assert "spoke on the phone" in zarif and "000_4ef09cb68f00dbdb" in zarif


def test_hover_escapes_article_text(by_sentence):
    evil = by_sentence.evidence.copy()
    evil["text"] = "<script>alert(1)</script>"
    hostile = type(by_sentence)(by_sentence.nodes, by_sentence.pairs, evil, "sentence", by_sentence.n_windows)
    hovers = " ".join(h for t in network_figure(hostile).data if t.hovertext for h in t.hovertext)
    assert "<script>" not in hovers and "&lt;script&gt;" in hovers


def test_heatmap_has_one_row_per_paired_actor(by_sentence):
    fig = heatmap_figure(by_sentence)
    shown = set(by_sentence.pairs["actor_a"]) | set(by_sentence.pairs["actor_b"])
    assert len(fig.axes[0].get_yticklabels()) == len(shown)


def test_actors_found_in_the_text_are_not_counted_as_registered():
    """The second corpus names bodies the registry lacks (the WFP, the Egyptian Red Crescent): their d: ids
    were reported as registry actors once every mention had an id."""
    tables = load_corpus_tables(PROJECT_ROOT / "tests" / "data" / "second_corpus").tables
    co = cooccurrence(tables, window="sentence")
    registry_ids = set(tables["actors"].loc[tables["actors"]["origin"] == "registry", "actor_id"])
    nodes = co.nodes.set_index("actor_id")
    assert (nodes["registered"] == nodes.index.isin(registry_ids)).all()
    assert "d:egyptian_red_crescent" in nodes.index and not nodes.at["d:egyptian_red_crescent", "registered"]
    assert any("not in the registry" in sentence for sentence in summary_sentences(co, 2))


def test_the_explanation_quotes_the_corpus_itself(seed_tables, by_sentence):
    """The report explains co-occurrence with a sentence of the selected articles and the actors it names."""
    first, forms = example_sentences(seed_tables, by_sentence)
    quoted = first.split('"')[1]
    evidence = by_sentence.evidence
    both = evidence[(evidence["mentions"] == "both") & (evidence["text"].map(lambda t: " ".join(t.split())) == quoted)]
    assert len(both), first
    named = set(by_sentence.nodes["name"])
    assert sum(name in first.split('" (')[1] for name in named) >= 2
    assert forms.count('"') >= 4 and forms.endswith(".")


def test_no_pair_gives_no_example(seed_tables):
    none = cooccurrence(seed_tables, date_from="1990-01-01", date_to="1990-12-31")
    assert example_sentences(seed_tables, none) == []
