"""Settings read from the environment, and which of them change what the tables hold.

Every ``NEWS_HELPERS_*`` variable is a setting. Most change the extracted tables (for
example ``NEWS_HELPERS_MAX_ARTICLE_CHARS``), so a report rendered under another value is
out of date; a few only say where things are or how a report is delivered. A setting
added later counts as one that changes the tables until it is listed here: a report is
then rendered again rather than shown out of date.
"""

from __future__ import annotations

import os

#: The prefix of every setting of the package.
PREFIX = "NEWS_HELPERS_"
#: Set by ``helpers render`` for a report's kernel: where its tables' CSV files go.
REPORT_ENV = "NEWS_HELPERS_REPORT"
#: Settings that say where things are, not what the tables hold (``helpers.paths`` reads the first two).
LOCATION_SETTINGS = ("NEWS_HELPERS_PROJECT", "NEWS_HELPERS_CACHE", REPORT_ENV)


def table_settings(environ: dict[str, str] | None = None) -> dict[str, str]:
    """Return the settings that change the tables, name to value, in name order.

    >>> table_settings({"NEWS_HELPERS_MAX_ARTICLE_CHARS": "9", "NEWS_HELPERS_CACHE": "/c", "HOME": "/h"})
    {'NEWS_HELPERS_MAX_ARTICLE_CHARS': '9'}
    """
    environ = os.environ if environ is None else environ
    return {name: environ[name] for name in sorted(environ)
            if name.startswith(PREFIX) and name not in LOCATION_SETTINGS}
