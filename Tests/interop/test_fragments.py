"""`fragments: check` (PRODUCT.md §1d) on real corpora, against an independent computation of
every article's anchors (fragment_anchors.py: markdown-it-py headings, github-slugger's rule
reimplemented, HTML ids by regular expression).

Which article a link reaches is taken from `termgraph links` (resolution has its own tests);
whether its fragment names an anchor there is computed here, and the set of broken links must
equal `check --kind broken-fragment` exactly.
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import quote

import pytest

from conftest import run_termgraph
from fragment_anchors import fragment_key, markdown_anchors


def expected_broken(root: Path, *, vault: bool = False, patterns: tuple[str, ...] = ()):
    """(file, line, target) of every link whose fragment names no anchor of the article it reaches."""
    links = run_termgraph(["links", "--no-cache"], root)
    assert links.returncode == 0, links.describe()
    articles = links.json["articles"]
    path_of = {a["slug"]: a["path"] for a in articles}
    anchors: dict[str, set[str]] = {}

    def anchors_of(path):
        if path not in anchors:
            anchors[path] = markdown_anchors((root / path).read_text(encoding="utf-8"), vault=vault, patterns=patterns)
        return anchors[path]

    broken = set()
    checked = 0
    for article in articles:
        for link in article["links"]:
            key = fragment_key(link["target"], vault=vault)
            if key is None:
                continue
            if link["resolution"] == "article":
                reached = path_of[link["slug"]]
            elif link["resolution"] == "none" and link["target"].strip().startswith("#"):
                reached = article["path"]
            else:
                continue
            checked += 1
            if key not in anchors_of(reached):
                broken.add((article["path"], link["line"], link["target"]))
    return broken, checked


def reported_broken(root: Path):
    result = run_termgraph(["check", "--no-cache", "--kind", "broken-fragment"], root)
    problems = result.json["problems"]
    assert result.returncode == (1 if problems else 0), result.describe()
    assert all(p["kind"] == "broken-fragment" for p in problems)
    found = set()
    for p in problems:
        target = p["message"].split('"')[1]
        found.add((p["file"], p["line"], target))
    assert len(found) == len(problems), "one problem per broken link"
    return found


@pytest.fixture
def in_root(monkeypatch):
    """Enters a corpus folder; the termgraph.yml a test writes there is removed afterwards,
    since the unpacked corpora are shared by every test of the session."""
    entered: list[Path] = []

    def enter(root: Path):
        monkeypatch.chdir(root)
        entered.append(root)
        return root
    yield enter
    for root in entered:
        (root / "termgraph.yml").unlink(missing_ok=True)


def test_ar_react_dev_fragments(shared_corpora, in_root):
    root = in_root(shared_corpora("ar-react-dev") / "content")
    (root / "termgraph.yml").write_text("fragments: check\n", encoding="utf-8")
    expected, checked = expected_broken(root)
    reported = reported_broken(root)
    assert checked > 1000, f"only {checked} fragment links were checked"
    assert reported == expected, (sorted(reported - expected)[:10], sorted(expected - reported)[:10])
    # Deliberately misses: react.dev's <Recipes titleId="…"> ids are no anchors without a pattern.
    assert any(t == "#examples-dependencies" for _, _, t in reported)
    print(f"ar-react-dev: {checked} fragment links checked, {len(reported)} broken")


def test_ar_react_dev_component_ids_by_pattern(shared_corpora, in_root):
    root = in_root(shared_corpora("ar-react-dev") / "content")
    patterns = ('titleId="([^"]+)"',)
    (root / "termgraph.yml").write_text("fragments: check\nfragment_patterns: ['titleId=\"([^\"]+)\"']\n", encoding="utf-8")
    expected, _ = expected_broken(root, patterns=patterns)
    reported = reported_broken(root)
    assert reported == expected
    assert not any(t == "#examples-dependencies" for _, _, t in reported)


ETHEREUM_CONFIG = """language: en
translations: translations/{lang}
fragments: check
fragment_patterns: ['<GlossaryDefinition term="([^"]+)"']
"""


def test_ethereum_glossary_fragments(shared_corpora, in_root):
    root = in_root(shared_corpora("ethereum-org-2024") / "content")
    (root / "termgraph.yml").write_text(ETHEREUM_CONFIG, encoding="utf-8")
    patterns = ('<GlossaryDefinition term="([^"]+)"',)
    expected, checked = expected_broken(root, patterns=patterns)
    reported = reported_broken(root)
    assert checked > 1000, f"only {checked} fragment links were checked"
    assert reported == expected, (sorted(reported - expected)[:10], sorted(expected - reported)[:10])
    # The English glossary defines its terms by component: with the pattern, /glossary/#nft holds.
    glossary = [p for p in reported if p[2].startswith("/glossary/#")]
    print(f"ethereum-org: {checked} fragment links checked, {len(reported)} broken, {len(glossary)} into the glossary")


def test_ethereum_without_patterns_misses_the_glossary_terms(shared_corpora, in_root):
    root = in_root(shared_corpora("ethereum-org-2024") / "content")
    (root / "termgraph.yml").write_text("language: en\ntranslations: translations/{lang}\nfragments: check\n", encoding="utf-8")
    reported = reported_broken(root)
    expected, _ = expected_broken(root)
    assert reported == expected
    # Without the pattern the English glossary's terms are no anchors: its 184 links to
    # /glossary/#smart-contract from English pages are broken.
    english = [p for p in reported if p[2] == "/glossary/#smart-contract" and not p[0].startswith("translations/")]
    assert english, "links into the English glossary should miss without fragment_patterns"


def test_obsidian_tasks_heading_links(shared_corpora, in_root):
    root = in_root(shared_corpora("obsidian-tasks-docs"))
    config = root / "termgraph.yml"
    config.write_text("links: names\nfragments: check\n", encoding="utf-8")
    # A note of our own with links that must miss, so that a check finding nothing fails.
    probe = root / "zz fragment probe.md"
    probe.write_text("# Probe\n\n[[Dates#No such heading]] [[Dates#Due date]] [[#^nowhere]] [[#Probe]]\n", encoding="utf-8")
    try:
        expected, checked = expected_broken(root, vault=True)
        reported = reported_broken(root)
    finally:
        config.unlink()
        probe.unlink()
    assert checked > 300, f"only {checked} heading links were checked"
    assert reported == expected, (sorted(reported - expected)[:10], sorted(expected - reported)[:10])
    assert {t for f, _, t in reported if f == probe.name} == {"Dates#No such heading", "#^nowhere"}
    print(f"obsidian-tasks: {checked} heading links checked, {len(reported)} broken")


def _probe_every_anchor(root: Path, patterns: tuple[str, ...] = ()):
    """A page of our own that links to every anchor computed here of every article: each
    heading id markdown-it-py and the slug rule give must be one termgraph knows too."""
    links = run_termgraph(["links", "--no-cache"], root)
    lines, count = ["# Probe", ""], 0
    for article in links.json["articles"]:
        path = article["path"]
        for anchor in sorted(markdown_anchors((root / path).read_text(encoding="utf-8"), patterns=patterns)):
            if anchor.endswith("/") or not anchor.strip():
                continue
            lines.append(f"[x](/{quote(path)}#{quote(anchor, safe='')})")
            count += 1
    probe = root / "zz-anchor-probe.md"
    probe.write_text("\n".join(lines) + "\n", encoding="utf-8")
    try:
        reported = {p for p in reported_broken(root) if p[0] == probe.name}
    finally:
        probe.unlink()
    return reported, count


def test_every_heading_id_of_ar_react_dev_is_known(shared_corpora, in_root):
    root = in_root(shared_corpora("ar-react-dev") / "content")
    (root / "termgraph.yml").write_text("fragments: check\n", encoding="utf-8")
    missed, count = _probe_every_anchor(root)
    assert count > 3000
    assert missed == set(), sorted(missed)[:10]
    print(f"ar-react-dev: {count} anchors computed by markdown-it-py, every one known")


def test_every_heading_id_of_ethereum_is_known(shared_corpora, in_root):
    root = in_root(shared_corpora("ethereum-org-2024") / "content")
    (root / "termgraph.yml").write_text(ETHEREUM_CONFIG, encoding="utf-8")
    missed, count = _probe_every_anchor(root, ('<GlossaryDefinition term="([^"]+)"',))
    assert count > 20000
    assert missed == set(), sorted(missed)[:10]
    print(f"ethereum-org: {count} anchors computed by markdown-it-py, every one known")
