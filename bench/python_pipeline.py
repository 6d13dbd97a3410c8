#!/usr/bin/env python3
"""The pipeline a Python user would write instead of termgraph.

Front matter with PyYAML (the libyaml C loader when PyYAML has it, as
python-frontmatter does), links with markdown-it-py (CommonMark: inline and
reference links, raw <a href> in HTML tokens; wikilinks with a regular
expression over text tokens, since CommonMark has none; images and code are
separate tokens and so never counted), the graph in NetworkX, the export with
nx.write_graphml, the queries with nx.shortest_path, successors/predecessors
and in_degree.

Link resolution follows termgraph for the generated corpus: a root-relative
`/slug` (or a wikilink `slug`) loses its #fragment and ?query, is
percent-decoded, trimmed of `/` and lower-cased, and names the article whose
front-matter `slug` (else its path without extension) is that key; an unknown
key becomes a stub node; a link to the article itself, or a bare #fragment,
makes no edge; anything with a scheme is external.

It is single-process, like the code a user would write. Each phase is timed
and its peak memory so far (ru_maxrss) recorded; the answers are written as
JSON for the benchmark to compare with termgraph's.

    python3 bench/python_pipeline.py CORPUS --graphml OUT.graphml --terms TERMS.json --json RESULT.json
"""
import time

T_START = time.perf_counter()

import argparse  # noqa: E402
import json  # noqa: E402
import re  # noqa: E402
import sys  # noqa: E402

from phases import digest, finish, phase_clock  # noqa: E402
from collections import Counter, defaultdict  # noqa: E402
from pathlib import Path  # noqa: E402
from urllib.parse import unquote  # noqa: E402

import networkx as nx  # noqa: E402
import yaml  # noqa: E402
from markdown_it import MarkdownIt  # noqa: E402

YAML_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
MD = MarkdownIt("commonmark")  # html=True: raw <a> tags come out as html tokens
WIKILINK = re.compile(r"\[\[([^\[\]|#]+)(?:#[^\[\]|]*)?(?:\|([^\[\]]*))?\]\]")
HREF = re.compile(r"""<a\s[^>]*?href\s*=\s*["']([^"']*)["']""", re.IGNORECASE)
SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")


def split_front_matter(text):
    if text.startswith("---\n"):
        end = text.find("\n---\n", 3)
        if end != -1:
            meta = yaml.load(text[4:end + 1], Loader=YAML_LOADER) or {}
            return meta, text[end + 5:]
    return {}, text


def find_links(body):
    """Yield (target, anchor text) for every link in a Markdown body."""
    for tok in MD.parse(body):
        if tok.type == "html_block":
            for m in HREF.finditer(tok.content):
                yield m.group(1), ""
            continue
        if tok.type != "inline":
            continue
        href, text, in_html = None, [], False
        for ch in tok.children:
            if ch.type == "link_open":
                href, text = ch.attrs["href"], []
            elif ch.type == "link_close":
                yield href, "".join(text)
                href = None
            elif ch.type == "html_inline":
                m = HREF.match(ch.content)
                if m:
                    href, text, in_html = m.group(1), [], True
                elif in_html and ch.content.lower().startswith("</a"):
                    yield href, "".join(text)
                    href, in_html = None, False
            elif ch.type == "text":
                if href is not None:
                    text.append(ch.content)
                else:
                    for m in WIKILINK.finditer(ch.content):
                        yield m.group(1), m.group(2) or m.group(1)
            elif ch.type == "code_inline" and href is not None:
                text.append(ch.content)


def link_key(target):
    """The article key a link target names, "" for the article itself, None if external."""
    if target.startswith("//") or SCHEME.match(target):
        return None
    path = target.split("#", 1)[0].split("?", 1)[0]
    return unquote(path).strip("/").lower()




def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("corpus")
    ap.add_argument("--graphml", help="write the graph here with nx.write_graphml")
    ap.add_argument("--terms", help="JSON with path_from, path_to, path2_from, path2_to, neighbors, neighbors_hub")
    ap.add_argument("--json", help="write timings and answers here")
    ap.add_argument("--sample", type=int, default=0,
                    help="read and parse only the first N files (path order), build the graph, skip the rest")
    args = ap.parse_args()

    phases, rss, phase = phase_clock(T_START)

    # 1. read and parse every article
    t0 = time.perf_counter()
    root = Path(args.corpus)
    files = sorted(p for p in root.rglob("*.md") if not any(part.startswith(".") for part in p.relative_to(root).parts))
    if args.sample:
        files = files[:args.sample]
    articles = {}   # key -> attributes
    links = []      # (source key, target key, anchor)
    n_links = n_external = 0
    for path in files:
        text = path.read_text(encoding="utf-8")
        meta, body = split_front_matter(text)
        slug = str(meta.get("slug") or path.relative_to(root).with_suffix("").as_posix())
        key = slug.strip("/").lower()
        if key in articles:
            print(f"{path}: duplicate slug {slug}", file=sys.stderr)
            continue
        kw = meta.get("keywords", "")
        if isinstance(kw, list):
            kw = ",".join(map(str, kw))
        articles[key] = {
            "label": str(meta.get("title", slug)),
            "slug": slug,
            "description": str(meta.get("description", "")),
            "keywords": str(kw),
            "stub": False,
        }
        for target, anchor in find_links(body):
            k = link_key(target)
            if k is None:
                n_external += 1
                continue
            n_links += 1
            links.append((key, k, anchor))
    phase("parse", t0)

    # 2. build the graph
    t0 = time.perf_counter()
    G = nx.DiGraph()
    G.add_nodes_from(articles.items())
    weights = Counter()
    anchors = defaultdict(dict)   # (u, v) -> ordered set of anchor texts
    for u, v, anchor in links:
        if not v or v == u:
            continue
        if v not in articles and v not in G:
            G.add_node(v, label=v, slug=v, description="", keywords="", stub=True)
        weights[u, v] += 1
        if anchor:
            anchors[u, v][anchor] = None
    G.add_edges_from((u, v, {"weight": w, "anchors": " | ".join(anchors[u, v])}) for (u, v), w in weights.items())
    del links
    phase("build", t0)

    result = {
        "files": len(files),
        "articles": len(articles),
        "stubs": G.number_of_nodes() - len(articles),
        "nodes": G.number_of_nodes(),
        "edges": G.number_of_edges(),
        "internal_links": n_links,
        "external_links": n_external,
    }

    if not args.sample:
        # 3. export
        if args.graphml:
            t0 = time.perf_counter()
            nx.write_graphml(G, args.graphml)
            phase("graphml", t0)

        # 4. queries
        terms = json.load(open(args.terms)) if args.terms else {}
        for name, a, b in (("path", "path_from", "path_to"), ("path2", "path2_from", "path2_to")):
            if a not in terms:
                continue
            t0 = time.perf_counter()
            try:
                p = nx.shortest_path(G, terms[a], terms[b])
                result[name] = {"length": len(p) - 1, "path": p}
            except nx.NetworkXNoPath:
                result[name] = {"length": None, "path": None}
            phase(name, t0)
        for name in ("neighbors", "neighbors_hub"):
            if name not in terms:
                continue
            t0 = time.perf_counter()
            n = terms[name]
            nb = sorted(set(G.successors(n)) | set(G.predecessors(n)))
            phase(name, t0)
            result[name] = {"count": len(nb), "digest": digest(nb)}
        t0 = time.perf_counter()
        orphans = sorted(n for n, d in G.in_degree() if d == 0 and not G.nodes[n]["stub"])
        phase("orphans", t0)
        result["orphans"] = {"count": len(orphans), "digest": digest(orphans)}

    return finish(result, phases, rss, T_START, args.json)


if __name__ == "__main__":
    sys.exit(main())
