"""A fixed slice of the random-document comparison of commonmark_diff.py: the
first 3,000 seeds, every link target termgraph finds against markdown-it-py and
cmark-gfm, none of them termgraph's to fix. The full run
(`make commonmark-diff`) takes 100,000 documents.
"""

from __future__ import annotations

import conftest
from commonmark_diff import compare, describe

SEEDS = range(3000)


def test_random_documents_agree_with_the_referees():
    counts, cases = compare(conftest._active_bin, SEEDS, workers=2)
    ours = [c for c in cases if c[1] == "termgraph"]
    # The documents are varied enough to matter, and plain enough to agree on mostly.
    assert counts["agree"] > len(SEEDS) * 0.8, counts
    assert not ours, (
        f"{len(ours)} of {len(SEEDS)} documents where termgraph counts a target as neither "
        f"referee does ({dict(counts)}); the shortest:\n"
        + "\n".join(describe(c) for c in sorted(ours, key=lambda c: len(c[2]))[:5])
    )
