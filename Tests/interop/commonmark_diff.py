"""Differential test of termgraph's Markdown link scanner against two CommonMark
referees, markdown-it-py and cmark-gfm (`cmarkgfm`), both with GFM tables.

For each random document of markdown_gen.py, the multiset of link targets
(inline and reference links, raw `<a href>`; not autolinks, not images, not
wikilinks) found by termgraph's `links --json` is compared with the one each
referee renders. Where the referees agree, termgraph must agree with them.
Where they disagree, one of them departs from the spec (CommonMark 0.31.2, GFM
0.29 for tables) or from how a browser reads raw HTML: termgraph must then
agree with one of them, and docs/commonmark.md lists each such case and why
the side termgraph takes is the spec's.

    python Tests/interop/commonmark_diff.py --count 100000 [--seed 0] [--bin .build/release/termgraph]

prints the counts per verdict and the first disagreements; exit 1 when one is
termgraph's. Documents go to termgraph in batches (one corpus folder of many
files per run), so 100,000 documents take a few minutes.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from collections import Counter
from concurrent.futures import ProcessPoolExecutor
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote

sys.path.insert(0, str(Path(__file__).resolve().parent))

import cmarkgfm  # noqa: E402
from cmarkgfm.cmark import Options as CmarkOptions  # noqa: E402
from markdown_gen import document  # noqa: E402
from markdown_it import MarkdownIt  # noqa: E402

BATCH = 5000


# ---------------------------------------------------------------------------
# Referees
# ---------------------------------------------------------------------------


class _Anchors(HTMLParser):
    """`href` of every `<a>` start tag; with `skip_autolinks`, not those whose
    text is the href itself (how an autolink renders: generated link texts
    never equal their targets)."""

    # termgraph reads no anchor in raw text elements (docs/contract-notes.md).
    CDATA_CONTENT_ELEMENTS = ("script", "style", "textarea")

    def __init__(self, skip_autolinks):
        super().__init__(convert_charrefs=True)
        self.skip_autolinks = skip_autolinks
        self.hrefs = []
        self._open = None  # index of the last anchor, until its first text

    def handle_starttag(self, tag, attrs):
        self._open = None
        if tag == "a":
            for name, value in attrs:
                if name == "href" and value is not None:
                    self.hrefs.append(value)
                    self._open = len(self.hrefs) - 1
                    break

    handle_startendtag = handle_starttag

    def handle_data(self, data):
        if self._open is not None and self.skip_autolinks:
            href = self.hrefs[self._open]
            if unquote(href) in (data, "mailto:" + data):
                self.hrefs[self._open] = None
        self._open = None

    def handle_endtag(self, tag):
        self._open = None


def anchor_hrefs(html, skip_autolinks=False):
    """As a browser reads the HTML: an unclosed comment runs to the end, and a
    CDATA section outside SVG and MathML is a bogus comment ending at the first
    `>` (Python's parser, left alone, differs on both)."""
    html = html.replace("<![CDATA[", "<?CDATA[")
    opening = html.rfind("<!--")
    if opening >= 0 and html.find("-->", opening + 4) < 0 and not html.startswith("<!-->", opening) \
            and not html.startswith("<!--->", opening):
        html = html[:opening]
    parser = _Anchors(skip_autolinks)
    parser.feed(html)
    parser.close()
    return [h for h in parser.hrefs if h is not None]


def markdown_it_parser():
    md = MarkdownIt("commonmark").enable("table")
    md.validateLink = lambda url: True
    md.normalizeLink = lambda url: url
    return md


_MD = None


def markdown_it_targets(text):
    global _MD
    if _MD is None:
        _MD = markdown_it_parser()
    found = []
    for token in _MD.parse(text):
        if token.type == "inline":
            for child in token.children or []:
                if child.type == "link_open" and child.markup != "autolink":
                    found.append(child.attrs.get("href", ""))
                elif child.type == "html_inline":
                    found.extend(anchor_hrefs(child.content))
        elif token.type == "html_block":
            found.extend(anchor_hrefs(token.content))
    return found


def cmark_targets(text):
    html = cmarkgfm.markdown_to_html_with_extensions(text, options=CmarkOptions.CMARK_OPT_UNSAFE, extensions=["table"])
    return anchor_hrefs(html, skip_autolinks=True)


def normalised(targets):
    return Counter(unquote(t).strip() for t in targets)


# ---------------------------------------------------------------------------
# termgraph
# ---------------------------------------------------------------------------


def termgraph_targets(binary, texts):
    """[targets] per text, from one `links --json` run over a folder of them."""
    with tempfile.TemporaryDirectory(prefix="commonmark-diff-") as folder:
        for k, text in enumerate(texts):
            Path(folder, f"d{k:06d}.md").write_bytes(text.encode("utf-8"))
        env = dict(os.environ)
        env.setdefault("XDG_CACHE_HOME", str(Path(folder) / ".cache"))
        proc = subprocess.run(
            [str(binary), "links", "--corpus", folder, "--no-cache", "--json"],
            capture_output=True, text=True, encoding="utf-8", env=env,
        )
        if proc.returncode not in (0, 1):
            raise RuntimeError(f"termgraph links exited {proc.returncode}: {proc.stderr[:2000]}")
        articles = {a["path"]: a["links"] for a in json.loads(proc.stdout)["articles"]}
    return [
        [link["target"] for link in articles.get(f"d{k:06d}.md", []) if link["kind"] != "wikilink"]
        for k in range(len(texts))
    ]


# ---------------------------------------------------------------------------
# One run
# ---------------------------------------------------------------------------


def _referee(seed):
    text = document(seed)
    return text, markdown_it_targets(text), cmark_targets(text)


def compare(binary, seeds, workers=1):
    """{verdict: count} and [(seed, verdict, text, md, cmark, termgraph)] for
    every document where termgraph is wrong or the referees differ."""
    counts = Counter()
    cases = []
    seeds = list(seeds)
    with ProcessPoolExecutor(max_workers=workers) as pool:
        for begin in range(0, len(seeds), BATCH):
            chunk = seeds[begin:begin + BATCH]
            refereed = list(pool.map(_referee, chunk, chunksize=200))
            ours = termgraph_targets(binary, [text for text, _, _ in refereed])
            for seed, (text, md, cm), tg in zip(chunk, refereed, ours):
                md_n, cm_n, tg_n = normalised(md), normalised(cm), normalised(tg)
                if md_n == cm_n:
                    verdict = "agree" if tg_n == md_n else "termgraph"
                elif tg_n == cm_n:
                    verdict = "referees differ, termgraph = cmark"
                elif tg_n == md_n:
                    verdict = "referees differ, termgraph = markdown-it"
                else:
                    verdict = "termgraph"
                counts[verdict] += 1
                if verdict != "agree":
                    cases.append((seed, verdict, text, md, cm, tg))
    return counts, cases


def describe(case):
    seed, verdict, text, md, cm, tg = case
    return (
        f"--- seed {seed}: {verdict}\n{text}"
        f"    markdown-it: {sorted(normalised(md).elements())}\n"
        f"    cmark:       {sorted(normalised(cm).elements())}\n"
        f"    termgraph:   {sorted(normalised(tg).elements())}\n"
    )


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--count", type=int, default=100_000)
    ap.add_argument("--seed", type=int, default=0, help="first seed (documents are seeds SEED … SEED+COUNT-1)")
    ap.add_argument("--bin", default=os.environ.get("TERMGRAPH_BIN", ".build/release/termgraph"))
    ap.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    ap.add_argument("--show", type=int, default=10, help="disagreements printed")
    ap.add_argument("--show-referees", action="store_true", help="also print where only the referees differ")
    args = ap.parse_args()
    start = time.monotonic()
    counts, cases = compare(args.bin, range(args.seed, args.seed + args.count), args.workers)
    shown = [c for c in cases if args.show_referees or c[1] == "termgraph"][: args.show]
    for case in shown:
        print(describe(case))
    print(f"{args.count} documents in {time.monotonic() - start:.0f} s:")
    for verdict, n in sorted(counts.items()):
        print(f"  {n:7d}  {verdict}")
    return 1 if counts["termgraph"] else 0


if __name__ == "__main__":
    sys.exit(main())
