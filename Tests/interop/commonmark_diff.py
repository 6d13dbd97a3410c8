"""Differential test of termgraph's Markdown link scanner against two CommonMark
referees, markdown-it-py and cmark-gfm (`cmarkgfm`), both with GFM tables.

For each random document of markdown_gen.py, the multiset of link targets
(inline and reference links, raw `<a href>`; not autolinks, not images, not
wikilinks) found by termgraph's `links --json` is compared with the one each
referee renders. Where the referees agree, termgraph must agree with them.
Where they disagree, one of them departs from the spec (CommonMark 0.31.2, GFM
0.29 for tables): termgraph must then count each target as one of them does
(targets are numbered, so a target names one link), and docs/commonmark.md
lists each such case and why the side termgraph takes is the spec's.

    python Tests/interop/commonmark_diff.py --count 100000 [--seed 0] [--bin .build/release/termgraph]

prints the counts per verdict and the first disagreements; exit 1 when one is
termgraph's. Documents go to termgraph in batches (one corpus folder of many
files per run), so 100,000 documents take a few minutes.
"""

from __future__ import annotations

import argparse
import ctypes
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

from cmarkgfm.cmark import Options as CmarkOptions  # noqa: E402
from markdown_gen import document  # noqa: E402
from markdown_it import MarkdownIt  # noqa: E402

BATCH = 5000


# ---------------------------------------------------------------------------
# Referees
# ---------------------------------------------------------------------------


class _Anchors(HTMLParser):
    # termgraph reads no anchor in raw text elements (docs/contract-notes.md).
    CDATA_CONTENT_ELEMENTS = ("script", "style", "textarea")

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.hrefs = []

    def handle_starttag(self, tag, attrs):
        if tag == "a":
            for name, value in attrs:
                if name == "href" and value is not None:
                    self.hrefs.append(value)
                    break

    handle_startendtag = handle_starttag


def anchor_hrefs(html):
    """`href` of the `<a>` tags of one raw HTML block or inline tag, as a browser
    reads it: a comment ends at the first `-->` and an unclosed one runs to the
    end, and a CDATA section outside SVG and MathML is a bogus comment ending at
    the first `>` (Python's parser, left alone, differs on all three: it also
    ends a comment at `--` and white space before `>`)."""
    html = html.replace("<![CDATA[", "<?CDATA[")
    position = 0
    while (opening := html.find("<", position)) >= 0:
        if html.startswith("<?", opening):  # to the first `>`, whatever it holds
            closing = html.find(">", opening)
            position = len(html) if closing < 0 else closing + 1
        elif html.startswith(("<!-->", "<!--->"), opening):
            position = opening + 4
        elif html.startswith("<!--", opening):
            closing = html.find("-->", opening + 4)
            if closing < 0:
                html = html[:opening]
                break
            html = html[:opening] + html[closing + 3:]
            position = opening
        else:
            position = opening + 1
    parser = _Anchors()
    parser.feed(html)
    parser.close()
    return parser.hrefs


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


class _Cmark:
    """cmark-gfm's syntax tree, through the C library inside `cmarkgfm` (its
    Python API renders only HTML, where one unclosed comment of a raw HTML block
    would hide the rest of the page)."""

    def __init__(self):
        import cmarkgfm._cmark as module

        lib = ctypes.CDLL(module.__file__)
        for name, restype, argtypes in [
            ("cmark_parser_new", ctypes.c_void_p, [ctypes.c_int]),
            ("cmark_find_syntax_extension", ctypes.c_void_p, [ctypes.c_char_p]),
            ("cmark_parser_attach_syntax_extension", ctypes.c_int, [ctypes.c_void_p, ctypes.c_void_p]),
            ("cmark_parser_feed", None, [ctypes.c_void_p, ctypes.c_char_p, ctypes.c_size_t]),
            ("cmark_parser_finish", ctypes.c_void_p, [ctypes.c_void_p]),
            ("cmark_parser_free", None, [ctypes.c_void_p]),
            ("cmark_node_free", None, [ctypes.c_void_p]),
            ("cmark_node_first_child", ctypes.c_void_p, [ctypes.c_void_p]),
            ("cmark_node_next", ctypes.c_void_p, [ctypes.c_void_p]),
            ("cmark_node_get_type_string", ctypes.c_char_p, [ctypes.c_void_p]),
            ("cmark_node_get_url", ctypes.c_char_p, [ctypes.c_void_p]),
            ("cmark_node_get_literal", ctypes.c_char_p, [ctypes.c_void_p]),
        ]:
            function = getattr(lib, name)
            function.restype, function.argtypes = restype, argtypes
        lib.cmark_gfm_core_extensions_ensure_registered()
        self.lib = lib

    def targets(self, text):
        lib = self.lib
        parser = lib.cmark_parser_new(CmarkOptions.CMARK_OPT_UNSAFE)
        lib.cmark_parser_attach_syntax_extension(parser, lib.cmark_find_syntax_extension(b"table"))
        data = text.encode("utf-8")
        lib.cmark_parser_feed(parser, data, len(data))
        document = lib.cmark_parser_finish(parser)
        found = []
        self._walk(document, found)
        lib.cmark_node_free(document)
        lib.cmark_parser_free(parser)
        return found

    def _walk(self, node, found):
        lib = self.lib
        child = lib.cmark_node_first_child(node)
        while child:
            kind = lib.cmark_node_get_type_string(child)
            if kind == b"link":
                url = (lib.cmark_node_get_url(child) or b"").decode("utf-8", "replace")
                if not self._is_autolink(child, url):
                    found.append(url)
                self._walk(child, found)
            elif kind in (b"html_inline", b"html_block"):
                found.extend(anchor_hrefs((lib.cmark_node_get_literal(child) or b"").decode("utf-8", "replace")))
            elif kind != b"image":  # an image's description holds no links
                self._walk(child, found)
            child = lib.cmark_node_next(child)

    def _is_autolink(self, node, url):
        """An autolink is a link whose only text is its URL (generated link
        texts never equal their targets)."""
        lib = self.lib
        child = lib.cmark_node_first_child(node)
        if not child or lib.cmark_node_next(child) or lib.cmark_node_get_type_string(child) != b"text":
            return False
        literal = (lib.cmark_node_get_literal(child) or b"").decode("utf-8", "replace")
        return url in (literal, "mailto:" + literal)


_CMARK = None


def cmark_targets(text):
    global _CMARK
    if _CMARK is None:
        _CMARK = _Cmark()
    return _CMARK.targets(text)


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


# Documents of the 100,000 where each referee departs from the spec on the same
# link, so neither can judge it: each was cut down to the few lines that show
# both departures (docs/commonmark.md, "Where both depart").
_DEF_BEFORE_TABLE = "cmark drops the definition before a table header"
BOTH_DEPART = {
    4648: _DEF_BEFORE_TABLE + "; markdown-it reads the indented line after a definition as code",
    5977: _DEF_BEFORE_TABLE + "; markdown-it lets an empty list item end a definition",
    7582: _DEF_BEFORE_TABLE + "; markdown-it takes a `>` after four spaces for a block quote",
    15625: _DEF_BEFORE_TABLE + "; markdown-it lets an empty list item end a definition",
    22200: _DEF_BEFORE_TABLE + "; markdown-it takes a `>` after four spaces for a block quote",
    45696: _DEF_BEFORE_TABLE + "; markdown-it reads the indented line after a definition as code",
    57628: _DEF_BEFORE_TABLE + "; markdown-it takes a `>` after four spaces for a block quote",
    63560: _DEF_BEFORE_TABLE + "; markdown-it lets `2.` end a definition",
    64719: _DEF_BEFORE_TABLE + "; markdown-it takes a `>` after four spaces for a block quote",
    71060: _DEF_BEFORE_TABLE + "; markdown-it takes a `>` after four spaces for a block quote",
    76238: "cmark ends a list item that opens with a definition at a blank line; "
    "markdown-it takes a `>` after four spaces for a block quote",
    89052: _DEF_BEFORE_TABLE + "; markdown-it takes a `>` after four spaces for a block quote",
}


def judge(md, cm, tg):
    """The verdict on one document. Targets are numbered, so each names one
    link (a definition's target, the links that use it): a target both
    referees count alike termgraph must count so too, and where they differ
    termgraph must count it as one of them does."""
    if md == cm:
        return "agree" if tg == md else "termgraph"
    sides = set()
    for target in md.keys() | cm.keys() | tg.keys():
        if tg[target] not in (md[target], cm[target]):
            return "termgraph"
        if md[target] != cm[target]:
            sides.add("cmark" if tg[target] == cm[target] else "markdown-it")
    return "referees differ, termgraph = " + " and ".join(sorted(sides)) + " (by link)"


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
                verdict = judge(normalised(md), normalised(cm), normalised(tg))
                if verdict == "termgraph" and seed in BOTH_DEPART:
                    verdict = "both referees depart from the spec (BOTH_DEPART)"
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
