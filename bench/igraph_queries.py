#!/usr/bin/env python3
"""Read termgraph's GraphML export with python-igraph and answer the same
queries: shortest path, neighbours (both directions, depth 1), orphans
(articles with no incoming edge; stubs are not articles).

    python3 bench/igraph_queries.py GRAPH.graphml --terms TERMS.json --json RESULT.json
"""
import time

T_START = time.perf_counter()

import argparse  # noqa: E402
import json  # noqa: E402
import sys  # noqa: E402

from phases import digest, finish, phase_clock  # noqa: E402

import igraph as ig  # noqa: E402




def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("graphml")
    ap.add_argument("--terms", required=True)
    ap.add_argument("--json")
    args = ap.parse_args()
    phases, rss, phase = phase_clock(T_START)

    t0 = time.perf_counter()
    g = ig.Graph.Read_GraphML(args.graphml)
    phase("read", t0)

    t0 = time.perf_counter()
    slugs = g.vs["slug"]
    stub = [bool(s) for s in g.vs["stub"]] if "stub" in g.vs.attributes() else [False] * g.vcount()
    index = {s: i for i, s in enumerate(slugs)}
    phase("index", t0)

    terms = json.load(open(args.terms))
    result = {
        "nodes": g.vcount(),
        "edges": g.ecount(),
        "articles": stub.count(False),
        "stubs": stub.count(True),
        "directed": g.is_directed(),
    }
    for name, a, b in (("path", "path_from", "path_to"), ("path2", "path2_from", "path2_to")):
        t0 = time.perf_counter()
        p = g.get_shortest_path(index[terms[a]], index[terms[b]], mode="out")
        phase(name, t0)
        result[name] = {"length": len(p) - 1, "path": [slugs[i] for i in p]} if p else {"length": None, "path": None}
    for name in ("neighbors", "neighbors_hub"):
        t0 = time.perf_counter()
        v = index[terms[name]]
        nb = sorted({slugs[i] for i in g.neighbors(v, mode="all") if i != v})
        phase(name, t0)
        result[name] = {"count": len(nb), "digest": digest(nb)}
    t0 = time.perf_counter()
    indeg = g.indegree()
    orphans = sorted(slugs[i] for i in range(g.vcount()) if indeg[i] == 0 and not stub[i])
    phase("orphans", t0)
    result["orphans"] = {"count": len(orphans), "digest": digest(orphans)}

    return finish(result, phases, rss, T_START, args.json)


if __name__ == "__main__":
    sys.exit(main())
