"""Each export format read by its own tool into one common view, so that the tests can compare
formats with each other and with what a corpus says.

A view is `{"nodes": {slug: {attribute: value}}, "edges": {(source slug, target slug):
{attribute: value}}, "graph": {…}}`, attributes under their GraphML names, lists as Python
lists. Every reader here is independent of termgraph: NetworkX (GraphML, node-link JSON,
GEXF), Python's csv module (Neo4j), rdflib (SKOS), ElementTree (SVG), Kuzu (a graph database).
"""

from __future__ import annotations

import csv
import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path
from urllib.parse import unquote

import networkx as nx

LIST_KEYS = {"keywords", "aliases", "anchors"}
SKOS = "http://www.w3.org/2004/02/skos/core#"
DCTERMS = "http://purl.org/dc/terms/"
SVG = "{http://www.w3.org/2000/svg}"
XLINK = "{http://www.w3.org/1999/xlink}"
DEFAULT_IRI = "urn:x-termgraph:"


def _maybe_list(slug, key, value, lists):
    """GraphML and GEXF carry lists as JSON-array text: decode the built-in lists, and the
    front-matter values that the JSON has as arrays (`lists` holds their (slug, key) pairs)."""
    if isinstance(value, str) and (key in LIST_KEYS or (slug, key) in lists):
        return json.loads(value)
    return value


def graphml_view(path: Path, lists=frozenset()):
    """`lists`: front-matter keys to decode from JSON text (the ones JSON has as arrays)."""
    g = nx.read_graphml(path)
    ids = {}
    nodes = {}
    for node_id, data in g.nodes(data=True):
        data = dict(data)
        assert data.pop("name") == data["label"], f"GraphML name (Cytoscape's label) is not the title of {node_id}"
        ids[node_id] = data["slug"]
        nodes[data["slug"]] = {k: _maybe_list(data["slug"], k, v, lists) for k, v in data.items()}
    # An edge's `id` (e0, e1 …) is the element's, not data.
    edges = {(ids[u], ids[v]): {k: _maybe_list(None, k, x, lists) for k, x in d.items() if k != "id"} for u, v, d in g.edges(data=True)}
    # NetworkX adds the (empty) defaults of GraphML keys to the graph's data.
    graph = {k: v for k, v in g.graph.items() if k not in ("node_default", "edge_default")}
    return {"nodes": nodes, "edges": edges, "graph": graph, "ids": ids}


def json_view(path: Path):
    data = json.loads(path.read_text(encoding="utf-8"))
    assert data["directed"] is True and data["multigraph"] is False
    g = nx.node_link_graph(data, edges="edges")
    assert g.is_directed() and not g.is_multigraph()
    nodes = {n: dict(d) for n, d in g.nodes(data=True)}
    edges = {(u, v): dict(d) for u, v, d in g.edges(data=True)}
    return {"nodes": nodes, "edges": edges, "graph": dict(g.graph)}


def json_list_keys(view):
    """(slug, key) of the front-matter values the JSON has as lists."""
    return frozenset((s, k) for s, d in view["nodes"].items() for k, v in d.items() if isinstance(v, list) and k not in LIST_KEYS)


def gexf_view(path: Path, lists=frozenset()):
    g = nx.read_gexf(path)
    assert g.is_directed()
    ids = {}
    nodes = {}
    colours = {}
    for node_id, data in g.nodes(data=True):
        data = dict(data)
        colours[node_id] = data.pop("viz", {}).get("color")
        assert "pid" not in data, "GEXF: an attribute titled pid would be taken for the parent id"
        ids[node_id] = data["slug"]
        nodes[data["slug"]] = {k: _maybe_list(data["slug"], k, v, lists) for k, v in data.items()}
    edges = {}
    for u, v, data in g.edges(data=True):
        data = dict(data)
        data.pop("id")
        weight = data.pop("weight")
        assert weight == int(weight)
        edges[(ids[u], ids[v])] = {"weight": int(weight), **{k: _maybe_list(None, k, x, lists) for k, x in data.items()}}
    return {"nodes": nodes, "edges": edges, "ids": ids, "colours": colours}


# --------------------------------------------------------------------------
# Neo4j
# --------------------------------------------------------------------------

_TYPES = "int|long|float|double|boolean|byte|short|char|string|point|date|localtime|time|localdatetime|datetime|duration"
# neo4j-admin's header grammar: `name:type`, `name:type[]`, `name` (a string), and the special
# fields `name:ID(group)`, `:START_ID(group)`, `:END_ID(group)`, `:LABEL`, `:TYPE`, `:IGNORE`.
HEADER_FIELD = re.compile(
    rf"^(?P<name>[^:]*)(?::(?:(?P<special>ID|START_ID|END_ID)(?:\((?P<group>[^)]*)\))?|(?P<meta>LABEL|TYPE|IGNORE)"
    rf"|(?P<type>{_TYPES})(?P<array>\[\])?))?$"
)


def parse_header(fields):
    """[(name, kind, array)] for a header, checked against the grammar."""
    parsed = []
    for field in fields:
        m = HEADER_FIELD.match(field)
        assert m, f"header field {field!r} is not neo4j-admin's name:type grammar"
        if m["meta"]:
            assert m["name"] == "", field
            parsed.append((None, m["meta"], False))
        elif m["special"]:
            parsed.append((m["name"] or None, m["special"], False))
        else:
            assert m["name"], f"a property needs a name: {field!r}"
            parsed.append((m["name"], m["type"] or "string", bool(m["array"])))
    names = [n for n, _, _ in parsed if n]
    assert len(names) == len(set(names)), f"duplicate property names in {fields}"
    return parsed


def decode_array(text):
    return [unquote_item(item) for item in text.split(";")]


def unquote_item(item):
    return item.replace("%3B", ";").replace("%25", "%")


def _value(kind, array, text):
    if text == "":
        return None
    if array:
        return decode_array(text)
    if kind == "boolean":
        assert text in ("true", "false"), text
        return text == "true"
    if kind == "int":
        return int(text)
    return text


def read_csv(path: Path):
    # Rows end in LF: outside quoted fields there is no carriage return (a doubled quote
    # toggles the state twice, so the scan needs no more than this).
    quoted = False
    for byte in path.read_bytes():
        if byte == 0x22:
            quoted = not quoted
        assert quoted or byte != 0x0D, f"{path.name}: a row ends in CR LF, not LF"
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle, strict=True))
    return rows[0], rows[1:]


def neo4j_view(folder: Path, lists=frozenset()):
    assert sorted(p.name for p in folder.iterdir()) == ["import.cypher", "links.csv", "nodes.csv"]
    header, rows = read_csv(folder / "nodes.csv")
    columns = parse_header(header)
    assert [c[1] for c in columns].count("ID") == 1 and columns[0][1] == "ID" and columns[-1][1] == "LABEL"
    assert header[:2] == ["slug:ID", "title"]
    nodes, labels = {}, {}
    for row in rows:
        assert len(row) == len(header), row
        data = {}
        for (name, kind, array), text in zip(columns, row):
            if kind == "LABEL":
                labels[row[0]] = decode_array(text)
            elif kind == "ID":
                data["slug"] = text
            else:
                value = _value(kind, array, text)
                if value is not None:
                    data["label" if name == "title" else name] = value
        # A column that is text in some articles carries the others' lists as JSON text.
        nodes[data["slug"]] = {k: _maybe_list(data["slug"], k, v, lists) if k not in LIST_KEYS else v for k, v in data.items()}
    header, rows = read_csv(folder / "links.csv")
    assert header == [":START_ID", ":END_ID", ":TYPE", "weight:int", "anchors:string[]"]
    columns = parse_header(header)
    edges = {}
    for row in rows:
        assert len(row) == 5 and row[2] == "LINKS_TO", row
        data = {"weight": int(row[3])}
        if row[4]:
            data["anchors"] = decode_array(row[4])
        edges[(row[0], row[1])] = data
    return {"nodes": nodes, "edges": edges, "labels": labels}


def without_empty_lists(nodes):
    """Nodes as Neo4j sees them: an empty array is an empty field, which neo4j-admin reads as no
    property at all."""
    return {s: {k: v for k, v in d.items() if v != []} for s, d in nodes.items()}


def kuzu_load(folder: Path, database: Path):
    """The Neo4j CSVs loaded into an embedded Kuzu database, its schema made from the headers."""
    import kuzu

    header, _ = read_csv(folder / "nodes.csv")
    kinds = {"int": "INT64", "boolean": "BOOLEAN"}
    columns = []
    for i, (name, kind, array) in enumerate(parse_header(header)):
        column = "slug" if kind == "ID" else "labels" if kind == "LABEL" else f"c{i}"
        columns.append(f"{column} {'STRING' if array else kinds.get(kind, 'STRING')}")
    db = kuzu.Database(str(database))
    conn = kuzu.Connection(db)
    conn.execute(f"CREATE NODE TABLE Term({', '.join(columns)}, PRIMARY KEY(slug))")
    conn.execute("CREATE REL TABLE LINKS_TO(FROM Term TO Term, kind STRING, weight INT64, anchors STRING)")
    # RFC 4180: a quote inside a quoted field is doubled (Kuzu's default escape is a backslash).
    options = "(header=true, parallel=false, quote='\"', escape='\"', delim=',')"
    conn.execute(f"COPY Term FROM '{folder / 'nodes.csv'}' {options}")
    conn.execute(f"COPY LINKS_TO FROM '{folder / 'links.csv'}' {options}")
    return db, conn


def kuzu_rows(conn, query, **parameters):
    result = conn.execute(query, parameters)
    rows = []
    while result.has_next():
        rows.append(result.get_next())
    return rows


# --------------------------------------------------------------------------
# SKOS
# --------------------------------------------------------------------------


def skos_graph(path: Path):
    import rdflib

    g = rdflib.Graph()
    g.parse(path, format="turtle")
    return g


def skos_view(path: Path, base=DEFAULT_IRI):
    """Concepts by slug (the IRI after `base`, percent-decoded) with their labels and links."""
    from rdflib import RDF, Literal, Namespace, URIRef

    skos, dcterms = Namespace(SKOS), Namespace(DCTERMS)
    g = skos_graph(path)

    def slug(iri):
        text = str(iri)
        assert text.startswith(base), text
        return unquote(text[len(base):])

    concepts = {}
    for c in g.subjects(RDF.type, skos.Concept):
        concepts[slug(c)] = {
            "pref": sorted((str(l), l.language) for l in g.objects(c, skos.prefLabel)),
            "alt": sorted((str(l), l.language) for l in g.objects(c, skos.altLabel)),
            "definition": sorted((str(l), l.language) for l in g.objects(c, skos.definition)),
            "references": sorted(slug(o) for o in g.objects(c, dcterms.references)),
            "related": sorted(slug(o) for o in g.objects(c, skos.related)),
            "top": list(g.objects(c, skos.topConceptOf)),
            "in_scheme": list(g.objects(c, skos.inScheme)),
        }
    schemes = list(g.subjects(RDF.type, skos.ConceptScheme))
    collections = {}
    for c in g.subjects(RDF.type, skos.Collection):
        (name,) = [str(l) for l in g.objects(c, skos.prefLabel)]
        collections[name] = sorted(slug(m) for m in g.objects(c, skos.member))
    titles = [(str(l), l.language) for s in schemes for l in g.objects(s, dcterms.title)]
    tops = sorted(slug(o) for s in schemes for o in g.objects(s, skos.hasTopConcept))
    return {"concepts": concepts, "schemes": [str(s) for s in schemes], "collections": collections, "titles": titles,
            "tops": tops, "graph": g}


def check_skos_integrity(view):
    """S13 (no label both preferred and alternative), S14 (one prefLabel per language), every
    concept in the one scheme, skos:related symmetric."""
    (scheme,) = view["schemes"]
    for slug, c in view["concepts"].items():
        assert not set(c["pref"]) & set(c["alt"]), f"S13: {slug} has a label that is both prefLabel and altLabel"
        languages = [lang for _, lang in c["pref"]]
        assert len(languages) == len(set(languages)), f"S14: {slug} has two prefLabels in one language"
        assert len(c["pref"]) == 1, slug
        assert [str(s) for s in c["in_scheme"]] == [scheme], slug
        for other in c["related"]:
            assert slug in view["concepts"][other]["related"], f"skos:related {slug} -> {other} is not stated back"


# --------------------------------------------------------------------------
# SVG
# --------------------------------------------------------------------------


def svg_view(path: Path):
    """Nodes by DOT name: their texts, link and tooltip; and the edge count."""
    root = ET.parse(path).getroot()
    assert root.tag == f"{SVG}svg"
    nodes = {}
    edges = 0
    for g in root.iter(f"{SVG}g"):
        kind = g.get("class")
        if kind == "node":
            name = g.find(f"{SVG}title").text
            texts = [t.text or "" for t in g.iter(f"{SVG}text")]
            anchors = list(g.iter(f"{SVG}a"))
            href = anchors[0].get(f"{XLINK}href") if anchors else None
            tooltip = anchors[0].get(f"{XLINK}title") if anchors else None
            nodes[name] = {"texts": texts, "href": href, "tooltip": tooltip}
        elif kind == "edge":
            edges += 1
    return {"nodes": nodes, "edges": edges, "text_elements": len(list(root.iter(f"{SVG}text"))), "root": root}
