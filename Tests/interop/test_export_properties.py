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
from hypothesis import HealthCheck, given, settings
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
