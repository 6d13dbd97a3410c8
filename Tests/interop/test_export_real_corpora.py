"""Every export format of the real corpora in ../shared/corpora, read by its own tool.

Corpora nobody here wrote: documentation sites, vaults, Arabic and Persian pages. Each format
must hold the GraphML's nodes, edges and attributes (NetworkX for JSON and GEXF, Python's csv
and Kuzu for Neo4j, rdflib for SKOS); the XML ones stay schema-valid; the SVG of one term's
neighbourhood keeps its labels as text and links to files that exist.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path
from urllib.parse import unquote

import networkx as nx
import pytest

from conftest import require_shared, run_termgraph
from export_readers import (
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

CORPORA = ["ar-react-dev", "hugo-docs-en", "ethereum-org-2024", "foam-docs", "obsidian-tasks-docs", "mdn-ar-rendered",
           "mediawiki-xml"]


@pytest.fixture(scope="module")
def real(shared_corpora, tmp_path_factory):
    cache = {}

    def get(name):
        if name not in cache:
            corpus = shared_corpora(name)
            out = tmp_path_factory.mktemp(f"real-{name}")
            result = run_termgraph(["export", "--no-cache", "--out-dir", out], corpus, json_output=False)
            assert result.returncode == 0, result.describe()
            j = json_view(out / "graph.json")
            cache[name] = (corpus, out, j, graphml_view(out / "graph.graphml", json_list_keys(j)))
        return cache[name]

    return get


@pytest.mark.parametrize("name", CORPORA)
def test_json_gexf_and_neo4j_hold_the_graphml(name, real):
    corpus, out, j, g = real(name)
    lists = json_list_keys(j)
    assert j["nodes"] == g["nodes"] and j["edges"] == g["edges"] and j["graph"] == g["graph"]
    x = gexf_view(out / "graph.gexf", lists)
    assert x["ids"] == g["ids"] and x["nodes"] == g["nodes"] and x["edges"] == g["edges"]
    n = neo4j_view(out / "neo4j", lists)
    assert n["nodes"] == without_empty_lists(g["nodes"]) and n["edges"] == g["edges"]


@pytest.mark.parametrize("name", CORPORA)
def test_gexf_is_schema_valid(name, real):
    xsd = require_shared("schemas", "gexf", "gexf.xsd")
    if shutil.which("xmllint") is None:
        pytest.skip("xmllint is not installed (apt-get install libxml2-utils)")
    _, out, _, _ = real(name)
    proc = subprocess.run(["xmllint", "--noout", "--nonet", "--schema", str(xsd), str(out / "graph.gexf")], capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr[-2000:]


@pytest.mark.parametrize("name", CORPORA)
def test_skos_has_a_concept_per_article_and_holds_s13_s14(name, real):
    _, out, _, g = real(name)
    view = skos_view(out / "graph.ttl")
    check_skos_integrity(view)
    articles = {s: d for s, d in g["nodes"].items() if not d["stub"]}
    assert set(view["concepts"]) == set(articles)
    language = g["graph"].get("language")
    for slug, d in articles.items():
        c = view["concepts"][slug]
        assert [text for text, _ in c["pref"]] == [d["label"]], slug
        lang = d.get("lang") if isinstance(d.get("lang"), str) else None
        assert [tag for _, tag in c["pref"]] == [lang or language], slug
        names = {a for a in d.get("aliases", []) if not a.startswith("/") and a != d["label"]}
        assert {text for text, _ in c["alt"]} == names, slug
        refs = sorted(t for (s, t) in g["edges"] if s == slug and t in articles)
        assert c["references"] == refs, slug
        assert c["related"] == sorted(t for t in refs if (t, slug) in g["edges"]), slug


@pytest.mark.parametrize("name", CORPORA)
def test_kuzu_degrees_and_paths_match_networkx(name, real, tmp_path):
    _, out, _, g = real(name)
    _, conn = kuzu_load(out / "neo4j", tmp_path / "kuzu")
    nxg = nx.DiGraph()
    nxg.add_nodes_from(g["nodes"])
    nxg.add_edges_from(g["edges"])
    out_degree = dict(kuzu_rows(conn, "MATCH (a:Term) OPTIONAL MATCH (a)-[r:LINKS_TO]->(:Term) RETURN a.slug, count(r)"))
    assert out_degree == dict(nxg.out_degree())
    in_degree = dict(kuzu_rows(conn, "MATCH (a:Term) OPTIONAL MATCH (a)<-[r:LINKS_TO]-(:Term) RETURN a.slug, count(r)"))
    assert in_degree == dict(nxg.in_degree())
    if nxg.number_of_edges() == 0:
        return
    hub = max(sorted(nxg.nodes), key=nxg.out_degree)
    lengths = nx.single_source_shortest_path_length(nxg, hub, cutoff=30)
    got = dict(kuzu_rows(conn, "MATCH p = (a:Term)-[:LINKS_TO* SHORTEST 1..30]->(b:Term) WHERE a.slug = $s RETURN b.slug, length(p)",
                         s=hub))
    assert got == {v: d for v, d in lengths.items() if v != hub}


@pytest.mark.parametrize("name", ["ar-react-dev", "hugo-docs-en", "ethereum-org-2024", "obsidian-tasks-docs"])
def test_svg_of_a_neighbourhood_keeps_text_and_links_to_files(name, real, tmp_path):
    if shutil.which("dot") is None:
        pytest.skip("Graphviz `dot` is not installed (apt-get install graphviz)")
    corpus, _, j, g = real(name)
    nxg = nx.DiGraph()
    nxg.add_nodes_from(g["nodes"])
    nxg.add_edges_from(g["edges"])
    term = max(sorted(s for s, d in g["nodes"].items() if not d["stub"]), key=lambda s: (nxg.degree(s) <= 40, nxg.degree(s)))
    keep = set(nx.ego_graph(nxg, term, radius=1, undirected=True))
    out = tmp_path / "part.svg"
    result = run_termgraph(["export", "--format", "svg", "--around", term, "--output", out], corpus, json_output=False)
    assert result.returncode == 0, result.describe()
    view = svg_view(out)
    by_id = {i: s for i, s in g["ids"].items()}
    assert {by_id[i] for i in view["nodes"]} == keep
    for node_id, drawn in view["nodes"].items():
        d = g["nodes"][by_id[node_id]]
        assert "\n".join(drawn["texts"]) == d["label"].replace("\t", "").replace("\r", "").replace("\x7f", ""), node_id
        if d["stub"]:
            assert drawn["href"] is None
        else:
            assert (out.parent / unquote(drawn["href"])).resolve() == (Path(corpus) / d["path"]).resolve(), node_id
