"""GraphML and DOT exports are read correctly by xmllint, NetworkX, igraph and
Graphviz.

Corpora: a few random graphs from the shared generator, and one hand-made
corpus full of text that is hard to write correctly (Arabic, quotes, `&`, `<`,
`]]>`, backslashes incl. a trailing one, YAML block scalars with newlines,
control characters, bidi marks, extra front-matter keys, categories). What
each reader must see is written down here from the corpus's own data.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from pathlib import Path

import igraph
import networkx as nx
import pytest

from conftest import GraphSpec, generate_graphs, require_shared, run_termgraph, slug_order

GRAPHML_NS = "{http://graphml.graphdrawing.org/xmlns}"

# ---------------------------------------------------------------------------
# The hand-made corpus
# ---------------------------------------------------------------------------

ENCODED_MISSING = "%D8%BA%D9%8A%D8%B1-%D9%85%D9%88%D8%AC%D9%88%D8%AF"  # /غير-موجود

HANDMADE_FILES = {
    "termgraph.yml": """\
title: Back-office glossary & "tests" <ok> ]]>
language: ar
categories:
  back: backoffice
  middle: office/middle
""",
    "backoffice.md": """\
---
title: المكتب الخلفي
description: "Settlement & clearing <back> \\"office\\" ]]> end"
keywords: تسوية, مقاصة, سجلات
office: back
weight: 7
lang: ar
tags:
  - settlement
  - "quote \\" and & amp"
---
# المكتب الخلفي

يتعامل مع [التسوية](/settlement) و[المقاصة](/clearing "Clearing") and [x \\]\\]> y & "z"](/office/middle).
Also [again](/settlement) and [التسوية](/settlement) and a [missing one](/غير-موجود).
""",
    "settlement.md": """\
---
title: 'C:\\path\\'
description: |-
  first line
  second line
office: back
aliases: [تسوية, /settle]
---
Back to [the back office](/backoffice) and [self](/settlement).
Wanted: [مفقود](/غير-موجود) and [bell](/bell), [مفقود](/%s) again.
""" % ENCODED_MISSING,
    "clearing.md": """\
---
title: "ctl\\x01char\\x1b and \\u200Frlm\\u202Bembed\\u202C \\u2066iso\\u2069"
description: "tab\\tand vertical\\vtab"
lang: en
---
Link [back\\\\slash](/backoffice).
""",
    "office/middle.md": """\
---
title: |-
  Middle
  office
office: middle
weight: heavy
---
See <a href="/settlement">settle &amp; clear</a> and [[backoffice|the back]].
""",
    "مكتب.md": """\
---
title: "مكتب أمامي — “quoted” ‘single’"
---
[الخلفي](/backoffice) [وسط](/office/middle) [ctl\x02anchor](/settlement)
""",
}


@dataclass
class Expected:
    """What a reader of the export must see."""

    nodes: dict  # node id -> {"slug", "label", "stub", ...}
    edges: dict  # (source id, target id) -> weight
    anchors: dict = field(default_factory=dict)  # (source id, target id) -> [anchor]
    graph: dict = field(default_factory=dict)  # graph-level data

    def without_stubs(self) -> "Expected":
        keep = {i: n for i, n in self.nodes.items() if not n["stub"]}
        return Expected(
            keep,
            {e: w for e, w in self.edges.items() if e[1] in keep},
            {e: a for e, a in self.anchors.items() if e[1] in keep},
            self.graph,
        )


def _article(slug, label, path, **extra):
    return {"slug": slug, "label": label, "stub": False, "path": path, **extra}


def _stub(slug, label):
    return {"slug": slug, "label": label, "stub": True}


HANDMADE = Expected(
    nodes={
        "backoffice": _article(
            "backoffice", "المكتب الخلفي", "backoffice.md",
            category="back", category_inferred=False,
            description='Settlement & clearing <back> "office" ]]> end',
            keywords=["تسوية", "مقاصة", "سجلات"],
            fm_weight="7", lang="ar", tags=["settlement", 'quote " and & amp'],
        ),
        "bell": _stub("bell", "bell"),
        "clearing": _article(
            "clearing", "ctlchar and \u200frlm\u202bembed\u202c \u2066iso\u2069", "clearing.md",
            category="back", category_inferred=True,
            description="tab\tand verticaltab", lang="en",
        ),
        "office:middle": _article(
            "office/middle", "Middle\noffice", "office/middle.md",
            category="middle", category_inferred=False, fm_weight="heavy",
        ),
        "settlement": _article(
            "settlement", "C:\\path\\", "settlement.md",
            category="back", category_inferred=False,
            description="first line\nsecond line", aliases=["تسوية", "/settle"],
        ),
        "غير-موجود": _stub("غير-موجود", "مفقود"),
        "مكتب": _article("مكتب", "مكتب أمامي — “quoted” ‘single’", "مكتب.md"),
    },
    edges={
        ("backoffice", "clearing"): 1,
        ("backoffice", "office:middle"): 1,
        ("backoffice", "settlement"): 3,
        ("backoffice", "غير-موجود"): 1,
        ("clearing", "backoffice"): 1,
        ("office:middle", "backoffice"): 1,
        ("office:middle", "settlement"): 1,
        ("settlement", "backoffice"): 1,
        ("settlement", "bell"): 1,
        ("settlement", "غير-موجود"): 2,
        ("مكتب", "backoffice"): 1,
        ("مكتب", "office:middle"): 1,
        ("مكتب", "settlement"): 1,
    },
    anchors={
        ("backoffice", "clearing"): ["المقاصة"],
        ("backoffice", "office:middle"): ['x ]]> y & "z"'],
        ("backoffice", "settlement"): ["التسوية", "again"],
        ("backoffice", "غير-موجود"): ["missing one"],
        ("clearing", "backoffice"): ["back\\slash"],
        ("office:middle", "backoffice"): ["the back"],
        # An HTML anchor's text is HTML: `&amp;` is the character `&`.
        ("office:middle", "settlement"): ["settle & clear"],
        ("settlement", "backoffice"): ["the back office"],
        ("settlement", "bell"): ["bell"],
        ("settlement", "غير-موجود"): ["مفقود"],
        ("مكتب", "backoffice"): ["الخلفي"],
        ("مكتب", "office:middle"): ["وسط"],
        ("مكتب", "settlement"): ["ctlanchor"],
    },
    graph={"title": 'Back-office glossary & "tests" <ok> ]]>', "language": "ar"},
)


def write_handmade(folder: Path) -> Path:
    for name, text in HANDMADE_FILES.items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return folder


def expected_from_spec(spec: GraphSpec) -> Expected:
    titles = spec.titles()
    nodes = {s: _article(s, titles[s], f"{s}.md") for s in spec.articles}
    nodes.update({s: _stub(s, titles[s]) for s in spec.stubs})
    return Expected(nodes, spec.edges(), spec.edge_anchors())


# ---------------------------------------------------------------------------
# Corpora and their exports (one export per corpus per session)
# ---------------------------------------------------------------------------

_GRAPHS = {s.name: s for s in generate_graphs()}
RANDOM_CORPORA = ["empty", "single-self-loop", "wanted-ties", "grid-4x4", "r002-dense-n16", "r003-components-n10"]
CORPORA = RANDOM_CORPORA + ["handmade"]


@dataclass
class Exported:
    corpus: Path
    out: Path
    expected: Expected

    @property
    def graphml(self) -> Path:
        return self.out / "graph.graphml"

    @property
    def dot(self) -> Path:
        return self.out / "graph.dot"


def export(corpus: Path, out: Path, *extra) -> None:
    result = run_termgraph(["export", "--out-dir", out, "--format", "all", *extra], corpus, json_output=False)
    assert result.returncode == 0, result.describe()


@pytest.fixture(scope="module")
def exported(tmp_path_factory):
    cache: dict[str, Exported] = {}

    def get(name: str) -> Exported:
        if name not in cache:
            root = tmp_path_factory.mktemp(f"export-{name}")
            if name == "handmade":
                corpus, expected = write_handmade(root / "corpus"), HANDMADE
            else:
                spec = _GRAPHS[name]
                corpus, expected = spec.write(root / "corpus"), expected_from_spec(spec)
            export(corpus, root / "out")
            cache[name] = Exported(corpus, root / "out", expected)
        return cache[name]

    return get


def graphml_tree(path: Path):
    return ET.parse(path).getroot()


def run(cmd, **kwargs):
    return subprocess.run([str(c) for c in cmd], capture_output=True, timeout=120, **kwargs)


# ---------------------------------------------------------------------------
# GraphML
# ---------------------------------------------------------------------------


@pytest.mark.parametrize("name", CORPORA)
def test_graphml_is_valid_against_the_schema(name, exported):
    xsd = require_shared("schemas", "graphml", "graphml.xsd")
    if shutil.which("xmllint") is None:
        pytest.skip("xmllint is not installed (apt-get install libxml2-utils)")
    e = exported(name)
    proc = run(["xmllint", "--noout", "--nonet", "--schema", xsd, e.graphml])
    assert proc.returncode == 0, proc.stderr.decode()


BUILTIN_KEY_TYPES = {
    ("label", "node"): "string",
    ("slug", "node"): "string",
    ("description", "node"): "string",
    ("keywords", "node"): "string",
    ("aliases", "node"): "string",
    ("category", "node"): "string",
    ("category_inferred", "node"): "boolean",
    ("stub", "node"): "boolean",
    ("path", "node"): "string",
    ("weight", "edge"): "int",
    ("anchors", "edge"): "string",
}

# XML 1.0 (5th edition) NameChar, for NMTOKEN.
_NAME_CHAR = (
    ":A-Z_a-z\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u02ff\u0370-\u037d\u037f-\u1fff\u200c-\u200d"
    "\u2070-\u218f\u2c00-\u2fef\u3001-\ud7ff\uf900-\ufdcf\ufdf0-\ufffd\U00010000-\U000effff"
    "\\-.0-9\u00b7\u0300-\u036f\u203f-\u2040"
)
NMTOKEN = re.compile(f"[{_NAME_CHAR}]+")


@pytest.mark.parametrize("name", CORPORA)
def test_graphml_structure_keys_ids_and_order(name, exported):
    e = exported(name)
    root = graphml_tree(e.graphml)
    keys = {(k.get("attr.name"), k.get("for")): k for k in root.iter(f"{GRAPHML_NS}key")}
    for k in keys.values():
        assert k.get("id") == k.get("attr.name")
    for (attr, scope), attr_type in BUILTIN_KEY_TYPES.items():
        assert (attr, scope) in keys, f"missing <key> {attr} for {scope}"
        assert keys[(attr, scope)].get("attr.type") == attr_type, attr
    (graph,) = root.findall(f"{GRAPHML_NS}graph")
    assert graph.get("edgedefault") == "directed"

    nodes = [n.get("id") for n in graph.findall(f"{GRAPHML_NS}node")]
    for node_id in nodes:
        assert NMTOKEN.fullmatch(node_id), f"node id {node_id!r} is not an NMTOKEN"
    slug_of = {i: n["slug"] for i, n in e.expected.nodes.items()}
    assert nodes == [i for s in slug_order(slug_of.values()) for i in slug_of if slug_of[i] == s]

    edges = [(x.get("source"), x.get("target")) for x in graph.findall(f"{GRAPHML_NS}edge")]
    assert edges == sorted(e.expected.edges, key=lambda st: (slug_of[st[0]].encode(), slug_of[st[1]].encode()))

    # Booleans are written true/false.
    for data in root.iter(f"{GRAPHML_NS}data"):
        if data.get("key") in ("stub", "category_inferred"):
            assert data.text in ("true", "false")


@pytest.mark.parametrize("name", CORPORA)
def test_networkx_reads_nodes_edges_labels_weights(name, exported):
    e = exported(name)
    g = nx.read_graphml(e.graphml)
    assert g.is_directed()
    assert set(g.nodes) == set(e.expected.nodes)
    got_nodes = {
        i: {k: g.nodes[i].get(k) for k in ("slug", "label", "stub")} for i in g.nodes
    }
    want_nodes = {
        i: {k: n[k] for k in ("slug", "label", "stub")} for i, n in e.expected.nodes.items()
    }
    assert got_nodes == want_nodes
    assert {(u, v): w for u, v, w in g.edges(data="weight")} == e.expected.edges
    paths = {i: g.nodes[i].get("path") for i in g.nodes}
    assert paths == {i: n.get("path") for i, n in e.expected.nodes.items()}
    for key, value in e.expected.graph.items():
        assert g.graph.get(key) == value


@pytest.mark.parametrize("name", RANDOM_CORPORA)
def test_networkx_reads_anchors_of_random_corpora(name, exported):
    e = exported(name)
    g = nx.read_graphml(e.graphml)
    got = {(u, v): json.loads(a) for u, v, a in g.edges(data="anchors")}
    assert got == e.expected.anchors


HTML_ENTITY_EDGE = ("office:middle", "settlement")
CONTROL_CHAR_EDGE = ("مكتب", "settlement")


def handmade_anchors(exported):
    g = nx.read_graphml(exported("handmade").graphml)
    return {(u, v): json.loads(a) for u, v, a in g.edges(data="anchors")}


def test_handmade_anchor_texts(exported):
    """Anchor texts survive escaping: `]]>`, quotes, `&`, Arabic, backslashes."""
    got = handmade_anchors(exported)
    want = dict(HANDMADE.anchors)
    for edge in (HTML_ENTITY_EDGE, CONTROL_CHAR_EDGE):  # checked below, one cause each
        got.pop(edge), want.pop(edge)
    assert got == want


def test_html_anchor_text_decodes_entities(exported):
    """`<a href="/settlement">settle &amp; clear</a>` reads as `settle & clear`
    in a browser; the anchor text is that, not the raw HTML."""
    assert handmade_anchors(exported)[HTML_ENTITY_EDGE] == HANDMADE.anchors[HTML_ENTITY_EDGE]


def test_anchor_text_drops_xml_forbidden_controls(exported):
    """A C0 control in link text is dropped from the anchor, as from titles
    (contract-notes: dropped from every text; the DOT tooltip drops it too)."""
    assert handmade_anchors(exported)[CONTROL_CHAR_EDGE] == HANDMADE.anchors[CONTROL_CHAR_EDGE]


def test_handmade_front_matter_attributes(exported):
    """description, keywords, aliases, categories and unknown keys (`weight`
    becomes `fm_weight`: it would clash with the edge key; lists become JSON
    arrays) reach NetworkX exactly."""
    e = exported("handmade")
    g = nx.read_graphml(e.graphml)
    list_keys = {"keywords", "aliases", "tags"}
    compared = ("description", "keywords", "aliases", "category", "category_inferred", "fm_weight", "lang", "tags")
    for node_id, want in e.expected.nodes.items():
        data = g.nodes[node_id]
        got = {k: (json.loads(data[k]) if k in list_keys and k in data else data.get(k)) for k in compared}
        expect = {k: want.get(k) for k in compared}
        if "category" not in want:
            # Without a category, whether `category_inferred` is written is not fixed.
            del got["category_inferred"], expect["category_inferred"]
        assert got == expect, node_id


@pytest.mark.parametrize("name", CORPORA)
def test_igraph_reads_nodes_edges_labels_weights(name, exported):
    e = exported(name)
    g = igraph.Graph.Read_GraphML(str(e.graphml))
    assert g.is_directed()
    ids = g.vs["id"] if g.vcount() else []
    assert sorted(ids) == sorted(e.expected.nodes)
    if g.vcount():
        labels = dict(zip(ids, g.vs["label"]))
        stubs = dict(zip(ids, g.vs["stub"]))
        assert labels == {i: n["label"] for i, n in e.expected.nodes.items()}
        assert stubs == {i: n["stub"] for i, n in e.expected.nodes.items()}
    edges = {}
    for edge in g.es:
        key = (ids[edge.source], ids[edge.target])
        assert key not in edges, f"duplicate edge {key}"
        weight = edge["weight"]
        assert weight == int(weight)
        edges[key] = int(weight)
    assert edges == e.expected.edges


@pytest.mark.parametrize("name", CORPORA)
def test_graphml_writes_unicode_as_characters(name, exported):
    e = exported(name)
    text = e.graphml.read_text(encoding="utf-8")
    assert "&#" not in text, "characters must be written as UTF-8, not as &#…; references"
    for node in e.expected.nodes.values():
        if any(ord(c) > 127 for c in node["label"]) and "\n" not in node["label"]:
            escaped = node["label"].replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
            variants = {node["label"], escaped, escaped.replace('"', "&quot;").replace("'", "&apos;")}
            assert any(v in text for v in variants), node["label"]
    # Characters XML 1.0 forbids never appear.
    assert not re.search("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]", text)


def test_handmade_graphml_has_literal_arabic(exported):
    text = exported("handmade").graphml.read_text(encoding="utf-8")
    for word in ("المكتب الخلفي", '<node id="غير-موجود">', '<node id="مكتب">', "مفقود"):
        assert word in text


def test_no_stubs_export(exported, tmp_path):
    e = exported("handmade")
    export(e.corpus, tmp_path, "--no-stubs")
    want = e.expected.without_stubs()
    g = nx.read_graphml(tmp_path / "graph.graphml")
    assert set(g.nodes) == set(want.nodes)
    assert {(u, v): w for u, v, w in g.edges(data="weight")} == want.edges
    names, edges = dot_nodes_and_edges(tmp_path / "graph.dot")
    assert set(names) == set(want.nodes)
    assert sorted(edges) == sorted(want.edges)


# ---------------------------------------------------------------------------
# DOT
# ---------------------------------------------------------------------------


def require_dot():
    if shutil.which("dot") is None:
        pytest.skip("Graphviz `dot` is not installed (apt-get install graphviz)")


def dot_canon(path: Path) -> str:
    proc = run(["dot", "-Tcanon", path])
    stderr = proc.stderr.decode()
    assert proc.returncode == 0, stderr
    assert "Error" not in stderr and "Warning" not in stderr, stderr
    return proc.stdout.decode("utf-8")


def unescape_dot(value: str) -> str:
    """Graphviz escString as written in a label: `\\\\` is a backslash,
    `\\n` `\\l` `\\r` are line ends."""
    out, i = [], 0
    while i < len(value):
        c = value[i]
        if c == "\\" and i + 1 < len(value):
            nxt = value[i + 1]
            out.append("\n" if nxt in "nlr" else nxt)
            i += 2
        else:
            out.append(c)
            i += 1
    return "".join(out)


def dot_nodes_and_edges(path: Path):
    """Node names -> (label, style) and the edge list, as Graphviz reads them."""
    if shutil.which("gvpr") is None:
        text = path.read_text(encoding="utf-8")
        names = {m: (None, None) for m in re.findall(r'^\s*"((?:[^"\\]|\\.)*)" \[', text, re.M)}
        edges = re.findall(r'^\s*"((?:[^"\\]|\\.)*)" -> "((?:[^"\\]|\\.)*)"', text, re.M)
        return names, edges
    prog = 'N{printf("%s\\037%s\\037%s\\036", $.name, $.label, $.style)}'
    proc = run(["gvpr", prog, path])
    assert proc.returncode == 0, proc.stderr.decode()
    names = {}
    for record in proc.stdout.decode("utf-8").split("\x1e")[:-1]:
        name, label, style = record.split("\x1f")
        names[name] = (unescape_dot(label), style)
    prog = 'E{printf("%s\\037%s\\036", $.tail.name, $.head.name)}'
    proc = run(["gvpr", prog, path])
    assert proc.returncode == 0, proc.stderr.decode()
    edges = [tuple(r.split("\x1f")) for r in proc.stdout.decode("utf-8").split("\x1e")[:-1]]
    return names, edges


def test_gvpr_counts_nodes_and_edges(exported, tmp_path):
    """The brief's gvpr counter, in the form that works on Graphviz 2.43
    (`$G` is unset in END_G there, so count in BEG_G)."""
    require_dot()
    if shutil.which("gvpr") is None:
        pytest.skip("gvpr is not installed")
    e = exported("handmade")
    canon = tmp_path / "canon.dot"
    canon.write_text(dot_canon(e.dot), encoding="utf-8")
    proc = run(["gvpr", 'BEG_G{printf("%d %d\\n", nNodes($G), nEdges($G))}', canon])
    assert proc.returncode == 0, proc.stderr.decode()
    assert proc.stdout.decode().split() == [str(len(e.expected.nodes)), str(len(e.expected.edges))]


@pytest.mark.parametrize("name", CORPORA)
def test_dot_is_parsed_by_graphviz(name, exported, tmp_path):
    require_dot()
    e = exported(name)
    canon = dot_canon(e.dot)
    canon_file = tmp_path / "canon.dot"
    canon_file.write_text(canon, encoding="utf-8")
    names, edges = dot_nodes_and_edges(canon_file)
    assert set(names) == set(e.expected.nodes)
    assert sorted(edges) == sorted(e.expected.edges)
    if shutil.which("gvpr"):
        assert {n: label for n, (label, _) in names.items()} == {
            i: node["label"] for i, node in e.expected.nodes.items()
        }
        for i, node in e.expected.nodes.items():
            if node["stub"]:
                assert "dashed" in names[i][1], f"stub {i} must be drawn dashed"
    # The original file, too, says what the canonical form says.
    names_original, edges_original = dot_nodes_and_edges(e.dot)
    assert set(names_original) == set(names) and sorted(edges_original) == sorted(edges)
    assert 'charset="UTF-8"' in e.dot.read_text(encoding="utf-8")


def test_dot_has_one_cluster_per_category(exported):
    require_dot()
    e = exported("handmade")
    canon = dot_canon(e.dot)
    clusters = re.findall(r'subgraph\s+"?(cluster[^"\s{]*)"?\s*\{', canon)
    assert len(clusters) == len(set(clusters)) == 2


def test_dot_renders_arabic_with_cairo(exported, tmp_path):
    require_dot()
    e = exported("handmade")
    svg = tmp_path / "graph.svg"
    proc = run(["dot", "-Tsvg:cairo", e.dot, "-o", svg])
    assert proc.returncode == 0, proc.stderr.decode()
    root = ET.parse(svg).getroot()
    assert root.tag == "{http://www.w3.org/2000/svg}svg"


# ---------------------------------------------------------------------------
# Determinism
# ---------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["handmade", "r002-dense-n16"])
def test_exports_are_byte_identical(name, exported, tmp_path):
    e = exported(name)
    export(e.corpus, tmp_path / "again")
    for file in ("graph.graphml", "graph.dot"):
        assert (tmp_path / "again" / file).read_bytes() == (e.out / file).read_bytes(), file
