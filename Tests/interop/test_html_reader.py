"""The HTML reader (PRODUCT.md §1b) against an independent parser, on real pages.

The MDN archive in ../shared/corpora holds 269 rendered pages (`ar/**/index.html`, YAML front
matter before the markup). For each page, html5lib (the WHATWG parsing algorithm, in Python,
sharing no code with libxml2) finds the `<a href>` of the same content scope: the first `<main>`,
else `<body>`, without the `<nav>`, `<header>`, `<footer>` and `<aside>` inside it. termgraph's
`links` must list the same targets with the same anchor texts, in the same order. Where the two
parsers build different trees from the same broken markup, the difference is named in a test of
its own, with the markup that causes it.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import tarfile
import unicodedata
from pathlib import Path

import html5lib
import networkx as nx
import pytest

from conftest import require_shared, run_termgraph

CHROME = {"nav", "header", "footer", "aside"}
# Unicode's White_Space property (what §1b collapses), which Python's str.split() does not match
# exactly: it also splits at U+001C..U+001F.
WHITE_SPACE = re.compile("[\t\n\x0b\x0c\r \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+")


def collapse(text: str) -> str:
    return WHITE_SPACE.sub(" ", text).strip(" ")


def without_front_matter(text: str) -> str:
    """The markup after a YAML front-matter block, cut as §1b cuts it."""
    if not text.startswith("---\n"):
        return text
    lines = text.split("\n")
    for i in range(1, len(lines)):
        if lines[i] in ("---", "..."):
            return "\n".join(lines[i + 1:])
    return text


def element_text(element) -> str:
    """The text content of an element, in document order, without its tail."""
    parts = []
    stack = [(element, False)]
    while stack:
        node, tail = stack.pop()
        if tail:
            parts.append(node.tail or "")
            continue
        if isinstance(node.tag, str) and node.tag not in ("script", "style"):
            parts.append(node.text or "")
            for child in reversed(list(node)):
                stack.append((child, True))
                stack.append((child, False))
    return "".join(parts)


def skipped(node, selectors) -> bool:
    """Whether a simple selector of `html_skip` (`tag`, `.class`, `#id`) names the element."""
    for selector in selectors:
        if selector.startswith("#") and node.get("id") == selector[1:]:
            return True
        if selector.startswith(".") and selector[1:] in (node.get("class") or "").split():
            return True
        if selector[0] not in "#." and node.tag == selector.lower():
            return True
    return False


def html5lib_links(markup: str, skip=()) -> list[tuple[str, str]]:
    """(href, collapsed text) of every `<a href>` in the page's content scope, by html5lib."""
    document = html5lib.parse(markup, treebuilder="etree", namespaceHTMLElements=False)
    body = document.find("body")
    main = next((e for e in document.iter("main")), None)
    scope = main if main is not None else body
    links = []
    stack = [scope]
    while stack:
        node = stack.pop()
        if not isinstance(node.tag, str) or (node is not scope and (node.tag in CHROME or skipped(node, skip))):
            continue
        if node.tag == "a" and node.get("href") is not None:
            links.append((node.get("href"), collapse(element_text(node))))
        stack.extend(reversed(list(node)))
    return links


@pytest.fixture(scope="module")
def mdn(tmp_path_factory):
    """The MDN pages unpacked into a folder of their own, with a termgraph.yml whose base is
    the site's `/ar/docs/`."""
    archive = require_shared("corpora", "mdn-ar-rendered.tar.xz")
    target = tmp_path_factory.mktemp("mdn-html")
    with tarfile.open(archive, "r:xz") as tar:
        tar.extractall(target, filter="data")
    root = target / "mdn-ar-rendered" / "ar"
    (root / "termgraph.yml").write_text("title: MDN بالعربية\nlanguage: ar\nbase: /ar/docs/\n", encoding="utf-8")
    return root


def links_by_path(corpus):
    result = run_termgraph(["links", "--no-cache"], corpus)
    assert result.returncode == 0, result.describe()
    return {article["path"]: article for article in result.json["articles"]}


@pytest.fixture(scope="module")
def mdn_links(mdn):
    return links_by_path(mdn)


def page_markup(root: Path, path: str) -> str:
    return without_front_matter((root / path).read_text(encoding="utf-8"))


def test_every_page_is_an_article(mdn, mdn_links):
    pages = sorted(str(p.relative_to(mdn)) for p in mdn.rglob("*.html"))
    assert len(pages) == 269
    assert sorted(p for p in mdn_links if p.endswith(".html")) == pages


def compare_with_html5lib(root, links, skip=()):
    """Pages whose (target, text) lists differ from html5lib's, and how many links were compared."""
    mismatched = {}
    compared = 0
    for path, article in sorted(links.items()):
        if not path.endswith(".html"):
            continue
        assert {link["kind"] for link in article["links"]} <= {"html"}, path
        ours = [(link["target"], link["text"]) for link in article["links"]]
        theirs = html5lib_links(page_markup(root, path), skip)
        compared += len(theirs)
        if ours != theirs:
            first = next(i for i in range(max(len(ours), len(theirs))) if i >= len(ours) or i >= len(theirs) or ours[i] != theirs[i])
            mismatched[path] = f"link {first}: termgraph {ours[first:first + 2]} html5lib {theirs[first:first + 2]}"
    return mismatched, compared


def test_link_targets_and_texts_per_page_equal_html5libs(mdn, mdn_links):
    mismatched, compared = compare_with_html5lib(mdn, mdn_links)
    assert compared > 40_000  # the pages hold 45,819 links in their content scope
    assert not mismatched, f"{len(mismatched)} pages differ:\n" + "\n".join(f"{p}: {d}" for p, d in list(mismatched.items())[:5])


def test_html_skip_leaves_out_mdns_quick_links_as_html5lib_does(mdn, tmp_path):
    """MDN's sidebar (`<section id="Quick_Links">`, on 179 pages) named by `html_skip`."""
    copy = tmp_path / "ar"
    shutil.copytree(mdn, copy)
    (copy / "termgraph.yml").write_text("base: /ar/docs/\nhtml_skip: ['#Quick_Links']\n", encoding="utf-8")
    links = links_by_path(copy)
    mismatched, compared = compare_with_html5lib(copy, links, skip=["#Quick_Links"])
    assert not mismatched, f"{len(mismatched)} pages differ:\n" + "\n".join(f"{p}: {d}" for p, d in list(mismatched.items())[:5])
    assert sum(len(a["links"]) for a in links.values()) == compared
    assert sum(1 for p in copy.rglob("*.html") if 'id="Quick_Links"' in p.read_text(encoding="utf-8")) == 179


# --------------------------------------------------------------------------
# Deliberate differences: where termgraph's targets are not html5lib's raw hrefs
# --------------------------------------------------------------------------

SITE = "http://h.example"


URL_SCHEME = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*:")


def test_base_href_targets_are_resolved_as_urljoin_resolves_them(tmp_path):
    """html5lib reports hrefs as written; under `<base href>` termgraph reports what a browser
    follows, which urllib's urljoin computes independently."""
    from urllib.parse import urldefrag, urljoin

    hrefs = ["intro.html", "../api/x", "/root", "#part", "?q=1", "", "./a/../b", "https://other.org/y", "//cdn.org/z",
             "mailto:x@y.org"]
    bases = {"guide/page.html": "/docs/guide/", "deep/index.html": "sub/", "abs.html": "https://other.org/p/q",
             "q.html": "/docs/x?y=1#frag"}
    for path, base in bases.items():
        anchors = "".join(f'<a href="{h}">{i}</a>' for i, h in enumerate(hrefs))
        (tmp_path / path).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / path).write_text(f'<head><base href="{base}"></head><body>{anchors}</body>', encoding="utf-8")
    result = run_termgraph(["links", "--no-cache"], tmp_path)
    assert result.returncode == 0, result.describe()
    by_path = {a["path"]: a for a in result.json["articles"]}
    for path, base in bases.items():
        folder = path.rsplit("/", 1)[0] + "/" if "/" in path else ""
        own = SITE + "/" + (folder if path.endswith("index.html") else path)
        effective = urljoin(own, base)
        # RFC 3986 §5.2.2 drops the base's fragment for an empty reference; urljoin returns the
        # base unchanged instead.
        expected = [urljoin(effective, h) if h else urldefrag(effective).url for h in hrefs]
        ours = [link["target"] if URL_SCHEME.match(link["target"]) else "http:" + link["target"] if link["target"].startswith("//")
                else SITE + link["target"] for link in by_path[path]["links"]]
        assert [link["text"] for link in by_path[path]["links"]] == [str(i) for i in range(len(hrefs))]
        assert ours == expected, path


def test_pages_served_without_trailing_slash_resolve_as_urljoin_from_the_folder_url(tmp_path):
    """With `trailing_slash: false`, `a/b/index.html` is `/a/b`: `c` is `/a/c`, as urljoin says."""
    from urllib.parse import urljoin

    (tmp_path / "termgraph.yml").write_text("trailing_slash: false\n")
    (tmp_path / "a" / "b").mkdir(parents=True)
    (tmp_path / "a" / "c.html").write_text("<title>C</title>")
    (tmp_path / "a" / "b" / "index.html").write_text('<a href="c">c</a><a href="../c">up</a><a href="b/d">d</a>')
    result = run_termgraph(["links", "--no-cache"], tmp_path)
    links = next(a for a in result.json["articles"] if a["path"] == "a/b/index.html")["links"]
    assert [SITE + link["target"] for link in links] == [urljoin(SITE + "/a/b", h) for h in ["c", "../c", "b/d"]]
    assert [(link["resolution"], link["slug"]) for link in links] == [("article", "a/c"), ("wanted", "c"), ("wanted", "a/b/d")]


@pytest.mark.parametrize("markup, html5lib_says, termgraph_says", [
    # HTML5 reconstructs an open <a> in the next paragraph (active formatting elements);
    # libxml2 keeps one element across both paragraphs.
    ('<p><a href="/p">p<p>q</a>', [("/p", "p"), ("/p", "q")], [("/p", "pq")]),
    # HTML5's adoption agency splits an <a> around a block; libxml2 nests the block inside it,
    # one link whose text ends where the inner <a> starts.
    ('<a href="/x"><div>block <a href="/in">in</a></div></a>', [("/x", ""), ("/x", "block"), ("/in", "in")],
     [("/x", "block"), ("/in", "in")]),
])
def test_misnested_anchors_follow_libxml2s_tree_not_html5s(tmp_path, markup, html5lib_says, termgraph_says):
    """libxml2's HTML parser predates HTML5's tree construction: for misnested markup (none of it
    on the MDN pages) its tree, and so termgraph's links, differ from a browser's."""
    assert html5lib_links(markup) == html5lib_says
    (tmp_path / "p.html").write_text(markup)
    result = run_termgraph(["links", "--no-cache"], tmp_path)
    assert [(l["target"], l["text"]) for l in result.json["articles"][0]["links"]] == termgraph_says


@pytest.mark.parametrize("markup", [
    '<a href=/1><b>bold<a href=/2>two</b></a>',
    '<a href=/1>one<span><a href=/2>two</a> tail</span></a>',
])
def test_an_anchor_that_starts_inside_another_ends_its_text_as_html5_does(tmp_path, markup):
    """libxml2 nests an <a> opened inside another's child; its text still ends where HTML5 closes
    the outer anchor, so no text is gathered twice, however deep the anchors nest."""
    (tmp_path / "p.html").write_text(markup)
    result = run_termgraph(["links", "--no-cache"], tmp_path)
    assert [(l["target"], l["text"]) for l in result.json["articles"][0]["links"]] == html5lib_links(markup)


# --------------------------------------------------------------------------
# Every command and export on the MDN pages
# --------------------------------------------------------------------------


def front_matter_title(path: Path) -> str:
    import yaml

    text = path.read_text(encoding="utf-8")
    return yaml.safe_load(text[4:text.index("\n---\n", 4)])["title"]


def test_stats_count_the_pages_and_their_links(mdn, mdn_links):
    result = run_termgraph(["stats", "--no-cache"], mdn)
    assert result.returncode == 0, result.describe()
    stats = result.json
    links = [l for a in mdn_links.values() for l in a["links"]]
    assert stats["articles"] == 269
    assert stats["external_links"] == sum(l["resolution"] == "external" for l in links)
    assert stats["links"] == len(links) - stats["external_links"]


def test_check_reports_wanted_links_with_file_and_line(mdn, mdn_links):
    """Every wanted link `links` lists is a `wanted-link` problem at the page's file and line."""
    result = run_termgraph(["check", "--no-cache", "--kind", "wanted-link"], mdn)
    assert result.returncode == 1, result.describe()
    reported = sorted((str(Path(p["file"]).resolve()), p["line"]) for p in result.json["problems"])
    expected = sorted((str((mdn / path).resolve()), l["line"]) for path, a in mdn_links.items() for l in a["links"]
                      if l["resolution"] == "wanted")
    assert len(expected) > 1000
    assert reported == expected


def test_every_export_works_and_networkx_reads_the_graphml(mdn, mdn_links, tmp_path):
    # Every format but SVG on the whole graph; SVG (Graphviz lays out the 2,560 edges between
    # the pages for minutes) on the neighbourhood of the page that links to fewest articles.
    for fmt in ["graphml", "dot", "json", "gexf", "neo4j", "skos"]:
        result = run_termgraph(["export", "--no-cache", "--format", fmt, "--out-dir", tmp_path], mdn, json_output=False)
        assert result.returncode == 0, result.describe()
    if shutil.which("dot"):
        small = min((a for a in mdn_links.values() if any(l["resolution"] == "article" for l in a["links"])),
                    key=lambda a: (sum(l["resolution"] == "article" for l in a["links"]), a["path"]))
        result = run_termgraph(["export", "--no-cache", "--format", "svg", "--no-stubs", "--around", small["slug"], "--depth", "1",
                                "--out-dir", tmp_path], mdn, json_output=False)
        assert result.returncode == 0, result.describe()
        assert "<text" in (tmp_path / "graph.svg").read_text(encoding="utf-8")
    stats = run_termgraph(["stats", "--no-cache"], mdn).json
    graph = nx.read_graphml(tmp_path / "graph.graphml")
    assert graph.number_of_nodes() == stats["articles"] + stats["stubs"]
    assert graph.number_of_edges() == stats["edges"]
    labels = {data["slug"]: data["label"] for _, data in graph.nodes(data=True) if not data.get("stub")}
    for path, article in mdn_links.items():
        assert labels[article["slug"]] == front_matter_title(mdn / path), path
    # Each edge's weight is the number of the page's links that reach that other article or
    # wanted term (a term is its slug folded: `Window` and `window` are one stub).
    def key(slug):
        return unicodedata.normalize("NFC", slug.strip("/")).casefold()

    weights = {}
    for article in mdn_links.values():
        for link in article["links"]:
            if link["resolution"] in ("article", "wanted") and key(link["slug"]) != key(article["slug"]):
                pair = (key(article["slug"]), key(link["slug"]))
                weights[pair] = weights.get(pair, 0) + 1
    key_of = {node: key(data["slug"]) for node, data in graph.nodes(data=True)}
    assert {(key_of[u], key_of[v]): int(d["weight"]) for u, v, d in graph.edges(data=True)} == weights
