"""`link_patterns` (PRODUCT.md §1d) on Hugo's own docs, against an independent referee: the
recipe of docs/site/link-patterns.md applied with Python's `re` to the text markdown-it-py
leaves outside code, comments and links."""

from __future__ import annotations

import re
from collections import Counter

import pytest

from conftest import run_termgraph

markdown_it = pytest.importorskip("markdown_it")

RECIPE = """wikilinks: false
link_patterns:
  - pattern: '\\{\\{[<%]-?\\s*(?:rel)?ref\\s+(?:path\\s*=\\s*)?"([^"]+)"'
    target: '$1'
  - pattern: '\\{\\{%\\s*glossary-term\\s+"?([^"%]+?)"?\\s*%\\}\\}'
    replace: [[' ', '-']]
    target: '/quick-reference/glossary/$1'
"""
REF = re.compile(r'\{\{[<%]-?\s*(?:rel)?ref\s+(?:path\s*=\s*)?"([^"]+)"')
GLOSSARY = re.compile(r'\{\{%\s*glossary-term\s+"?([^"%]+?)"?\s*%\}\}')
COMMENT = re.compile(r"<!--.*?-->", re.S)


def _body(text: str) -> str:
    """The text after YAML front matter, which is not body."""
    if text.startswith("---\n"):
        end = text.find("\n---", 4)
        if end >= 0:
            return text[text.index("\n", end + 1) + 1:] if "\n" in text[end + 1:] else ""
    return text


def _prose(text: str) -> list[str]:
    """The pieces of text outside code, links and comments, as markdown-it-py parses them."""
    md = markdown_it.MarkdownIt("commonmark")
    pieces: list[str] = []
    for token in md.parse(_body(text)):
        if token.type == "html_block":
            pieces.append(COMMENT.sub(" ", token.content))
        if token.type != "inline":
            continue
        depth = 0
        for child in token.children or []:
            if child.type in ("link_open",):
                depth += 1
            elif child.type == "link_close":
                depth -= 1
            elif depth == 0 and child.type == "text":
                pieces.append(child.content)
            elif depth == 0 and child.type == "html_inline" and not child.content.startswith("<!--"):
                pieces.append(child.content)
    return pieces


def expected_links(root) -> Counter:
    found: Counter = Counter()
    for path in sorted(root.rglob("*.md")):
        rel = path.relative_to(root).as_posix()
        text = path.read_text(encoding="utf-8")
        # Pieces of one paragraph may have been split by markdown-it-py at inline syntax;
        # a shortcode holds none, so each match lies within one piece.
        for piece in _prose(text):
            for m in REF.finditer(piece):
                found[(rel, m.group(1).strip(), m.group(1))] += 1
            for m in GLOSSARY.finditer(piece):
                found[(rel, "/quick-reference/glossary/" + m.group(1).replace(" ", "-").strip(), m.group(1))] += 1
    return found


def test_hugo_recipe_links_its_shortcodes(shared_corpora):
    root = shared_corpora("hugo-docs-en") / "en"
    (root / "termgraph.yml").write_text(RECIPE, encoding="utf-8")
    try:
        links = run_termgraph(["links", "--no-cache"], root)
    finally:
        (root / "termgraph.yml").unlink()
    assert links.returncode == 0, links.stderr
    got = Counter((a["path"], l["target"], l["text"]) for a in links.json["articles"]
                  for l in a["links"] if l["kind"] == "pattern")
    expected = expected_links(root)
    assert sum(expected.values()) >= 20, "the recipe should find Hugo's glossary shortcodes"
    assert got == expected, (sorted((got - expected).items())[:10], sorted((expected - got).items())[:10])
    # The escaped form Hugo's docs show ({{</* ref "privacy" */>}}) makes no link.
    assert not any(t == "privacy" for _, t, _ in got)
    # Every glossary link reaches a glossary page.
    resolved = Counter(l["resolution"] for a in links.json["articles"] for l in a["links"] if l["kind"] == "pattern")
    print("pattern links:", sum(got.values()), dict(resolved))
    assert resolved["article"] > 0
