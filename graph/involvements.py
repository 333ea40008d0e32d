"""One involvement per passage: what makes two mentions of a partner two involvements.

A plan names the same partner in the same theme in several passages, each with its own roles,
section, quote and wording (Pijnacker-Nootdorp's plan-level `inwoners` in sections 1, 1.3.1,
1.4, 2.1 and 2.6). One node per plan, scope and partner pooled them, so which role goes with
which passage was lost. Each YAML entry is a passage: its node's IRI ends in a digest of its
section and quotes, so it is stable while the entry's words are, and two entries citing the
same words are the same passage. "Which partners work on which theme" stays one triple, the
shortcut `?theme ivp:involvesPartner ?partner` (and `?plan ivp:namesPartner ?partner`).
"""

from __future__ import annotations

import hashlib
from typing import Any

from graph.quotes import normalise


def passage_key(item: dict[str, Any], section: str | None) -> str:
    """A short digest of the entry's section and quotes, the last segment of its IRI.

    >>> same = passage_key({"quote": "de  wijkagent"}, "2.1")
    >>> same == passage_key({"quote": "de wijkagent"}, "2.1")
    True
    >>> passage_key({"quote": "x"}, "2.1") == passage_key({"quote": "x"}, "2.6")
    False
    """
    section = str(item.get("section", section) or "")
    quotes = item.get("quote")
    listed = quotes if isinstance(quotes, list) else [quotes]
    texts = []
    for quote in listed:
        if isinstance(quote, dict):
            texts.append(f"{quote.get('section', section)}:{normalise(str(quote.get('quote')))}")
        else:
            texts.append(normalise(str(quote or "")))
    text = "\n".join([section, *texts])
    return hashlib.sha1(text.encode()).hexdigest()[:8]
