"""A fixed slice of the random-document comparison of commonmark_diff.py: the
first 3,000 seeds, every link target termgraph finds against markdown-it-py and
cmark-gfm. The full run (`make commonmark-diff`) takes 100,000 documents.

The target is no disagreement that is termgraph's. The slice still holds a few
(docs/commonmark.md lists what is left); the bound below only goes down, so a
change that breaks one more document fails here, with the documents shown.
"""

from __future__ import annotations

import conftest
from commonmark_diff import compare, describe

SEEDS = range(3000)
KNOWN_TERMGRAPH_DISAGREEMENTS = 32


def test_random_documents_agree_with_the_referees():
    counts, cases = compare(conftest._active_bin, SEEDS, workers=2)
    ours = [c for c in cases if c[1] == "termgraph"]
    assert counts["agree"] > len(SEEDS) * 0.8, counts
    assert len(ours) <= KNOWN_TERMGRAPH_DISAGREEMENTS, (
        f"{len(ours)} documents where termgraph agrees with neither referee "
        f"(at most {KNOWN_TERMGRAPH_DISAGREEMENTS} expected); the shortest:\n"
        + "\n".join(describe(c) for c in sorted(ours, key=lambda c: len(c[2]))[:5])
    )
