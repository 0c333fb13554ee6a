"""Charts of actor co-occurrence: a static heatmap and an interactive network.

:func:`heatmap_figure` draws the pair measure as a matrix with matplotlib (for
print); :func:`network_figure` draws a plotly network whose nodes are sized by
mentions and coloured by actor type, whose edges are as wide as the association
is strong, and whose edge midpoints carry hover text with the evidence sentences
(escaped with :func:`helpers.charts.base.hover_text`).

So that the network stays readable at any corpus size, it draws the backbone of the
pairs (:func:`helpers.analyses.cooccurrence.backbone`: the most-mentioned actors and
each one's strongest links), places it with networkx's seeded force-directed layout
(:func:`spring_layout`), and writes names only beside the largest circles; every
circle and link still names itself in its hover label.
"""

from __future__ import annotations

import math

import matplotlib.pyplot as plt
import networkx as nx
import numpy as np
import pandas as pd
import plotly.graph_objects as go
from matplotlib.figure import Figure

from helpers.analyses.cooccurrence import Cooccurrence, backbone, pair_matrix
from helpers.charts.base import TYPE_COLOURS, hover_text, mpl_label, plot_label, short_label

OTHER_COLOUR = "#bbbbbb"
#: Circles whose name is written beside them (the most-mentioned); the others name themselves on hover.
LABELLED_NODES = 12


def spring_layout(node_ids: list[str], edges: list[tuple[str, str, float]], seed: int = 7,
                  iterations: int = 200) -> dict[str, tuple[float, float]]:
    """Return x, y in [-1, 1] for each node: networkx's layouts, the same for the same input.

    networkx's Fruchterman-Reingold layout (fixed by ``seed``): edges pull their two
    nodes together in proportion to their (positive) weight and all nodes push each
    other apart, more than networkx's default so that names have room. Each axis is
    then stretched to fill [-1, 1], so that one distant actor does not squeeze the
    others into a corner.
    """
    graph = nx.Graph()
    graph.add_nodes_from(node_ids)
    graph.add_weighted_edges_from((a, b, max(float(w), 0.05)) for a, b, w in edges)
    if len(node_ids) <= 1:
        return {node: (0.0, 0.0) for node in node_ids}
    pos = nx.spring_layout(graph, k=2.5 / math.sqrt(len(node_ids)), iterations=iterations, seed=seed,
                           weight="weight")
    coords = np.array([pos[node] for node in node_ids], dtype=float)
    low, high = coords.min(axis=0), coords.max(axis=0)
    coords = 2 * (coords - low) / np.where(high - low > 0, high - low, 1.0) - 1
    return {node: (round(float(x), 4), round(float(y), 4)) for node, (x, y) in zip(node_ids, coords, strict=True)}


def _node_size(mentions: int, largest: int) -> float:
    """Return a marker diameter (px) whose area grows with the number of mentions."""
    return 10 + 30 * math.sqrt(mentions / max(largest, 1))


def edge_hover(co: Cooccurrence, pair: pd.Series, max_sentences: int = 4) -> str:
    """Return the hover label of an edge: the pair, its numbers and the evidence sentences."""
    evidence = co.evidence_for(pair["actor_a"], pair["actor_b"])
    evidence = evidence.sort_values(by=["mentions", "article_id", "sentence_id"],
                                    key=lambda s: s.ne("both") if s.name == "mentions" else s)
    lines = [f"<b>{hover_text(pair['name_a'])} — {hover_text(pair['name_b'])}</b>",
             f"together in {pair['count']} {co.window}(s); NPMI {pair['npmi']:.2f}"]
    for row in evidence.head(max_sentences).itertuples():
        lines.append(f"<i>{hover_text(row.article_id)} #{row.sentence_id}</i>: {hover_text(row.text, max_chars=300)}")
    if len(evidence) > max_sentences:
        lines.append(f"… and {len(evidence) - max_sentences} more sentence(s) in the evidence table")
    return "<br>".join(lines)


def _edge_traces(co: Cooccurrence, pairs: pd.DataFrame, pos: dict[str, tuple[float, float]]) -> list[go.Scatter]:
    """Return one line per drawn pair (width by NPMI) and one trace of hoverable pair midpoints."""
    traces: list[go.Scatter] = []
    mid_x, mid_y, labels = [], [], []
    for _, pair in pairs.iterrows():
        (xa, ya), (xb, yb) = pos[pair["actor_a"]], pos[pair["actor_b"]]
        strength = max(float(pair["npmi"]), 0.0)
        traces.append(go.Scatter(x=[xa, xb], y=[ya, yb], mode="lines", hoverinfo="skip", showlegend=False,
                                 line={"width": 0.5 + 7 * strength,
                                       "color": f"rgba(90,90,90,{0.25 + 0.6 * strength:.2f})"}))
        mid_x.append(round((xa + xb) / 2, 4))
        mid_y.append(round((ya + yb) / 2, 4))
        labels.append(edge_hover(co, pair))
    traces.append(go.Scatter(x=mid_x, y=mid_y, mode="markers", name="pair (hover for sentences)",
                             marker={"size": 7, "color": "#555555", "symbol": "diamond"},
                             hovertext=labels, hoverinfo="text"))
    return traces


def _node_traces(co: Cooccurrence, pairs: pd.DataFrame, pos: dict[str, tuple[float, float]]) -> list[go.Scatter]:
    """Return one trace of circles per actor type (so the legend names the types); only the largest are named."""
    nodes = co.nodes[co.nodes["actor_id"].isin(pos)]
    largest = int(nodes["mentions"].max()) if len(nodes) else 1
    named = set(nodes.sort_values("mentions", ascending=False, kind="stable")["actor_id"].head(LABELLED_NODES))
    partners = pd.concat([pairs["actor_a"], pairs["actor_b"]]).value_counts()
    traces = []
    for actor_type, group in nodes.groupby("type", sort=True):
        unregistered = ["" if registered else " (not in the registry)" for registered in group["registered"]]
        traces.append(go.Scatter(
            x=[pos[a][0] for a in group["actor_id"]], y=[pos[a][1] for a in group["actor_id"]],
            mode="markers+text", name=plot_label(actor_type),
            text=[plot_label(short_label(n, 24)) if a in named else "" for a, n in zip(group["actor_id"], group["name"],
                                                                                     strict=True)],
            textposition="top center", textfont={"size": 11},
            marker={"size": [_node_size(int(m), largest) for m in group["mentions"]],
                    "color": TYPE_COLOURS.get(str(actor_type), OTHER_COLOUR), "line": {"width": 1, "color": "white"}},
            hovertext=[f"<b>{hover_text(n)}</b> ({hover_text(str(actor_type))}{u})<br>{m} mention(s); "
                       f"{int(partners.get(a, 0))} link(s) drawn"
                       for a, n, m, u in zip(group["actor_id"], group["name"], group["mentions"], unregistered,
                                             strict=True)],
            hoverinfo="text"))
    return traces


def network_figure(co: Cooccurrence, title: str = "Actors mentioned together", seed: int = 7) -> go.Figure:
    """Return the plotly network of a co-occurrence result: its backbone, laid out by networkx."""
    pairs = backbone(co)
    shown = sorted(set(pairs["actor_a"]) | set(pairs["actor_b"]))
    edges = list(zip(pairs["actor_a"], pairs["actor_b"], pairs["npmi"], strict=True))
    pos = spring_layout(shown, edges, seed=seed)
    fig = go.Figure(_edge_traces(co, pairs, pos) + _node_traces(co, pairs, pos))
    fig.update_layout(title=title, height=700, hovermode="closest", legend={"title": "actor type"},
                      xaxis={"visible": False, "range": [-1.15, 1.15]},
                      yaxis={"visible": False, "range": [-1.1, 1.15]},
                      hoverlabel={"align": "left"}, margin={"l": 10, "r": 10, "t": 50, "b": 10})
    return fig


def heatmap_figure(co: Cooccurrence, title: str = "Association of actor pairs (NPMI)") -> Figure | None:
    """Return a static matplotlib heatmap (colour: NPMI, number: the pair's count); None without pairs."""
    npmi, counts = pair_matrix(co, "npmi"), pair_matrix(co, "count")
    if npmi.empty:
        return None
    size = max(4.0, 0.45 * len(npmi) + 2.5)
    fig, ax = plt.subplots(figsize=(size + 1.5, size))
    image = ax.imshow(np.ma.masked_invalid(npmi.to_numpy(dtype=float)), cmap="RdBu_r", vmin=-1, vmax=1)
    labels = [mpl_label(name, 28) for name in npmi.columns]
    ax.set_xticks(range(len(npmi)), labels, rotation=60, ha="right", fontsize=8)
    ax.set_yticks(range(len(npmi)), labels, fontsize=8)
    for (i, j), count in np.ndenumerate(counts.to_numpy(dtype=float)):
        if not np.isnan(count):
            ax.text(j, i, f"{int(count)}", ha="center", va="center", fontsize=7)
    ax.set_title(title + f"\nnumbers: shared {co.window}s; blank: never together or below the minimum count",
                 fontsize=10)
    fig.colorbar(image, ax=ax, shrink=0.7, label="NPMI (-1 avoid, 0 independent, 1 always together)")
    fig.tight_layout()
    plt.close(fig)
    return fig
