"""Site conventions (PRODUCT.md §1d) against independent referees: `exclude` against
`git check-ignore`, `translations` on ethereum.org against the rule computed here from the
files on disk, `wikilinks: false` on Hugo's docs."""

from __future__ import annotations

import json
import random
import shutil
import subprocess
from collections import Counter
from pathlib import Path
from urllib.parse import unquote

import pytest

from conftest import run_termgraph

# --------------------------------------------------------------------------
# exclude: the same files as git's own ignore rules
# --------------------------------------------------------------------------

FOLDERS = ["", "docs/", "docs/old/", "drafts/", "a/b/", "a/b/drafts/", "_common/", "x/_common/", "مسودات/"]
NAMES = ["index.md", "a.md", "notes.tmp.md", "keep.md", "v1.md", "v10.md", "ملاحظة.md", "draft.md"]  # no two files with one slug
GLOBS = ["drafts/", "drafts", "*.tmp.md", "/index.md", "docs/old/", "_common/**", "**/_common/**", "a/**/keep.md",
         "!keep.md", "v?.md", "v[0-9].md", "!docs/a.md", "docs/*.md", "مسودات/", "*/b/", "/a.md"]


@pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
@pytest.mark.parametrize("seed", range(12))
def test_exclude_leaves_out_what_git_ignores(tmp_path, seed):
    rng = random.Random(seed)
    corpus = tmp_path / "corpus"
    paths = sorted({f + n for f in FOLDERS for n in NAMES if rng.random() < 0.5})
    for path in paths:
        file = corpus / path
        file.parent.mkdir(parents=True, exist_ok=True)
        file.write_text("# t\n", encoding="utf-8")
    globs = rng.sample(GLOBS, rng.randint(1, 5))
    (corpus / "termgraph.yml").write_text("exclude:\n" + "".join(f"  - {json.dumps(g, ensure_ascii=False)}\n" for g in globs),
                                          encoding="utf-8")
    # git's answer for the same globs, as a .gitignore of a fresh repository.
    subprocess.run(["git", "init", "-q", str(corpus)], check=True)
    (corpus / ".gitignore").write_text("\n".join(globs) + "\n", encoding="utf-8")
    ignored = subprocess.run(["git", "-c", "core.quotePath=false", "check-ignore", "--no-index", "--stdin"],
                             cwd=corpus, input="\n".join(paths) + "\n", capture_output=True, text=True)
    assert ignored.returncode in (0, 1), ignored.stderr
    expected = sorted(set(paths) - set(ignored.stdout.splitlines()))
    answer = run_termgraph(["links", "--no-cache"], corpus)
    assert answer.returncode == 0, answer.describe()
    assert sorted(a["path"] for a in answer.json["articles"]) == expected, f"globs {globs}"


# --------------------------------------------------------------------------
# translations and exclude on ethereum.org
# --------------------------------------------------------------------------

def _page_path(target: str) -> str | None:
    """The page path a simple root-relative link names (`/wallets/?x#y` → `wallets`), or None."""
    if not target.startswith("/") or target.startswith("//"):
        return None
    path = unquote(target.split("#")[0].split("?")[0]).strip("/")
    return path or None


def test_translated_pages_link_to_their_own_language(shared_corpora, tmp_path):
    content = shared_corpora("ethereum-org-2024") / "content"
    before = run_termgraph(["orphans", "--no-cache"], content)
    (content / "termgraph.yml").write_text("language: en\ntranslations: translations/{lang}\n", encoding="utf-8")
    try:
        links = run_termgraph(["links", "--no-cache"], content)
        after = run_termgraph(["orphans", "--no-cache"], content)
        per_language = {lang: run_termgraph(["orphans", "--lang", lang], content) for lang in ["en", "ar", "fa"]}
        unknown = run_termgraph(["orphans", "--lang", "xx"], content)
        stats = {lang: run_termgraph(["stats", "--lang", lang], content) for lang in ["en", "ar", "fa"]}
        whole = run_termgraph(["stats"], content)
    finally:
        (content / "termgraph.yml").unlink()
    assert links.returncode == 0 and after.returncode == 0

    slugs = {a["slug"] for a in links.json["articles"]}
    languages = {p.name for p in (content / "translations").iterdir() if p.is_dir()}
    checked = Counter()
    for article in links.json["articles"]:
        parts = article["path"].split("/")
        language = parts[1] if parts[0] == "translations" and len(parts) > 2 else None
        for link in article["links"]:
            page = _page_path(link["target"])
            if page is None or link["kind"] != "inline" or page.split("/")[0] in languages | {"en"}:
                continue
            # The rule of §1d, from the files on disk: the page's own language's copy, else the
            # untranslated page, else a wanted term.
            own = f"translations/{language}/{page}" if language else None
            if own and own in slugs:
                expected = own
            elif page in slugs:
                expected = page
            else:
                continue
            assert link["resolution"] == "article" and link["slug"] == expected, (article["path"], link)
            checked[(language, expected == own)] += 1
    print("links checked (language, to its own copy):", dict(sorted(checked.items(), key=str)))
    # Arabic and Persian pages link to their own language where a copy exists.
    assert checked[("ar", True)] > 0 and checked[("fa", True)] > 0
    assert checked[(None, False)] > 1000

    def by_language(answer):
        counts = Counter()
        for term in answer.json["terms"]:
            parts = term["path"].split("/")
            counts[parts[1] if parts[0] == "translations" else "en"] += 1
        return counts

    was, now = by_language(before), by_language(after)
    # --lang lists exactly the orphans of that language's pages.
    for lang, answer in per_language.items():
        assert answer.returncode == 0
        assert sorted(t["slug"] for t in answer.json["terms"]) == sorted(
            t["slug"] for t in after.json["terms"]
            if (t["path"].split("/")[1] if t["path"].startswith("translations/") else "en") == lang)
    assert unknown.returncode == 2 and unknown.json["error"]["kind"] == "bad-parameter"
    # stats --lang counts what the links of that language's pages say, worked out here from
    # `links`: occurrences by resolution, edges as distinct (page, other term) pairs.
    def language_of(path):
        parts = path.split("/")
        return parts[1] if parts[0] == "translations" and len(parts) > 2 else "en"

    for lang, answer in stats.items():
        assert answer.returncode == 0
        pages = [a for a in links.json["articles"] if language_of(a["path"]) == lang]
        occurrences = Counter(link["resolution"] for a in pages for link in a["links"])
        edges = {(a["slug"], link["slug"]) for a in pages for link in a["links"]
                 if link["resolution"] in ("article", "wanted") and link["slug"] != a["slug"]}
        got = answer.json
        assert got["articles"] == len(pages)
        assert got["links"] == occurrences["article"] + occurrences["wanted"] + occurrences["none"]
        assert got["external_links"] == occurrences["external"]
        assert got["edges"] == len(edges)
        assert got["wanted"] == got["stubs"] == len({link["slug"] for a in pages for link in a["links"] if link["resolution"] == "wanted"})
        assert got["orphans"] == len(per_language[lang].json["terms"])
    assert sum(stats[lang].json["articles"] for lang in stats) < whole.json["articles"]
    print("orphans before/after:", {k: (was[k], now[k]) for k in ["en", "ar", "fa"]}, sum(was.values()), sum(now.values()))
    assert now["ar"] < was["ar"] and now["fa"] < was["fa"]
    assert sum(now.values()) < sum(was.values()) / 3


# --------------------------------------------------------------------------
# wikilinks: false on Hugo's docs
# --------------------------------------------------------------------------

def test_hugo_tables_are_not_links_without_wikilinks(shared_corpora):
    docs = shared_corpora("hugo-docs-en") / "en"
    before = run_termgraph(["links", "--no-cache"], docs).json
    wikilinks = [l for a in before["articles"] for l in a["links"] if l["kind"] == "wikilink"]
    # TOML tables in shortcodes, read as wikilinks without the setting.
    assert any(l["target"] == "module.mounts" for l in wikilinks)
    (docs / "termgraph.yml").write_text("wikilinks: false\nexclude: [_common/]\n", encoding="utf-8")
    try:
        after = run_termgraph(["links", "--no-cache"], docs).json
        wanted = run_termgraph(["orphans", "--kind", "wanted", "--no-cache"], docs).json
    finally:
        (docs / "termgraph.yml").unlink()
    assert [l for a in after["articles"] for l in a["links"] if l["kind"] == "wikilink"] == []
    assert "module.mounts" not in {t["slug"] for t in wanted["terms"]}
    # Every other link is the same, and _common/ is gone.
    def others(answer):
        return sorted((a["path"], l["line"], l["target"]) for a in answer["articles"] for l in a["links"]
                      if l["kind"] != "wikilink" and not a["path"].startswith("_common/"))
    assert others(after) == others(before)
    assert not any(a["path"].startswith("_common/") for a in after["articles"])
