"""Property test: whatever text a title holds, GraphML stays schema-valid and NetworkX-readable
with the same labels, and DOT stays parseable by Graphviz."""
import os
import re
import shutil
import subprocess
import tempfile
from pathlib import Path

import networkx as nx
import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

ROOT = Path(__file__).resolve().parents[2]
BIN = os.environ.get("TERMGRAPH_BIN", str(ROOT / ".build/debug/termgraph"))
SCHEMA = ROOT.parent / "shared" / "schemas" / "graphml" / "graphml.xsd"

# Every character but surrogates, weighted towards the ones that break exporters.
nasty = st.sampled_from(list('<>&"\'\\]]>\n\r\t\x00\x01\x08\x0b\x1f\x7f\u200f\u202e\u2066\ufffe\uffff{}[]()#|;,:'))
title_text = st.text(st.one_of(nasty, st.characters(blacklist_categories=("Cs",))), max_size=40)


def yaml_quoted(text: str) -> str:
    """A YAML double-quoted scalar holding exactly `text`."""
    out = []
    for ch in text:
        code = ord(ch)
        if 0x20 <= code < 0x7F and ch not in '"\\':
            out.append(ch)
        elif code <= 0xFFFF:
            out.append(f"\\u{code:04X}")
        else:
            out.append(f"\\U{code:08X}")
    return '"' + "".join(out) + '"'


def xml_clean(text: str) -> str:
    """What XML 1.0 can carry: the characters termgraph promises to drop are dropped."""
    return "".join(ch for ch in text if ch in "\t\n\r" or (0x20 <= ord(ch) and ord(ch) not in (0xFFFE, 0xFFFF)))


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(title_text, min_size=1, max_size=12))
def test_random_titles_give_valid_graphml_and_dot(titles):
    folder = Path(tempfile.mkdtemp(prefix="termgraph-props-"))
    try:
        corpus, out = folder / "corpus", folder / "out"
        corpus.mkdir()
        expected = {}
        for i, raw in enumerate(titles):
            title = f"A{raw}Z"  # letters at both ends: trimming cannot change the rest
            links = " ".join(f"[{j}](/t{j})" for j in range(len(titles)) if j != i)
            (corpus / f"t{i}.md").write_text(f"---\ntitle: {yaml_quoted(title)}\n---\n{links}\n", encoding="utf-8")
            expected[f"t{i}"] = xml_clean(title)
        run = subprocess.run([BIN, "export", "--no-cache", "--corpus", str(corpus), "--out-dir", str(out)],
                             capture_output=True, text=True, timeout=60)
        assert run.returncode == 0, run.stderr
        graphml = out / "graph.graphml"
        if SCHEMA.exists() and shutil.which("xmllint"):
            check = subprocess.run(["xmllint", "--noout", "--nonet", "--schema", str(SCHEMA), str(graphml)],
                                   capture_output=True, text=True)
            assert check.returncode == 0, check.stderr
        graph = nx.read_graphml(graphml)
        assert {data["slug"]: data["label"] for _, data in graph.nodes(data=True)} == expected
        assert graph.number_of_edges() == len(titles) * (len(titles) - 1)
        dot = subprocess.run(["dot", "-Tcanon", str(out / "graph.dot")], capture_output=True, text=True, timeout=60)
        assert dot.returncode == 0, dot.stderr
        edges = [line for line in dot.stdout.splitlines() if re.match(r'^\s*"?t\d+"?\s*->\s*"?t\d+"?', line)]
        assert len(edges) == len(titles) * (len(titles) - 1)
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def test_yaml_quoting_round_trips():
    import yaml
    for text in ["plain", 'q"uote\\', "\x00\x07\u202e\U0001F600", "مكتب"]:
        assert yaml.safe_load("t: " + yaml_quoted(text))["t"] == text


# ---------------------------------------------------------------------------
# Every format
# ---------------------------------------------------------------------------

LONG_TITLE = "مكتب \"خلفي\" \\ " * 1000  # 22 KB: past Graphviz's 16 KB quoted-string limit
CONTROL_TITLE = "".join(chr(c) for c in range(0x20)) + "\x7f"


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(title_text, min_size=1, max_size=8))
@example([LONG_TITLE, CONTROL_TITLE])
@example([CONTROL_TITLE])
def test_random_titles_give_valid_files_in_every_format(titles):
    """Whatever a title holds (a 20 KB one, one of every control character), every format is
    read back by its own reader with the same labels, the XML ones stay schema-valid, Graphviz
    parses the DOT and draws the SVG."""
    import sys

    sys.path.insert(0, str(Path(__file__).parent))
    from export_readers import check_skos_integrity, gexf_view, json_view, neo4j_view, skos_view, svg_view

    folder = Path(tempfile.mkdtemp(prefix="termgraph-props-all-"))
    try:
        corpus, out = folder / "corpus", folder / "out"
        corpus.mkdir()
        expected = {}
        for i, raw in enumerate(titles):
            title = f"A{raw}Z"
            links = " ".join(f"[{j}](/t{j})" for j in range(len(titles)) if j != i)
            # The title is also an alias and the description: S13 and every text field are exercised.
            (corpus / f"t{i}.md").write_text(
                f"---\ntitle: {yaml_quoted(title)}\ndescription: {yaml_quoted(title)}\naliases: [{yaml_quoted(title)}, x{i}]\n---\n{links}\n",
                encoding="utf-8")
            expected[f"t{i}"] = xml_clean(title)
        formats = ["--format", "all"] if shutil.which("dot") else []
        run = subprocess.run([BIN, "export", "--no-cache", "--corpus", str(corpus), "--out-dir", str(out), *formats],
                             capture_output=True, text=True, timeout=120)
        assert run.returncode == 0, run.stderr
        edges = len(titles) * (len(titles) - 1)
        gexf_schema = SCHEMA.parent.parent / "gexf" / "gexf.xsd"
        if gexf_schema.exists() and shutil.which("xmllint"):
            check = subprocess.run(["xmllint", "--noout", "--nonet", "--schema", str(gexf_schema), str(out / "graph.gexf")],
                                   capture_output=True, text=True)
            assert check.returncode == 0, check.stderr
        j = json_view(out / "graph.json")
        assert {s: d["label"] for s, d in j["nodes"].items()} == expected
        assert {s: d["description"] for s, d in j["nodes"].items()} == expected
        assert len(j["edges"]) == edges
        x = gexf_view(out / "graph.gexf")
        assert {s: d["label"] for s, d in x["nodes"].items()} == expected and len(x["edges"]) == edges
        n = neo4j_view(out / "neo4j")
        assert {s: d["label"] for s, d in n["nodes"].items()} == expected and len(n["edges"]) == edges
        assert {s: d["aliases"] for s, d in n["nodes"].items()} == {s: [t, f"x{s[1:]}"] for s, t in expected.items()}
        view = skos_view(out / "graph.ttl")
        check_skos_integrity(view)
        assert {s: c["pref"] for s, c in view["concepts"].items()} == {s: [(t, None)] for s, t in expected.items()}
        assert {s: c["alt"] for s, c in view["concepts"].items()} == {s: [(f"x{s[1:]}", None)] for s in expected}
        if formats:
            dot = subprocess.run(["dot", "-Tcanon", str(out / "graph.dot")], capture_output=True, text=True, timeout=60)
            assert dot.returncode == 0, dot.stderr
            drawn = svg_view(out / "graph.svg")
            assert len(drawn["nodes"]) == len(titles) and drawn["edges"] == edges
            # Graphviz draws one <text> per line; DOT drops tabs, carriage returns and DEL.
            for node, title in expected.items():
                assert "\n".join(drawn["nodes"][node]["texts"]) == title.replace("\t", "").replace("\r", "").replace("\x7f", ""), node
    finally:
        shutil.rmtree(folder, ignore_errors=True)
