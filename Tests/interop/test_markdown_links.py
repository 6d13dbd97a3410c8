"""termgraph's link scanner agrees with markdown-it-py (CommonMark) on real
corpora, file by file.

For every article of the ar-react-dev and hugo-docs-en corpora in
../shared/corpora: strip the YAML front matter the way termgraph does, parse
the body with MarkdownIt('commonmark'), and collect

- the `href` of every `link_open` among the children of `inline` tokens
  (inline and reference links; not autolinks, and not links inside an image's
  alt text, which live in the image token's own children), and
- the `href` of every `<a>` tag in `html_inline` and `html_block` tokens.

That multiset of targets must equal the targets of termgraph's `links --json`
for the same file, wikilinks left out (CommonMark has none).

Normalisation, applied to both sides: markdown-it's link validation
(it drops `javascript:` and similar URLs) and its `normalizeLink`
(percent-encoding, punycode) are switched off, so an href is the destination
with backslash escapes and entities decoded — what termgraph reports as
`target`; then both sides are percent-decoded and stripped of surrounding
white space.
"""

from __future__ import annotations

import os
from collections import Counter
from html.parser import HTMLParser
from urllib.parse import unquote

import pytest
from markdown_it import MarkdownIt

from conftest import run_termgraph

CORPORA = ["ar-react-dev", "hugo-docs-en"]
SHOW_FILES = 20


# ---------------------------------------------------------------------------
# The reference side: files, front matter, markdown-it
# ---------------------------------------------------------------------------


def article_files(root):
    """Relative paths of the articles, by the contract's rules: `.md` and
    `.markdown` files, `.txt` files whose first line is `---`; hidden names
    skipped."""
    found = []
    for folder, dirs, files in os.walk(root):
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        for name in files:
            if name.startswith("."):
                continue
            path = os.path.join(folder, name)
            lower = name.lower()
            if lower.endswith((".md", ".markdown")) or (lower.endswith(".txt") and _first_line(path) == "---"):
                found.append(os.path.relpath(path, root).replace(os.sep, "/"))
    return sorted(found, key=lambda p: p.encode("utf-8"))


def _first_line(path):
    with open(path, "rb") as f:
        line = f.readline()
    return line.decode("utf-8", "replace").lstrip("\ufeff").rstrip("\r\n")


def split_front_matter(text):
    """(body, number of lines before the body): the front matter starts with
    a first line `---` and ends at the next line that is `---` or `...`."""
    text = text.lstrip("\ufeff")
    lines = text.split("\n")
    if lines and lines[0].rstrip("\r") == "---":
        for i in range(1, len(lines)):
            if lines[i].rstrip("\r") in ("---", "..."):
                return "\n".join(lines[i + 1:]), i + 1
        return "", len(lines)  # never closes: termgraph reports it and reads no links
    return text, 0


class _AnchorHrefs(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.hrefs = []

    def handle_starttag(self, tag, attrs):
        if tag == "a":
            for name, value in attrs:
                if name == "href" and value is not None:
                    self.hrefs.append(value)

    handle_startendtag = handle_starttag


def html_hrefs(html):
    parser = _AnchorHrefs()
    parser.feed(html)
    parser.close()
    return parser.hrefs


def markdown_it():
    md = MarkdownIt("commonmark")
    # Keep every destination as written (decoded), like termgraph's `target`.
    md.validateLink = lambda url: True
    md.normalizeLink = lambda url: url
    return md


def reference_links(md, text):
    """[(target, line)] for one file, lines counted in the whole file."""
    body, offset = split_front_matter(text)
    links = []
    for token in md.parse(body):
        line = token.map[0] + offset + 1 if token.map else None
        if token.type == "inline":
            for child in token.children or []:
                if child.type == "link_open" and child.markup != "autolink":
                    links.append((child.attrs.get("href", ""), line))
                elif child.type == "html_inline":
                    links.extend((href, line) for href in html_hrefs(child.content))
        elif token.type == "html_block":
            links.extend((href, line) for href in html_hrefs(token.content))
    return links


def normalise(target):
    return unquote(target).strip()


# ---------------------------------------------------------------------------
# Both sides, once per corpus
# ---------------------------------------------------------------------------


@pytest.fixture(scope="module")
def corpus_links(shared_corpora):
    cache = {}

    def get(name):
        if name not in cache:
            root = shared_corpora(name)
            result = run_termgraph(["links"], root)
            assert result.returncode == 0, result.describe()
            termgraph = {
                a["path"]: [(l["target"], l["line"]) for l in a["links"] if l["kind"] != "wikilink"]
                for a in result.json["articles"]
            }
            md = markdown_it()
            reference = {}
            for path in article_files(root):
                with open(root / path, encoding="utf-8", errors="replace") as f:
                    text = f.read()
                reference[path] = reference_links(md, text)
            cache[name] = (root, reference, termgraph)
        return cache[name]

    return get


def only_in(a, b):
    """Items of multiset `a` not matched in `b`, with their lines."""
    left = Counter(normalise(t) for t, _ in b)
    out = []
    for target, line in a:
        key = normalise(target)
        if left[key]:
            left[key] -= 1
        else:
            out.append((target, line))
    return out


@pytest.mark.parametrize("name", CORPORA)
def test_same_article_files(name, corpus_links):
    _, reference, termgraph = corpus_links(name)
    assert sorted(termgraph) == sorted(reference), (
        f"only in termgraph: {sorted(set(termgraph) - set(reference))[:20]}\n"
        f"only on disk by the contract's rules: {sorted(set(reference) - set(termgraph))[:20]}"
    )


@pytest.mark.parametrize("name", CORPORA)
def test_links_agree_with_markdown_it(name, corpus_links):
    _, reference, termgraph = corpus_links(name)
    disagreeing = []
    for path in sorted(set(reference) & set(termgraph)):
        ours, theirs = termgraph[path], reference[path]
        if Counter(normalise(t) for t, _ in ours) != Counter(normalise(t) for t, _ in theirs):
            disagreeing.append((path, only_in(theirs, ours), only_in(ours, theirs)))
    report = []
    for path, md_only, tg_only in disagreeing[:SHOW_FILES]:
        report.append(f"{path}:")
        report.extend(f"    only markdown-it, line {line}: {target!r}" for target, line in md_only)
        report.extend(f"    only termgraph,   line {line}: {target!r}" for target, line in tg_only)
    assert not disagreeing, (
        f"{len(disagreeing)} of {len(set(reference) & set(termgraph))} files in {name} disagree "
        f"(first {SHOW_FILES} shown; markdown-it lines are those of the block):\n" + "\n".join(report)
    )
