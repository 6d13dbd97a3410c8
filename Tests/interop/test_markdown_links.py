"""termgraph's link scanner agrees with markdown-it-py (CommonMark) on real
corpora, file by file.

For every article of the ar-react-dev, hugo-docs-en and ethereum-org-2024
corpora in ../shared/corpora (skipped when absent), and for every small case
in link_cases.py (one CommonMark behaviour each): strip the YAML front matter
the way termgraph does, parse the body with MarkdownIt('commonmark'), and
collect

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
from link_cases import CASES

CORPORA = ["ar-react-dev", "hugo-docs-en", "ethereum-org-2024"]
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
        self.hrefs = []  # (href, line within the fed text, from 0)

    def handle_starttag(self, tag, attrs):
        if tag == "a":
            for name, value in attrs:
                if name == "href" and value is not None:
                    self.hrefs.append((value, self.getpos()[0] - 1))

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
    """[(target, line)] for one file, lines counted in the whole file (from 1)."""
    body, offset = split_front_matter(text)
    links = []
    for token in md.parse(body):
        if not token.map:
            continue
        line = token.map[0] + offset + 1
        if token.type == "inline":
            for child in token.children or []:
                if child.type == "link_open" and child.markup != "autolink":
                    links.append((child.attrs.get("href", ""), line))
                elif child.type == "html_inline":
                    links.extend((href, line + n) for href, n in html_hrefs(child.content))
                if child.type in ("softbreak", "hardbreak"):
                    line += 1
                elif child.type in ("html_inline", "text"):
                    line += child.content.count("\n")
        elif token.type == "html_block":
            links.extend((href, line + n) for href, n in html_hrefs(token.content))
    return links


def normalise(target):
    return unquote(target).strip()


# ---------------------------------------------------------------------------
# Comparing
# ---------------------------------------------------------------------------


def only_in(a, b):
    """Items of multiset `a` (target, line) not matched in `b`, compared by
    normalised target; an item on the same line is matched first, so the lines
    reported are the ones that really differ."""
    left = Counter((normalise(t), line) for t, line in b)
    pending = []
    for target, line in a:
        key = (normalise(target), line)
        if left[key]:
            left[key] -= 1
        else:
            pending.append((target, line))
    by_target = Counter()
    for (target, _), count in left.items():
        by_target[target] += count
    out = []
    for target, line in pending:
        if by_target[normalise(target)]:
            by_target[normalise(target)] -= 1
        else:
            out.append((target, line))
    return out


def disagreements(reference, termgraph):
    """[(path, only markdown-it, only termgraph)] for files in both."""
    found = []
    for path in sorted(set(reference) & set(termgraph), key=lambda p: p.encode("utf-8")):
        ours, theirs = termgraph[path], reference[path]
        if Counter(normalise(t) for t, _ in ours) != Counter(normalise(t) for t, _ in theirs):
            found.append((path, only_in(theirs, ours), only_in(ours, theirs)))
    return found


def report(found, sources=None):
    lines = []
    for path, md_only, tg_only in found[:SHOW_FILES]:
        lines.append(f"{path}:")
        for side, items in (("only markdown-it", md_only), ("only termgraph  ", tg_only)):
            for target, line in items:
                source = ""
                if sources is not None and line:
                    text = sources[path].split("\n")
                    source = f"   | {text[line - 1][:160]!r}" if line <= len(text) else ""
                lines.append(f"    {side} line {line}: {target!r}{source}")
    return "\n".join(lines)


def termgraph_links(root):
    """{path: [(target, line)]} from `termgraph links --json`, wikilinks left out."""
    result = run_termgraph(["links"], root)
    assert result.returncode in (0, 1), result.describe()
    return {
        a["path"]: [(link["target"], link["line"]) for link in a["links"] if link["kind"] != "wikilink"]
        for a in result.json["articles"]
    }


# ---------------------------------------------------------------------------
# Real corpora
# ---------------------------------------------------------------------------


@pytest.fixture(scope="module")
def corpus_links(shared_corpora):
    cache = {}

    def get(name):
        if name not in cache:
            root = shared_corpora(name)
            termgraph = termgraph_links(root)
            md = markdown_it()
            reference, sources = {}, {}
            for path in article_files(root):
                with open(root / path, encoding="utf-8", errors="replace") as f:
                    sources[path] = f.read()
                reference[path] = reference_links(md, sources[path])
            cache[name] = (reference, termgraph, sources)
        return cache[name]

    return get


@pytest.mark.parametrize("name", CORPORA)
def test_same_article_files(name, corpus_links):
    reference, termgraph, _ = corpus_links(name)
    assert sorted(termgraph) == sorted(reference), (
        f"only in termgraph: {sorted(set(termgraph) - set(reference))[:20]}\n"
        f"only on disk by the contract's rules: {sorted(set(reference) - set(termgraph))[:20]}"
    )


@pytest.mark.parametrize("name", CORPORA)
def test_links_agree_with_markdown_it(name, corpus_links):
    reference, termgraph, sources = corpus_links(name)
    found = disagreements(reference, termgraph)
    assert not found, (
        f"{len(found)} of {len(set(reference) & set(termgraph))} files in {name} disagree "
        f"(first {SHOW_FILES} shown):\n" + report(found, sources)
    )


# ---------------------------------------------------------------------------
# Small cases, one behaviour each (no ../shared needed)
# ---------------------------------------------------------------------------


@pytest.fixture(scope="module")
def case_links(tmp_path_factory):
    root = tmp_path_factory.mktemp("link-cases")
    for name, text in CASES.items():
        (root / f"{name}.md").write_bytes(text.encode("utf-8"))
    return termgraph_links(root)


@pytest.mark.parametrize("name", list(CASES))
def test_link_case_agrees_with_markdown_it(name, case_links):
    text = CASES[name]
    path = f"{name}.md"
    assert path in case_links, f"termgraph did not read {path}"
    reference = {path: reference_links(markdown_it(), text)}
    found = disagreements(reference, {path: case_links[path]})
    assert not found, (
        f"source: {text[:300]!r}\n"
        f"markdown-it: {[t for t, _ in reference[path]]}\n"
        f"termgraph:   {[t for t, _ in case_links[path]]}\n" + report(found, {path: text})
    )
