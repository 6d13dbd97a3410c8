"""JSON, GEXF, Neo4j, SKOS and SVG exports, each read by its own tool.

What a reader must see comes from the corpus's own data (the random graphs' specs and the
hand-made corpus of test_exports.py); the formats are also compared attribute by attribute with
the GraphML, which test_exports.py checks against the same data, since the contract asks for
"the same nodes, edges and attributes as the GraphML".
"""

from __future__ import annotations

import os
import random
import shutil
import subprocess
from pathlib import Path
from urllib.parse import unquote

import networkx as nx
import pytest

from conftest import GraphSpec, generate_graphs, require_shared, run_termgraph
from export_readers import (
    DEFAULT_IRI,
    check_skos_integrity,
    gexf_view,
    graphml_view,
    json_list_keys,
    json_view,
    kuzu_load,
    kuzu_rows,
    neo4j_view,
    without_empty_lists,
    skos_view,
    svg_view,
)
from test_exports import HANDMADE, dot_nodes_and_edges, expected_from_spec, write_handmade

GRAPHS = {s.name: s for s in generate_graphs()}
RANDOM = ["empty", "single-self-loop", "two-mutual", "wanted-ties", "grid-4x4", "complete-6", "isolated-and-pair",
          "r002-dense-n16", "r003-components-n10", "r004-wanted-n6"]
# and every sixth generated random graph past the hand-picked shapes.
RANDOM = [name for name in RANDOM if name in GRAPHS] + [s.name for s in generate_graphs()[18::6] if s.name not in RANDOM]
CORPORA = RANDOM + ["handmade"]
FILES = ["graph.graphml", "graph.yed.graphml", "graph.dot", "graph.json", "graph.gexf", "graph.ttl", "graph.svg",
         "neo4j/nodes.csv", "neo4j/links.csv", "neo4j/import.cypher"]

HANDMADE_HUBS = {"back": "backoffice", "middle": "office/middle"}
# Front-matter `lang`, else the corpus language (termgraph.yml: ar).
HANDMADE_LANG = {"clearing": "en"}


def require_dot():
    if shutil.which("dot") is None:
        pytest.skip("Graphviz `dot` is not installed (apt-get install graphviz)")


def export_all(corpus: Path, out: Path, *extra):
    result = run_termgraph(["export", "--out-dir", out, "--format", "all", *extra], corpus, json_output=False)
    assert result.returncode == 0, result.describe()
    return out


class Exported:
    def __init__(self, name, root):
        self.name = name
        if name == "handmade":
            self.corpus, self.expected, self.spec = write_handmade(root / "corpus"), HANDMADE, None
        else:
            self.spec = GRAPHS[name]
            self.corpus, self.expected = self.spec.write(root / "corpus"), expected_from_spec(self.spec)
        self.out = export_all(self.corpus, root / "out")

    def graphml(self, lists=frozenset()):
        return graphml_view(self.out / "graph.graphml", lists)

    def lists(self):
        """The front-matter values the JSON has as arrays, for reading them back elsewhere."""
        return json_list_keys(json_view(self.out / "graph.json"))

    def slugs(self):
        return {n["slug"] for n in self.expected.nodes.values()}

    def edges(self):
        """Expected (source slug, target slug) -> weight."""
        slug = {i: n["slug"] for i, n in self.expected.nodes.items()}
        return {(slug[u], slug[v]): w for (u, v), w in self.expected.edges.items()}

    def articles(self):
        return {n["slug"]: n for n in self.expected.nodes.values() if not n["stub"]}


@pytest.fixture(scope="module")
def exported(tmp_path_factory):
    require_dot()
    cache = {}

    def get(name):
        if name not in cache:
            cache[name] = Exported(name, tmp_path_factory.mktemp(f"formats-{name}"))
        return cache[name]

    return get


# --------------------------------------------------------------------------
# JSON: NetworkX node-link
# --------------------------------------------------------------------------


@pytest.mark.parametrize("name", CORPORA)
def test_networkx_node_link_equals_the_graphml(name, exported):
    e = exported(name)
    j = json_view(e.out / "graph.json")
    g = e.graphml(json_list_keys(j))
    assert set(j["nodes"]) == e.slugs()
    assert {k: d["weight"] for k, d in j["edges"].items()} == e.edges()
    assert {s: d["label"] for s, d in j["nodes"].items()} == {n["slug"]: n["label"] for n in e.expected.nodes.values()}
    assert j["nodes"] == g["nodes"]
    assert j["edges"] == g["edges"]
    assert j["graph"] == g["graph"]


def test_node_link_attributes_of_the_handmade_corpus(exported):
    """Lists are JSON arrays, booleans JSON booleans, front matter under the GraphML's names."""
    j = json_view(exported("handmade").out / "graph.json")
    back = j["nodes"]["backoffice"]
    assert back["keywords"] == ["تسوية", "مقاصة", "سجلات"]
    assert back["tags"] == ["settlement", 'quote " and & amp']
    assert back["fm_weight"] == "7" and back["category_inferred"] is False and back["stub"] is False
    assert j["nodes"]["settlement"]["aliases"] == ["تسوية", "/settle"]
    assert j["graph"] == HANDMADE.graph


# --------------------------------------------------------------------------
# GEXF
# --------------------------------------------------------------------------


@pytest.mark.parametrize("name", CORPORA)
def test_gexf_is_valid_against_the_schema(name, exported):
    xsd = require_shared("schemas", "gexf", "gexf.xsd")
    if shutil.which("xmllint") is None:
        pytest.skip("xmllint is not installed (apt-get install libxml2-utils)")
    proc = subprocess.run(["xmllint", "--noout", "--nonet", "--schema", str(xsd), str(exported(name).out / "graph.gexf")],
                          capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr


@pytest.mark.parametrize("name", CORPORA)
def test_networkx_read_gexf_equals_the_graphml(name, exported):
    e = exported(name)
    x = gexf_view(e.out / "graph.gexf", e.lists())
    g = e.graphml(e.lists())
    assert set(x["nodes"]) == e.slugs()
    assert x["ids"] == g["ids"], "GEXF node ids are the GraphML's"
    assert x["nodes"] == g["nodes"]
    assert x["edges"] == g["edges"]


def test_gexf_colours_nodes_by_category(exported):
    e = exported("handmade")
    x = gexf_view(e.out / "graph.gexf")
    colour = {i: (c["r"], c["g"], c["b"]) for i, c in x["colours"].items()}
    # One colour per category, another for the uncategorised and the stubs.
    assert colour["backoffice"] == colour["clearing"] == colour["settlement"]
    assert len({colour["backoffice"], colour["office:middle"], colour["مكتب"], colour["bell"]}) == 4


# --------------------------------------------------------------------------
# Neo4j
# --------------------------------------------------------------------------


@pytest.mark.parametrize("name", CORPORA)
def test_neo4j_csv_equals_the_graphml(name, exported):
    e = exported(name)
    n = neo4j_view(e.out / "neo4j", e.lists())
    g = e.graphml(e.lists())
    assert n["nodes"] == without_empty_lists(g["nodes"])
    assert n["edges"] == g["edges"]
    for node in e.expected.nodes.values():
        want = ["Stub"] if node["stub"] else ["Article"] + ([f"Category_{node['category']}"] if "category" in node else [])
        assert n["labels"][node["slug"]] == want, node["slug"]


@pytest.mark.parametrize("name", CORPORA)
def test_kuzu_loads_the_neo4j_files_and_answers_like_networkx(name, exported, tmp_path):
    e = exported(name)
    _, conn = kuzu_load(e.out / "neo4j", tmp_path / "kuzu")
    g = nx.DiGraph()
    g.add_nodes_from(e.slugs())
    g.add_edges_from(e.edges())
    assert kuzu_rows(conn, "MATCH (n:Term) RETURN count(n)") == [[g.number_of_nodes()]]
    out_degree = dict(kuzu_rows(conn, "MATCH (a:Term) OPTIONAL MATCH (a)-[r:LINKS_TO]->(:Term) RETURN a.slug, count(r)"))
    in_degree = dict(kuzu_rows(conn, "MATCH (a:Term) OPTIONAL MATCH (a)<-[r:LINKS_TO]-(:Term) RETURN a.slug, count(r)"))
    assert out_degree == dict(g.out_degree()) and in_degree == dict(g.in_degree())
    weights = {(u, v): w for u, v, w in kuzu_rows(conn, "MATCH (a:Term)-[r:LINKS_TO]->(b:Term) RETURN a.slug, b.slug, r.weight")}
    assert weights == e.edges()
    rng = random.Random(name)
    nodes = sorted(g.nodes)
    pairs = [(rng.choice(nodes), rng.choice(nodes)) for _ in range(12)] if nodes else []
    for source, target in pairs:
        if source == target:
            continue
        got = kuzu_rows(conn, "MATCH p = (a:Term)-[:LINKS_TO* SHORTEST 1..30]->(b:Term) WHERE a.slug = $s AND b.slug = $t "
                              "RETURN length(p)", s=source, t=target)
        want = [[nx.shortest_path_length(g, source, target)]] if nx.has_path(g, source, target) else []
        assert got == want, (source, target)


def test_neo4j_text_survives_quoting_and_the_array_separator(exported):
    e = exported("handmade")
    n = neo4j_view(e.out / "neo4j")
    assert n["nodes"]["settlement"]["description"] == "first line\nsecond line"
    assert n["nodes"]["backoffice"]["description"] == 'Settlement & clearing <back> "office" ]]> end'
    assert n["edges"][("backoffice", "office/middle")]["anchors"] == ['x ]]> y & "z"']
    assert n["nodes"]["backoffice"]["tags"] == ["settlement", 'quote " and & amp']


# --------------------------------------------------------------------------
# SKOS
# --------------------------------------------------------------------------


def expected_alt_labels(node):
    title = node["label"]
    names = []
    for alias in node.get("aliases", []):
        if not alias.startswith("/") and alias != title and alias not in names:
            names.append(alias)
    return names


@pytest.mark.parametrize("name", CORPORA)
def test_rdflib_reads_one_concept_per_article_with_its_labels(name, exported):
    e = exported(name)
    view = skos_view(e.out / "graph.ttl")
    check_skos_integrity(view)
    articles = e.articles()
    assert set(view["concepts"]) == set(articles), "one concept per article, no stub"
    language = e.expected.graph.get("language")
    for slug, node in articles.items():
        c = view["concepts"][slug]
        lang = HANDMADE_LANG.get(slug, language) if name == "handmade" else language
        assert c["pref"] == [(node["label"], lang)], slug
        assert c["alt"] == sorted((a, lang) for a in expected_alt_labels(node)), slug
        assert c["definition"] == ([(node["description"], lang)] if node.get("description") else []), slug
    edges = e.edges()
    for slug in articles:
        refs = sorted(t for (s, t) in edges if s == slug and t in articles)
        assert view["concepts"][slug]["references"] == refs, slug
        mutual = sorted(t for t in refs if (t, slug) in edges)
        assert view["concepts"][slug]["related"] == mutual, slug
    assert view["schemes"] == [DEFAULT_IRI]
    assert len(view["graph"]) > 0


def test_skos_collections_top_concepts_and_the_scheme_title(exported):
    e = exported("handmade")
    view = skos_view(e.out / "graph.ttl")
    members = {}
    for node in e.articles().values():
        if "category" in node:
            members.setdefault(node["category"], []).append(node["slug"])
    assert view["collections"] == {c: sorted(m) for c, m in members.items()}
    assert view["tops"] == sorted(HANDMADE_HUBS.values())
    assert view["titles"] == [(HANDMADE.graph["title"], "ar")]
    for slug, c in view["concepts"].items():
        assert bool(c["top"]) == (slug in HANDMADE_HUBS.values()), slug


def test_skos_concepts_live_under_iri_or_site(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "termgraph.yml").write_text("site: https://example.com/terms/\nlanguage: fa\n", encoding="utf-8")
    (corpus / "a b.md").write_text("---\ntitle: الف\nslug: 'a b/c:d'\n---\n[x](/z)\n", encoding="utf-8")
    (corpus / "z.md").write_text("---\ntitle: Z\n---\n[back](/a%20b/c:d)\n", encoding="utf-8")
    out = tmp_path / "out"
    result = run_termgraph(["export", "--format", "skos", "--out-dir", out], corpus, json_output=False)
    assert result.returncode == 0, result.describe()
    view = skos_view(out / "graph.ttl", base="https://example.com/terms/")
    assert sorted(view["concepts"]) == ["a b/c:d", "z"]
    assert view["concepts"]["a b/c:d"]["pref"] == [("الف", "fa")]
    assert view["concepts"]["z"]["related"] == ["a b/c:d"]
    (corpus / "termgraph.yml").write_text("site: https://example.com/terms/\niri: 'urn:glossary:'\n", encoding="utf-8")
    result = run_termgraph(["export", "--format", "skos", "--out-dir", out], corpus, json_output=False)
    assert result.returncode == 0, result.describe()
    assert sorted(skos_view(out / "graph.ttl", base="urn:glossary:")["concepts"]) == ["a b/c:d", "z"]


# --------------------------------------------------------------------------
# SVG
# --------------------------------------------------------------------------


@pytest.mark.parametrize("name", CORPORA)
def test_svg_keeps_every_label_as_text_with_links_and_tooltips(name, exported):
    e = exported(name)
    view = svg_view(e.out / "graph.svg")
    assert set(view["nodes"]) == set(e.expected.nodes)
    assert view["edges"] == len(e.expected.edges)
    for node_id, node in e.expected.nodes.items():
        drawn = view["nodes"][node_id]
        assert drawn["texts"] == node["label"].split("\n"), node_id
        if node["stub"]:
            assert drawn["href"] is None, node_id
            continue
        # No site: the article's file, relative to the SVG's folder.
        want = os.path.relpath(e.corpus / node["path"], e.out)
        assert drawn["href"] is not None and unquote(drawn["href"]) == want, node_id
        assert (e.out / unquote(drawn["href"])).resolve() == (e.corpus / node["path"]).resolve()
        # DOT drops tabs and carriage returns (Graphviz would draw nothing for them).
        want_tip = node.get("description", node["label"]).replace("\t", "").replace("\r", "").replace("\x7f", "")
        assert drawn["tooltip"] == want_tip, node_id


def test_svg_links_to_the_site_when_there_is_one(tmp_path):
    require_dot()
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "termgraph.yml").write_text("site: https://example.com/terms/\n", encoding="utf-8")
    (corpus / "settle.md").write_text("---\ntitle: تسوية\nslug: 'مكتب/settle now'\ndescription: tip\n---\n[x](/z)\n", encoding="utf-8")
    result = run_termgraph(["export", "--format", "svg", "--output", "-"], corpus, json_output=False)
    assert result.returncode == 0, result.describe()
    (tmp_path / "g.svg").write_text(result.stdout, encoding="utf-8")
    nodes = svg_view(tmp_path / "g.svg")["nodes"]
    assert unquote(nodes["مكتب:settle_now"]["href"]) == "https://example.com/terms/مكتب/settle now"
    assert nodes["مكتب:settle_now"]["tooltip"] == "tip"
    assert nodes["z"]["href"] is None


# --------------------------------------------------------------------------
# Every format, byte for byte, and subgraphs
# --------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["handmade", "r002-dense-n16"])
def test_every_format_is_byte_identical_on_a_second_run(name, exported):
    e = exported(name)
    first = {file: (e.out / file).read_bytes() for file in FILES}
    # Into the same folder: the SVG's links are relative to it.
    export_all(e.corpus, e.out)
    for file in FILES:
        assert (e.out / file).read_bytes() == first[file], file


def node_sets(out: Path):
    """The slugs of every format's nodes (SKOS: concepts, which are articles only)."""
    ids = graphml_view(out / "graph.graphml")["ids"]
    slug = dict(ids)
    return {
        "graphml": set(ids.values()),
        "graphml-yed": {slug[i] for i in graphml_view(out / "graph.yed.graphml")["ids"]},
        "json": set(json_view(out / "graph.json")["nodes"]),
        "gexf": set(gexf_view(out / "graph.gexf")["nodes"]),
        "neo4j": set(neo4j_view(out / "neo4j")["nodes"]),
        "svg": {slug[i] for i in svg_view(out / "graph.svg")["nodes"]},
        "dot": {slug[i] for i in dot_nodes_and_edges(out / "graph.dot")[0]},
        "skos": set(skos_view(out / "graph.ttl")["concepts"]),
    }


@pytest.mark.parametrize("name,depth", [("grid-4x4", 1), ("grid-4x4", 2), ("r003-components-n10", 1), ("wanted-ties", 1)])
def test_around_a_term_exports_its_neighbourhood_in_every_format(name, depth, exported, tmp_path):
    e = exported(name)
    spec: GraphSpec = e.spec
    g = spec.nx_graph()
    start = sorted(spec.articles)[len(spec.articles) // 2]
    keep = set(nx.ego_graph(g, start, radius=depth, undirected=True))
    out = export_all(e.corpus, tmp_path / "out", "--around", start, "--depth", str(depth))
    stubs = set(spec.stubs)
    for fmt, nodes in node_sets(out).items():
        assert nodes == (keep - stubs if fmt == "skos" else keep), fmt
    sub = g.subgraph(keep)
    assert {k: d["weight"] for k, d in json_view(out / "graph.json")["edges"].items()} == {
        (u, v): w for u, v, w in sub.edges(data="weight")}
    assert set(neo4j_view(out / "neo4j")["edges"]) == set(sub.edges)


def test_a_category_exports_its_members_and_their_wanted_terms(exported, tmp_path):
    e = exported("handmade")
    out = export_all(e.corpus, tmp_path / "out", "--category", "back")
    members = {s for s, n in e.articles().items() if n.get("category") == "back"}
    wanted = {t for (s, t) in e.edges() if s in members and t not in e.articles()}
    assert members == {"backoffice", "clearing", "settlement"}
    for fmt, nodes in node_sets(out).items():
        assert nodes == (members if fmt == "skos" else members | wanted), fmt
    j = json_view(out / "graph.json")
    assert set(j["edges"]) == {k for k in e.edges() if k[0] in members | wanted and k[1] in members | wanted}
    # Members keep the category the whole graph gave them, inferred or not.
    assert {s: (d.get("category"), d.get("category_inferred")) for s, d in j["nodes"].items() if s in members} == {
        "backoffice": ("back", False), "clearing": ("back", True), "settlement": ("back", False)}
