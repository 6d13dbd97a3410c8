"""termgraph's graph answers agree with NetworkX on 110 random directed graphs.

Each graph comes from a fixed seed (see `generate_graphs` in conftest.py) and
is written as a corpus: `n{i}.md` with a `title` and body links `[anchor](/nK)`;
a link to an index with no article is a wanted term (a stub node). The
NetworkX graph is built from the generator's own data, stubs included, and
every answer termgraph gives (paths, `--all` path sets, neighbourhoods, the
four orphan lists, stats) must equal NetworkX's exactly.
"""

from __future__ import annotations

import random

import networkx as nx
import pytest

from conftest import GraphSpec, generate_graphs, run_many, run_termgraph, slug_order

GRAPHS = generate_graphs()
# `--all` is compared on graphs up to this many nodes (articles + stubs).
ALL_PATHS_MAX_NODES = 20
PAIRS_PER_GRAPH = 5


def path_key(path):
    return tuple(s.encode("utf-8") for s in path)


def neighbor_key(entry):
    return (entry["distance"], entry["slug"].encode("utf-8"))


class Checks:
    """Collects (call, check) pairs, runs the calls in parallel, then reports
    every failed check of the graph at once."""

    def __init__(self, spec: GraphSpec, corpus):
        self.spec = spec
        self.corpus = corpus
        self.calls: list[list[str]] = []
        self.checks = []

    def add(self, call, check):
        self.calls.append(call)
        self.checks.append(check)

    def run(self):
        results = run_many(self.calls, self.corpus)
        failures = []
        for call, check, result in zip(self.calls, self.checks, results):
            try:
                check(result)
            except AssertionError as error:
                failures.append(f"--- termgraph {' '.join(call)}\n{error}\n{result.describe()}")
        assert not failures, (
            f"graph {self.spec.name} (seed {self.spec.seed}): {len(failures)} of "
            f"{len(self.calls)} answers disagree with NetworkX\n" + "\n".join(failures[:8])
        )


# ---------------------------------------------------------------------------
# Expected values, from the spec and NetworkX
# ---------------------------------------------------------------------------


def expected_lists(spec: GraphSpec, g: nx.DiGraph):
    articles = set(spec.articles)
    titles = spec.titles()

    def article_entry(s):
        return {"slug": s, "title": titles[s], "path": f"{s}.md"}

    def has_in_from_other_article(s):
        return any(p in articles and p != s for p in g.predecessors(s))

    orphan = [s for s in slug_order(articles) if not has_in_from_other_article(s)]
    dead_end = [s for s in slug_order(articles) if g.out_degree(s) == 0]
    isolated = [s for s in orphan if s in set(dead_end)]
    wanted = [
        {"slug": s, "title": titles[s], "linked_by": len(set(g.predecessors(s)))}
        for s in spec.stubs
    ]
    return {
        "orphan": [article_entry(s) for s in orphan],
        "dead-end": [article_entry(s) for s in dead_end],
        "isolated": [article_entry(s) for s in isolated],
        "wanted": wanted,
    }


def expected_neighbors(spec, g, start, depth, direction):
    titles = spec.titles()
    stubs = set(spec.stubs)
    out_dist = nx.single_source_shortest_path_length(g, start)
    in_dist = nx.single_source_shortest_path_length(g.reverse(copy=False), start)
    if direction == "out":
        dist = out_dist
    elif direction == "in":
        dist = in_dist
    else:
        dist = nx.single_source_shortest_path_length(g.to_undirected(as_view=True), start)
    entries = []
    for v, d in dist.items():
        if v == start or d > depth:
            continue
        if direction == "both":
            forward, backward = out_dist.get(v) == d, in_dist.get(v) == d
            how = "both" if forward and backward else "out" if forward else "in" if backward else "mixed"
        else:
            how = direction
        entries.append({"slug": v, "title": titles[v], "distance": d, "direction": how, "stub": v in stubs})
    return sorted(entries, key=neighbor_key)


def project(entries, keys):
    return [{k: e.get(k) for k in keys} for e in entries]


# ---------------------------------------------------------------------------
# Checks
# ---------------------------------------------------------------------------


def check_stats(spec, g, lists):
    def check(result):
        assert result.returncode == 0
        stats = result.json
        expected = {
            "articles": spec.n,
            "stubs": len(spec.stubs),
            "edges": g.number_of_edges(),
            "links": spec.link_count(),
            "external_links": 0,
            "orphans": len(lists["orphan"]),
            "wanted": len(lists["wanted"]),
            "dead_ends": len(lists["dead-end"]),
            "isolated": len(lists["isolated"]),
            "problems": spec.wanted_link_count(),
        }
        assert {k: stats.get(k) for k in expected} == expected

    return check


def check_list(kind, expected):
    keys = ("slug", "title", "linked_by") if kind == "wanted" else ("slug", "title", "path")

    def check(result):
        assert result.returncode == 0
        data = result.json
        assert data["kind"] == kind
        assert project(data["terms"], keys) == expected

    return check


def check_path(g, source, target, undirected):
    graph = g.to_undirected(as_view=True) if undirected else g
    reachable = nx.has_path(graph, source, target)

    def check(result):
        data = result.json
        assert (data["from"], data["to"]) == (source, target)
        if not reachable:
            assert result.returncode == 1, "no path: exit code must be 1"
            assert data["paths"] == []
            assert data.get("length") is None
            return
        assert result.returncode == 0
        length = nx.shortest_path_length(graph, source, target)
        assert data["length"] == length
        assert len(data["paths"]) == 1
        path = data["paths"][0]
        assert len(path) == length + 1 and path[0] == source and path[-1] == target
        assert all(graph.has_edge(a, b) for a, b in zip(path, path[1:])), f"not a path in the graph: {path}"
        least = min(nx.all_shortest_paths(graph, source, target), key=path_key)
        assert path == least, "the path printed must be the least in slug order"

    return check


def check_all_paths(g, source, target, undirected, limit):
    graph = g.to_undirected(as_view=True) if undirected else g
    expected = sorted(nx.all_shortest_paths(graph, source, target), key=path_key)

    def check(result):
        assert result.returncode == 0
        data = result.json
        assert data["length"] == len(expected[0]) - 1
        assert data["paths"] == expected[:limit]

    return check, len(expected)


def check_neighbors(expected):
    def check(result):
        assert result.returncode == 0
        data = result.json
        got = project(data["neighbors"], ("slug", "title", "distance", "direction", "stub"))
        assert got == expected

    return check


# ---------------------------------------------------------------------------
# Choosing what to ask
# ---------------------------------------------------------------------------


def sample_pairs(spec: GraphSpec, g: nx.DiGraph, rng: random.Random):
    """A few pairs: random ones, one unreachable when there is one, one
    from a node to itself, one ending at a stub."""
    nodes = spec.articles + spec.stubs
    pairs = [(rng.choice(nodes), rng.choice(nodes)) for _ in range(PAIRS_PER_GRAPH)]
    unreachable = [(u, v) for u in nodes for v in nodes if u != v and not nx.has_path(g, u, v)]
    if unreachable:
        pairs.append(rng.choice(unreachable))
    undirected = g.to_undirected(as_view=True)
    u_unreachable = [(u, v) for u in nodes for v in nodes if not nx.has_path(undirected, u, v)]
    if u_unreachable:
        pairs.append(rng.choice(u_unreachable))
    if spec.stubs and spec.n:
        into_stub = [(u, v) for u in spec.articles for v in spec.stubs if nx.has_path(g, u, v)]
        if into_stub:
            pairs.append(rng.choice(into_stub))
    reachable = [(u, v) for u in nodes for v in nodes if u != v and nx.has_path(g, u, v)]
    if reachable:
        # the farthest pair: long paths, many ties
        pairs.append(max(reachable, key=lambda p: (nx.shortest_path_length(g, *p), p)))
    pairs.append((nodes[0], nodes[0]))
    return list(dict.fromkeys(pairs))


@pytest.mark.parametrize("spec", GRAPHS, ids=[s.name for s in GRAPHS])
def test_graph_agrees_with_networkx(spec: GraphSpec, tmp_path):
    corpus = spec.write(tmp_path / "corpus")
    g = spec.nx_graph()
    rng = random.Random(spec.seed ^ 0x5EED)
    checks = Checks(spec, corpus)

    lists = expected_lists(spec, g)
    checks.add(["stats"], check_stats(spec, g, lists))
    for kind, expected in lists.items():
        checks.add(["orphans", "--kind", kind], check_list(kind, expected))

    if spec.n:
        pairs = sample_pairs(spec, g, rng)
        for source, target in pairs:
            checks.add(["path", source, target], check_path(g, source, target, False))
            checks.add(["path", source, target, "--undirected"], check_path(g, source, target, True))

        if g.number_of_nodes() <= ALL_PATHS_MAX_NODES:
            limited = False
            for undirected in (False, True):
                graph = g.to_undirected(as_view=True) if undirected else g
                flag = ["--undirected"] if undirected else []
                usable = [(u, v) for u, v in pairs if nx.has_path(graph, u, v)]
                for source, target in usable[:3]:
                    check, count = check_all_paths(g, source, target, undirected, 10**9)
                    extra = ["--limit", str(count)] if count >= 1000 else []
                    checks.add(["path", source, target, "--all", *flag, *extra], check)
                    if count >= 3 and not limited:
                        limited = True
                        check, _ = check_all_paths(g, source, target, undirected, 2)
                        checks.add(["path", source, target, "--all", "--limit", "2", *flag], check)

        # Every depth and direction from an article; from a stub (which has
        # no outgoing links) one depth is enough.
        starts = [(rng.choice(spec.articles), (1, 2, 3))]
        if spec.stubs:
            starts.append((rng.choice(spec.stubs), (2,)))
        for start, depths in starts:
            for direction in ("out", "in", "both"):
                for depth in depths:
                    expected = expected_neighbors(spec, g, start, depth, direction)
                    checks.add(
                        ["neighbors", start, "--depth", str(depth), "--direction", direction],
                        check_neighbors(expected),
                    )
    checks.run()


def test_enough_graphs_of_each_shape():
    """The generator covers the shapes the brief asks for."""
    assert len(GRAPHS) >= 100
    assert any(s.n == 0 for s in GRAPHS)
    assert any(s.n == 1 for s in GRAPHS)
    assert any(i == t for s in GRAPHS for i, ls in enumerate(s.links) for t, _ in ls)
    assert any(s.stubs for s in GRAPHS)
    assert any(nx.number_weakly_connected_components(s.nx_graph()) > 1 for s in GRAPHS if s.n)
    densities = [nx.density(s.nx_graph()) for s in GRAPHS if s.n > 1]
    assert min(densities) < 0.1 and max(densities) > 0.5


def test_no_path_answer_keeps_length_key(tmp_path):
    """The contract's path JSON is {"from","to","length","paths"}; with no
    path, `length` is null and `paths` empty (fields are never removed)."""
    spec = GraphSpec("two-disconnected", 2, [[], []])
    corpus = spec.write(tmp_path / "corpus")
    result = run_termgraph(["path", "n0", "n1"], corpus)
    assert result.returncode == 1
    data = result.json
    assert (data["from"], data["to"], data["paths"]) == ("n0", "n1", []), result.describe()
    assert "length" in data, f"`length` is missing instead of null: {result.stdout}"
    assert data["length"] is None
