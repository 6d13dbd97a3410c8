"""Identities an export cannot write apart: slugs and link targets that differ only in the
characters XML 1.0 forbids (which every format drops) used to become several nodes under one
JSON id and one Neo4j `slug:ID`, so NetworkX read fewer nodes than termgraph counted, and
neo4j-admin refuses duplicate ids. They are now one node, or a duplicate slug."""
import csv
import json
import subprocess

import networkx as nx

ARTICLES = {
    # Four spellings of one wanted target: NUL, U+0001 and U+FFFE percent-encoded, and none.
    "a.md": "# A\n[x](/a%00b) [y](/a%01b) [z](/ab) [w](/a%EF%BF%BEb) [c](/cd)\n",
    # A YAML escape puts a NUL in a slug: the same identity as cd.md's.
    "c-nul.md": '---\nslug: "c\\0d"\n---\n# C NUL D\n',
    "cd.md": "# CD\n",
}


def run(binary, *args, corpus):
    result = subprocess.run([str(binary), *args, "--corpus", str(corpus), "--no-cache"], capture_output=True,
                            text=True, timeout=60, cwd=corpus)
    assert result.returncode in (0, 1), result.stderr
    return result


def test_slugs_that_differ_only_in_unwritable_characters_are_one_identity(termgraph_binary, tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for name, text in ARTICLES.items():
        (corpus / name).write_text(text, encoding="utf-8")

    exported = run(termgraph_binary, "export", "--format", "json", "--output", "-", corpus=corpus)
    assert exported.stderr == "warning: 1 problem in the corpus; run `termgraph check` to list them\n"
    data = json.loads(exported.stdout)
    graph = nx.node_link_graph(data, edges="edges")
    assert [node["id"] for node in data["nodes"]] == ["a", "ab", "cd"]
    assert graph.number_of_nodes() == len(data["nodes"])
    assert {(u, v): (d["weight"], d["anchors"]) for u, v, d in graph.edges(data=True)} == {
        ("a", "ab"): (4, ["x", "y", "z", "w"]), ("a", "cd"): (1, ["c"])}
    assert graph.nodes["cd"]["label"] == "C NUL D"

    problems = json.loads(run(termgraph_binary, "check", "--json", "--kind", "duplicate-slug", corpus=corpus).stdout)
    assert [(p["file"], p["kind"]) for p in problems["problems"]] == [("cd.md", "duplicate-slug")]

    out = tmp_path / "neo4j"
    run(termgraph_binary, "export", "--format", "neo4j", "--output", str(out), corpus=corpus)
    with open(out / "nodes.csv", newline="", encoding="utf-8") as nodes:
        ids = [row["slug:ID"] for row in csv.DictReader(nodes)]
    assert ids == ["a", "ab", "cd"]


def test_a_slug_with_a_non_character_writes_nothing_on_stderr(termgraph_binary, tmp_path):
    """U+FFFE in a slug made libxml2 print `parser error : Char 0xFFFE out of allowed range`
    while the GraphML ids were made."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.md").write_text("# A\n[x](/x%EF%BF%BEy)\n", encoding="utf-8")
    result = run(termgraph_binary, "export", "--format", "graphml", "--output", "-", corpus=corpus)
    assert result.stderr == ""
    graph = nx.parse_graphml(result.stdout)
    assert sorted(graph.nodes) == ["a", "xy"]
