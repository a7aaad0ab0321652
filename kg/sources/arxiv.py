"""The arXiv metadata snapshot (the public ``arxiv-metadata-oai-snapshot`` layout).

One JSON object a line with ``id``, ``title``, ``abstract``, ``authors`` (and
``authors_parsed``), ``categories``, ``versions`` and ``update_date``: JSON
Lines, read by ``kg.sources.tabular.read_jsonl`` with the shared field mapping
(the publication date is the creation date of version 1). This module only
tells the layout apart.
"""

from __future__ import annotations

from typing import Any

#: Keys only the arXiv snapshot has; their presence identifies the layout.
MARKER_KEYS = ("versions", "update_date", "authors_parsed")


def looks_like_arxiv(row: dict[str, Any]) -> bool:
    return any(key in row for key in MARKER_KEYS)
