"""Shared helpers for the interoperability tests.

The tests run the real `termgraph` binary (env `TERMGRAPH_BIN`, default the
debug build) and compare what it says with independent tools: NetworkX,
igraph, Graphviz, xmllint and markdown-it-py. Expected values always come from
the test's own data, never from termgraph's output.
"""

from __future__ import annotations

import json
import os
import random
import shutil
import subprocess
import tarfile
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parents[2]
SHARED = REPO_ROOT.parent / "shared"
DEFAULT_BIN = REPO_ROOT / ".build" / "debug" / "termgraph"
TERMGRAPH_BIN = Path(os.environ.get("TERMGRAPH_BIN", str(DEFAULT_BIN)))

# Subprocess calls are independent; run a few at a time.
WORKERS = max(2, min(4, (os.cpu_count() or 2)))
CALL_TIMEOUT = 60
_active_bin = TERMGRAPH_BIN  # replaced by a snapshot copy for the session


# --------------------------------------------------------------------------
# Running termgraph
# --------------------------------------------------------------------------


@dataclass
class Result:
    args: list[str]
    returncode: int
    stdout: str
    stderr: str

    @property
    def json(self):
        try:
            return json.loads(self.stdout)
        except json.JSONDecodeError as error:
            raise AssertionError(
                f"termgraph {' '.join(self.args)} printed no JSON ({error}):\n"
                f"stdout: {self.stdout[:2000]}\nstderr: {self.stderr[:2000]}"
            ) from None

    def describe(self) -> str:
        return (
            f"termgraph {' '.join(self.args)} -> exit {self.returncode}\n"
            f"stdout: {self.stdout[:3000]}\nstderr: {self.stderr[:3000]}"
        )


def run_termgraph(args, corpus=None, *, json_output=True) -> Result:
    """Run termgraph once, with `--corpus` and `--json` added."""
    args = [str(a) for a in args]
    if corpus is not None:
        args += ["--corpus", str(corpus)]
    if json_output:
        args.append("--json")
    proc = subprocess.run(
        [str(_active_bin), *args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=CALL_TIMEOUT,
    )
    return Result(args, proc.returncode, proc.stdout, proc.stderr)


_POOL = ThreadPoolExecutor(max_workers=WORKERS)


def run_many(calls, corpus, *, json_output=True) -> list[Result]:
    """Run many independent termgraph calls in parallel, results in call order."""
    futures = [
        _POOL.submit(run_termgraph, call, corpus, json_output=json_output)
        for call in calls
    ]
    return [f.result() for f in futures]


@pytest.fixture(scope="session", autouse=True)
def termgraph_binary(tmp_path_factory):
    """Run a private copy of the binary, so that a rebuild during the session
    cannot swap it out halfway (every test sees the same build)."""
    global _active_bin
    if not (TERMGRAPH_BIN.is_file() and os.access(TERMGRAPH_BIN, os.X_OK)):
        pytest.exit(
            f"termgraph binary not found at {TERMGRAPH_BIN}: build it "
            "(`swift build --product termgraph`) or set TERMGRAPH_BIN",
            returncode=4,
        )
    snapshot = tmp_path_factory.mktemp("bin") / "termgraph"
    shutil.copy2(TERMGRAPH_BIN, snapshot)
    _active_bin = snapshot
    return snapshot


# --------------------------------------------------------------------------
# ../shared and its corpora
# --------------------------------------------------------------------------


def require_shared(*parts: str) -> Path:
    """The path under ../shared, or skip the test when it is absent."""
    path = SHARED.joinpath(*parts)
    if not path.exists():
        pytest.skip(
            f"{path} is absent (a fresh clone has no ../shared next to the "
            "repository); this test needs it"
        )
    return path


@pytest.fixture(scope="session")
def shared_corpora(tmp_path_factory):
    """Unpack a corpus archive from ../shared/corpora once per session.

    Returns a function name -> folder that holds the archive's content.
    """
    unpacked: dict[str, Path] = {}

    def unpack(name: str) -> Path:
        if name not in unpacked:
            archive = require_shared("corpora", f"{name}.tar.xz")
            target = tmp_path_factory.mktemp(f"corpus-{name}")
            with tarfile.open(archive, "r:xz") as tar:
                tar.extractall(target, filter="data")
            entries = [p for p in target.iterdir() if not p.name.startswith(".")]
            # Archives hold one top folder named after themselves.
            root = entries[0] if len(entries) == 1 and entries[0].is_dir() else target
            unpacked[name] = root
        return unpacked[name]

    return unpack


# --------------------------------------------------------------------------
# Ordering
# --------------------------------------------------------------------------


def slug_order(slugs):
    """Sort slugs the way termgraph orders nodes: by Unicode scalar values
    (which for UTF-8 is the same as byte order)."""
    return sorted(slugs, key=lambda s: s.encode("utf-8"))


# --------------------------------------------------------------------------
# Random graphs as corpora
# --------------------------------------------------------------------------

# Anchor texts: few enough that stub labels have ties, some Arabic.
ANCHOR_WORDS = ["alpha", "beta", "gamma", "delta", "تسوية", "مقاصة", "سجل"]


@dataclass
class GraphSpec:
    """A directed graph as a corpus: article i is `n{i}.md`, slug `n{i}`.

    `links[i]` is the ordered list of (target index, anchor text) written in
    article i. A target index >= n names no article: a wanted term (stub).
    """

    name: str
    n: int
    links: list[list[tuple[int, str]]]
    seed: int = 0

    @staticmethod
    def slug(i: int) -> str:
        return f"n{i}"

    def title(self, i: int) -> str:
        return f"Node {i}"

    @property
    def articles(self) -> list[str]:
        return [self.slug(i) for i in range(self.n)]

    def scan_order(self) -> list[int]:
        """Articles in the order termgraph reads them (path byte order)."""
        return sorted(range(self.n), key=lambda i: f"n{i}.md".encode())

    @property
    def stubs(self) -> list[str]:
        return slug_order({self.slug(t) for ls in self.links for t, _ in ls if t >= self.n})

    def link_count(self) -> int:
        return sum(len(ls) for ls in self.links)

    def wanted_link_count(self) -> int:
        return sum(1 for ls in self.links for t, _ in ls if t >= self.n)

    def edges(self) -> dict[tuple[str, str], int]:
        """(source slug, target slug) -> weight, self-links left out."""
        weights: Counter = Counter()
        for i, ls in enumerate(self.links):
            for t, _ in ls:
                if t != i:
                    weights[(self.slug(i), self.slug(t))] += 1
        return dict(weights)

    def edge_anchors(self) -> dict[tuple[str, str], list[str]]:
        anchors: dict[tuple[str, str], list[str]] = {}
        for i, ls in enumerate(self.links):
            for t, a in ls:
                if t != i:
                    seen = anchors.setdefault((self.slug(i), self.slug(t)), [])
                    if a not in seen:
                        seen.append(a)
        return anchors

    def stub_titles(self) -> dict[str, str]:
        """Stub label: the anchor used most often for it, ties by first seen
        (articles in path order, links in file order)."""
        counts: dict[str, Counter] = {}
        first: dict[str, dict[str, int]] = {}
        position = 0
        for i in self.scan_order():
            for t, a in self.links[i]:
                position += 1
                if t < self.n:
                    continue
                s = self.slug(t)
                counts.setdefault(s, Counter())[a] += 1
                first.setdefault(s, {}).setdefault(a, position)
        return {
            s: min(c, key=lambda a: (-c[a], first[s][a])) for s, c in counts.items()
        }

    def titles(self) -> dict[str, str]:
        titles = {self.slug(i): self.title(i) for i in range(self.n)}
        titles.update(self.stub_titles())
        return titles

    def nx_graph(self):
        """The NetworkX DiGraph built from this spec's own data."""
        import networkx as nx

        g = nx.DiGraph()
        g.add_nodes_from(self.articles, stub=False)
        g.add_nodes_from(self.stubs, stub=True)
        for (u, v), w in self.edges().items():
            g.add_edge(u, v, weight=w)
        return g

    def write(self, folder: Path) -> Path:
        folder.mkdir(parents=True, exist_ok=True)
        rng = random.Random(self.seed)
        for i in range(self.n):
            lines = ["---", f"title: {self.title(i)}", "---", "", f"# Node {i}", ""]
            para: list[str] = []
            for t, a in self.links[i]:
                para.append(f"[{a}](/{self.slug(t)})")
                if rng.random() < 0.3:
                    para.append("and some words")
                if rng.random() < 0.2:
                    lines.append(" ".join(para))
                    lines.append("")
                    para = []
            if para:
                lines.append(" ".join(para))
            (folder / f"{self.slug(i)}.md").write_text("\n".join(lines) + "\n", encoding="utf-8")
        return folder


def _anchor(rng: random.Random) -> str:
    return rng.choice(ANCHOR_WORDS)


def _from_edges(name, n, edge_list, rng, seed, repeat=0.0):
    links: list[list[tuple[int, str]]] = [[] for _ in range(n)]
    for u, v in edge_list:
        links[u].append((v, _anchor(rng)))
        while rng.random() < repeat:
            links[u].append((v, _anchor(rng)))
    for ls in links:
        rng.shuffle(ls)
    return GraphSpec(name, n, links, seed)


def _random_graph(index: int, rng: random.Random, seed: int) -> GraphSpec:
    shape = index % 6
    n = rng.randint(2, 30)
    if shape == 0:  # sparse
        p, kind = 1.2 / n, "sparse"
    elif shape == 1:  # medium
        p, kind = 3.0 / n, "medium"
    elif shape == 2:  # dense
        n = rng.randint(3, 16)
        p, kind = rng.uniform(0.35, 0.8), "dense"
    elif shape == 3:  # several components
        p, kind = 0.0, "components"
    elif shape == 4:  # many wanted targets and self-links
        p, kind = 2.0 / n, "wanted"
    else:  # mixed
        p, kind = rng.uniform(0.05, 0.3), "mixed"
    edge_list = []
    if kind == "components":
        k = rng.randint(2, 4)
        block = [rng.randrange(k) for _ in range(n)]
        for u in range(n):
            for v in range(n):
                if u != v and block[u] == block[v] and rng.random() < 0.35:
                    edge_list.append((u, v))
    else:
        for u in range(n):
            for v in range(n):
                if u != v and rng.random() < p:
                    edge_list.append((u, v))
    p_self = 0.3 if kind == "wanted" else 0.05
    p_wanted = 0.6 if kind == "wanted" else 0.1
    for u in range(n):
        if rng.random() < p_self:
            edge_list.append((u, u))
        while rng.random() < p_wanted:
            edge_list.append((u, n + rng.randrange(6)))
    return _from_edges(f"r{index:03d}-{kind}-n{n}", n, edge_list, rng, seed, repeat=0.15)


def fixed_graphs(rng: random.Random) -> list[GraphSpec]:
    """Hand-picked shapes: empty, single node, self-loops, cycles, stars..."""
    s = 1000
    specs = [
        GraphSpec("empty", 0, [], s),
        GraphSpec("single", 1, [[]], s + 1),
        GraphSpec("single-self-loop", 1, [[(0, "alpha"), (0, "beta")]], s + 2),
        GraphSpec("single-to-wanted", 1, [[(1, "beta"), (2, "alpha"), (1, "gamma"), (1, "gamma")]], s + 3),
        GraphSpec("two-one-edge", 2, [[(1, "alpha")], []], s + 4),
        GraphSpec("two-mutual", 2, [[(1, "alpha")], [(0, "beta")]], s + 5),
        GraphSpec("two-disconnected", 2, [[], []], s + 6),
        GraphSpec("wanted-ties", 3, [[(5, "beta"), (5, "alpha")], [(5, "alpha"), (6, "gamma")], [(5, "beta"), (2, "delta")]], s + 7),
    ]
    n = 7
    specs.append(_from_edges("cycle-7", n, [(i, (i + 1) % n) for i in range(n)], rng, s + 8))
    n = 8
    specs.append(_from_edges("line-8", n, [(i, i + 1) for i in range(n - 1)], rng, s + 9))
    n = 9
    specs.append(_from_edges("star-out-9", n, [(0, i) for i in range(1, n)], rng, s + 10))
    specs.append(_from_edges("star-in-9", n, [(i, 0) for i in range(1, n)], rng, s + 11))
    n = 6
    specs.append(_from_edges("complete-6", n, [(u, v) for u in range(n) for v in range(n) if u != v], rng, s + 12, repeat=0.3))
    # A layered DAG (grid): many equally short paths, good for --all.
    w = 4
    grid = [(r * w + c, r * w + c + 1) for r in range(w) for c in range(w - 1)]
    grid += [(r * w + c, (r + 1) * w + c) for r in range(w - 1) for c in range(w)]
    specs.append(_from_edges("grid-4x4", w * w, grid, rng, s + 13))
    # Complete bipartite layers: 3 * 3 * 3 shortest paths from first to last.
    layers = [[0], [1, 2, 3], [4, 5, 6], [7, 8, 9], [10]]
    dag = [(u, v) for a, b in zip(layers, layers[1:]) for u in a for v in b]
    specs.append(_from_edges("layers", 11, dag, rng, s + 14))
    specs.append(_from_edges("only-wanted", 5, [(i, 5 + (i % 3)) for i in range(5)], rng, s + 15))
    specs.append(_from_edges("all-self-loops", 5, [(i, i) for i in range(5)] + [(0, 1), (3, 4)], rng, s + 16))
    specs.append(_from_edges("isolated-and-pair", 12, [(3, 7), (7, 3), (10, 11)], rng, s + 17))
    return specs


def generate_graphs(seed: int = 20240611, count: int = 110) -> list[GraphSpec]:
    """The fixed shapes plus random ones, `count` in all, always the same."""
    rng = random.Random(seed)
    specs = fixed_graphs(rng)
    index = 0
    while len(specs) < count:
        graph_seed = rng.randrange(2**32)
        specs.append(_random_graph(index, random.Random(graph_seed), graph_seed))
        index += 1
    return specs
