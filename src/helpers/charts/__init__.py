"""Stage 5, frames to figures: plotly charts (evidence sentence in every hover) and static matplotlib ones.

``base`` holds what every chart shares (escaping, the template, :func:`base.show`).
"""
