"""Charts of actor co-occurrence: a static heatmap and an interactive network.

:func:`heatmap_figure` draws the pair measure as a matrix with matplotlib (for
print); :func:`network_figure` draws a plotly network whose nodes are sized by
mentions and coloured by actor type, whose edges are as wide as the association
is strong, and whose edge midpoints carry hover text with the evidence sentences
(escaped with :func:`helpers.charts.base.hover_text`). :func:`spring_layout` places the
nodes deterministically (a seeded force-directed layout in numpy).
"""

from __future__ import annotations

import math

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import plotly.graph_objects as go
from matplotlib.figure import Figure

from helpers.analyses.cooccurrence import Cooccurrence, pair_matrix
from helpers.charts.base import TYPE_COLOURS, hover_text

OTHER_COLOUR = "#bbbbbb"


def spring_layout(node_ids: list[str], edges: list[tuple[str, str, float]], seed: int = 7,
                  iterations: int = 300) -> dict[str, tuple[float, float]]:
    """Return x, y in [-1, 1] for each node (Fruchterman-Reingold, deterministic for a seed).

    Edges pull their two nodes together in proportion to their (positive) weight;
    all nodes push each other apart. Nodes start on a circle, slightly jittered.
    """
    n = len(node_ids)
    if n == 0:
        return {}
    if n == 1:
        return {node_ids[0]: (0.0, 0.0)}
    index = {node: i for i, node in enumerate(node_ids)}
    weights = np.zeros((n, n))
    for a, b, w in edges:
        weights[index[a], index[b]] = weights[index[b], index[a]] = max(float(w), 0.05)
    rng = np.random.default_rng(seed)
    angles = np.linspace(0, 2 * np.pi, n, endpoint=False)
    pos = np.column_stack([np.cos(angles), np.sin(angles)]) + rng.normal(0, 0.05, (n, 2))
    k = 1.0 / math.sqrt(n)
    temperature = 0.2
    for _ in range(iterations):
        delta = pos[:, None, :] - pos[None, :, :]
        distance = np.maximum(np.linalg.norm(delta, axis=-1), 1e-3)
        force = (k * k / distance**2 - weights * distance / k)[:, :, None] * delta
        displacement = force.sum(axis=1)
        length = np.maximum(np.linalg.norm(displacement, axis=-1), 1e-9)[:, None]
        pos += displacement / length * np.minimum(length, temperature)
        pos -= pos.mean(axis=0)  # keep the layout centred: unconnected nodes drift otherwise
        temperature = max(temperature * 0.98, 0.002)
    pos /= max(np.abs(pos).max(), 1e-9)
    return {node: (round(float(x), 4), round(float(y), 4)) for node, (x, y) in zip(node_ids, pos, strict=True)}


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


def _edge_traces(co: Cooccurrence, pos: dict[str, tuple[float, float]]) -> list[go.Scatter]:
    """Return one line per edge (width by NPMI) and one trace of hoverable edge midpoints."""
    traces: list[go.Scatter] = []
    mid_x, mid_y, labels = [], [], []
    for _, pair in co.pairs.iterrows():
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


def _node_traces(co: Cooccurrence, pos: dict[str, tuple[float, float]]) -> list[go.Scatter]:
    """Return one trace of nodes per actor type (so the legend names the types)."""
    nodes = co.nodes[co.nodes["actor_id"].isin(pos)]
    largest = int(nodes["mentions"].max()) if len(nodes) else 1
    partners = pd.concat([co.pairs["actor_a"], co.pairs["actor_b"]]).value_counts()
    traces = []
    for actor_type, group in nodes.groupby("type", sort=True):
        traces.append(go.Scatter(
            x=[pos[a][0] for a in group["actor_id"]], y=[pos[a][1] for a in group["actor_id"]],
            mode="markers+text", name=str(actor_type), text=[hover_text(n) for n in group["name"]],
            textposition="top center", textfont={"size": 10},
            marker={"size": [_node_size(int(m), largest) for m in group["mentions"]],
                    "color": TYPE_COLOURS.get(str(actor_type), OTHER_COLOUR), "line": {"width": 1, "color": "white"}},
            hovertext=[f"<b>{hover_text(n)}</b> ({hover_text(str(actor_type))})<br>{m} mention(s); "
                       f"{int(partners.get(a, 0))} partner(s) shown"
                       for a, n, m in zip(group["actor_id"], group["name"], group["mentions"], strict=True)],
            hoverinfo="text"))
    return traces


def network_figure(co: Cooccurrence, title: str = "Actors mentioned together", seed: int = 7) -> go.Figure:
    """Return the plotly network of a co-occurrence result (only actors with a pair are drawn)."""
    shown = sorted(set(co.pairs["actor_a"]) | set(co.pairs["actor_b"]))
    edges = list(zip(co.pairs["actor_a"], co.pairs["actor_b"], co.pairs["npmi"], strict=True))
    pos = spring_layout(shown, edges, seed=seed)
    fig = go.Figure(_edge_traces(co, pos) + _node_traces(co, pos))
    fig.update_layout(title=title, height=650, hovermode="closest", legend={"title": "actor type"},
                      xaxis={"visible": False}, yaxis={"visible": False, "scaleanchor": "x"},
                      hoverlabel={"align": "left"}, margin={"l": 10, "r": 10, "t": 50, "b": 10})
    return fig


def heatmap_figure(co: Cooccurrence, title: str = "Association of actor pairs (NPMI)") -> Figure:
    """Return a static matplotlib heatmap: colour is NPMI, the number is the pair's count."""
    npmi, counts = pair_matrix(co, "npmi"), pair_matrix(co, "count")
    size = max(4.0, 0.45 * len(npmi) + 2.5)
    fig, ax = plt.subplots(figsize=(size + 1.5, size))
    image = ax.imshow(np.ma.masked_invalid(npmi.to_numpy(dtype=float)), cmap="RdBu_r", vmin=-1, vmax=1)
    ax.set_xticks(range(len(npmi)), npmi.columns, rotation=60, ha="right", fontsize=8)
    ax.set_yticks(range(len(npmi)), npmi.index, fontsize=8)
    for (i, j), count in np.ndenumerate(counts.to_numpy(dtype=float)):
        if not np.isnan(count):
            ax.text(j, i, f"{int(count)}", ha="center", va="center", fontsize=7)
    ax.set_title(title + f"\nnumbers: shared {co.window}s; blank: never together or below the minimum count",
                 fontsize=10)
    fig.colorbar(image, ax=ax, shrink=0.7, label="NPMI (-1 avoid, 0 independent, 1 always together)")
    fig.tight_layout()
    return fig
