"""Golden tests on the embedded glossary: its figures, answers and committed exports are pinned."""
import json
import os
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
BIN = os.environ.get("TERMGRAPH_BIN", str(ROOT / ".build/debug/termgraph"))


def termgraph(*args, status=0):
    run = subprocess.run([BIN, *args, "--corpus", str(ROOT / "corpus")], capture_output=True, text=True, timeout=120)
    assert run.returncode == status, run.stderr
    return run.stdout


def answer(*args, status=0):
    return json.loads(termgraph(*args, "--json", status=status))


def test_stats_are_pinned():
    stats = answer("stats")
    assert {k: stats[k] for k in ("articles", "stubs", "edges", "links", "external_links", "orphans",
                                  "wanted", "dead_ends", "isolated", "uncategorized", "problems")} == {
        "articles": 65, "stubs": 4, "edges": 415, "links": 415, "external_links": 0, "orphans": 3,
        "wanted": 4, "dead_ends": 0, "isolated": 0, "uncategorized": 2, "problems": 8,
    }
    assert stats["category_matrix"] == {
        "front": {"front": 86, "middle": 23, "back": 14},
        "middle": {"front": 14, "middle": 56, "back": 20},
        "back": {"front": 6, "middle": 33, "back": 132},
    }
    assert {name: (c["articles"], c["inferred"]) for name, c in stats["categories"].items()} == {
        "front": (19, 0), "middle": (19, 0), "back": (25, 3)}


def test_every_article_links_to_two_or_more_others():
    links = answer("links")["articles"]
    assert len(links) == 65
    weak = [a["path"] for a in links
            if len({l["slug"] for l in links_of(a) if l["resolution"] == "article" and l["slug"] != a["slug"]}) < 2]
    assert weak == []


def links_of(article):
    return article["links"]


@pytest.mark.parametrize("source,target,length,path", [
    ("المكتب الأمامي", "المكتب الخلفي", 1, ["frontoffice", "backoffice"]),
    ("Front Office", "back office", 1, ["frontoffice", "backoffice"]),
    ("والمكتب الأوسط", "حفظ السجلات", 2, ["middleoffice", "backoffice", "record-keeping"]),
    ("risk management", "settlement cycle", 3, ["risk-management", "liquidity-risk", "settlement", "settlement-cycle"]),
])
def test_paths_are_pinned(source, target, length, path):
    found = answer("path", source, target)
    assert (found["length"], found["paths"]) == (length, [path])


def test_category_path_answers():
    found = answer("path", "--from-category", "front", "--to-category", "back")
    assert found["length"] == 1 and found["paths"] == [["broker", "clearing"]]


def test_orphan_and_wanted_lists():
    assert [t["slug"] for t in answer("orphans")["terms"]] == ["chinese-wall", "front-running", "nostro-account"]
    assert [(t["slug"], t["linked_by"]) for t in answer("orphans", "--kind", "wanted")["terms"]] == [
        ("central-bank", 2), ("derivatives", 3), ("fintech", 1), ("hedge-fund", 2)]


def test_check_reports_only_the_deliberate_wanted_links():
    problems = answer("check", status=1)["problems"]
    assert {p["kind"] for p in problems} == {"wanted-link"}
    assert len(problems) == 8


def test_committed_exports_match_what_the_tool_writes(tmp_path):
    subprocess.run([BIN, "export", "--corpus", str(ROOT / "corpus"), "--out-dir", str(tmp_path)],
                   check=True, capture_output=True, timeout=120)
    for name in ("graph.graphml", "graph.dot"):
        fresh = (tmp_path / name).read_bytes()
        committed = (ROOT / "exports" / name).read_bytes()
        assert fresh == committed, f"exports/{name} is stale: run `make run` and commit it"
