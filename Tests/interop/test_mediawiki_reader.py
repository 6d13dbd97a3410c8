"""MediaWiki dumps (PRODUCT.md §1c) read by termgraph, checked against mwxml (the pages and
redirects of each dump) and mwparserfromhell (the wikilinks of each page), on every dump of
../shared/corpora/mediawiki-xml.tar.xz, and hostile dumps built here.

The expected links apply §1c's rules to what mwparserfromhell finds, written here on their own:
namespaces from the dump's siteinfo and MediaWiki's canonical names, interwiki prefixes,
categories and files left out. Each place where termgraph deliberately reads otherwise than
mwparserfromhell is one named function below (`_parser_blacklisted_links`, …) with its reason.
"""

from __future__ import annotations

import bz2
import html
import io
import json
import re
import shutil
import subprocess
import unicodedata
from collections import Counter
from pathlib import Path
from urllib.parse import unquote

import mwparserfromhell
import mwxml
import networkx as nx
import pytest

from conftest import run_termgraph

DUMPS = [
    "enwiki-articles-partial.xml",
    "simplewiki.xml",
    "enwiki-10k.xml",
    "bgwiki-latest-pages-articles-shortened.xml.bz2",
    "enwiki-latest-pages-articles1.xml-p000000010p000030302-shortened.bz2",
    "enwiki-table-markup.xml.bz2",
]

CANONICAL = {
    "media": -2, "special": -1, "talk": 1, "user": 2, "user talk": 3, "project": 4, "project talk": 5,
    "file": 6, "image": 6, "file talk": 7, "image talk": 7, "mediawiki": 8, "mediawiki talk": 9,
    "template": 10, "template talk": 11, "help": 12, "help talk": 13, "category": 14, "category talk": 15,
    "portal": 100, "portal talk": 101, "module": 828, "module talk": 829,
}
PROJECTS = {"w", "wikipedia", "wikt", "wiktionary", "s", "wikisource", "q", "wikiquote", "b", "wikibooks", "n",
            "wikinews", "v", "wikiversity", "voy", "wikivoyage", "species", "wikispecies", "commons", "m", "meta",
            "mw", "d", "wikidata"}
# Wikipedia language codes: two or three letters, or the longer ones the dumps' interlanguage
# links use.
LONG_LANGUAGES = {"simple", "bat-smg", "be-tarask", "be-x-old", "cbk-zam", "fiu-vro", "map-bms", "nds-nl", "roa-rup",
                  "roa-tara", "zh-classical", "zh-min-nan", "zh-yue"}
# Prefixes of two or three letters in these dumps that are no Wikipedia's language code: what
# follows them is a main-namespace title (`[[doi:10.1126/…]]`, `[[hdl:10050/…]]`).
NOT_LANGUAGES = {"doi", "hdl", "rfc"}


def _fold(name: str) -> str:
    return " ".join(name.replace("_", " ").split()).lower()


def _key(title: str) -> str:
    return unicodedata.normalize("NFC", " ".join(title.replace("_", " ").split())).casefold()


def _open(path: Path):
    return bz2.open(path) if path.name.endswith(".bz2") else open(path, "rb")


class Wiki:
    """What mwxml reads from a dump, and §1c's rules applied to it."""

    def __init__(self, path: Path):
        dump = mwxml.Dump.from_file(_with_siteinfo(_open(path).read()))
        self.namespaces = dict(CANONICAL)
        if dump.site_info and dump.site_info.namespaces:
            for ns in dump.site_info.namespaces:
                if ns.name:
                    self.namespaces[_fold(ns.name)] = ns.id
        self.pages: list[tuple[str, str]] = []       # (title, text) of ns-0 articles, dump order
        self.redirects: dict[str, str] = {}          # ns-0 redirect title -> target as given
        for page in dump:
            if page.namespace != 0:
                continue
            text = ""
            for revision in page:
                text = revision.text or ""
            target = page.redirect or _redirect_in_text(text)
            if target is not None:
                self.redirects[page.title] = target
            else:
                self.pages.append((page.title, text))

    def namespace(self, title: str):
        """The namespace a target names (None: main), or 'interwiki'."""
        if ":" not in title:
            return None
        prefix = _fold(title.split(":", 1)[0])
        if prefix in self.namespaces:
            return self.namespaces[prefix]
        if prefix in PROJECTS or prefix in LONG_LANGUAGES or (re.fullmatch(r"[a-z]{2,3}", prefix) and prefix not in NOT_LANGUAGES):
            return "interwiki"
        return None

    def internal_links(self, text: str) -> Counter:
        """The keys of every internal link §1c counts in a page's text."""
        found = Counter()
        code = mwparserfromhell.parse(text)
        links = [str(link.title) for link in code.filter_wikilinks() if not _opens_bold_or_italics(link.text)]
        links += [str(link.title) for link in _parser_blacklisted_links(code)] + _links_around_unclosed_quotes(text)
        for title in links:
            if "{{" in title or "{" in title:
                continue  # _templated_titles_are_not_links
            title = unquote(html.unescape(title)).strip()
            colon = title.startswith(":")
            title = title.lstrip(":").strip()
            title = title.split("#", 1)[0].strip()
            if not title or any(c in title for c in "[]<>|\n"):
                continue
            ns = self.namespace(title)
            if ns is not None:
                continue  # other namespaces, categories, files and interwiki links are not edges
            found[_key(title)] += 1
        return found


def _with_siteinfo(data: bytes):
    """mwxml refuses a dump without `<siteinfo>`, which §1c reads with the canonical names
    alone: such a dump is given an empty one."""
    if data[:2] in (b"\xff\xfe", b"\xfe\xff") or b"<siteinfo" in data[:1 << 16]:
        return io.BytesIO(data)
    root = data.index(b"<mediawiki")
    end = data.index(b">", root) + 1
    return io.BytesIO(data[:end] + b"<siteinfo><namespaces></namespaces></siteinfo>" + data[end:])


def _redirect_in_text(text: str):
    match = re.match(r"\s*#\s*(redirect|пренасочване|виж)\s*:?\s*\[\[([^\]|]+)", text, re.IGNORECASE)
    return match.group(2) if match else None


def _parser_blacklisted_links(code) -> list:
    """Deliberate difference 1: mwparserfromhell leaves the content of `<gallery>`,
    `<imagemap>` and `<timeline>` unparsed (its PARSER_BLACKLIST); MediaWiki renders the links
    written there, and §1c counts them. Their content is parsed here on its own."""
    extra = []
    for tag in code.filter_tags():
        if str(tag.tag).strip().lower() in ("gallery", "imagemap", "timeline") and tag.contents is not None:
            extra += mwparserfromhell.parse(str(tag.contents)).filter_wikilinks()
    return extra


_PIPED = re.compile(r"\[\[([^\[\]|{}<>\n]+)\|([^\[\]\n]*)\]\]")


def _opens_bold_or_italics(text) -> bool:
    """A link text with an unclosed `''`, or one mwparserfromhell ran past its `]]` with."""
    return text is not None and (len(re.findall(r"'{2,}", str(text))) % 2 == 1 or "]]" in str(text))


def _links_around_unclosed_quotes(text: str) -> list[str]:
    """Deliberate difference 2: a piped link whose text opens bold or italics and does not
    close it (`[[1990 ATP Tour World Championships – Singles|\'\'\'W]]`, common in tables) is a
    link in MediaWiki, which closes the quotes at the end of the line; mwparserfromhell often
    reads such a link as text. These links are found here by their brackets."""
    return [m.group(1) for m in _PIPED.finditer(text) if _opens_bold_or_italics(m.group(2))]


def _termgraph_internal_links(article: dict) -> Counter:
    found = Counter()
    for link in article["links"]:
        assert link["kind"] == "wikilink"
        if link["resolution"] in ("external", "none"):
            continue
        target = unquote(link["target"].split("#", 1)[0])
        found[_key(target)] += 1
    return found


@pytest.fixture(scope="module")
def dumps(shared_corpora, tmp_path_factory):
    """Each dump in a corpus folder of its own, with what termgraph says of it."""
    source = shared_corpora("mediawiki-xml")
    result = {}
    for name in DUMPS:
        folder = tmp_path_factory.mktemp("dump")
        shutil.copy(source / name, folder / name)
        links = run_termgraph(["links"], folder)
        assert links.returncode == 0, links.describe()
        check = run_termgraph(["check", "--format", "json"], folder, json_output=False)
        graph = run_termgraph(["export", "--format", "json", "--output", "-"], folder, json_output=False)
        assert graph.returncode == 0, graph.describe()
        result[name] = (folder, Wiki(folder / name), links.json, json.loads(check.stdout), json.loads(graph.stdout))
    return result


@pytest.mark.parametrize("name", DUMPS)
def test_pages_are_the_articles_mwxml_reads(dumps, name):
    _, wiki, links, _, _ = dumps[name]
    expected, seen = [], set()
    for title, _ in wiki.pages:
        if _key(title) not in seen:  # the first of two titles that differ only in case is kept
            seen.add(_key(title))
            expected.append(title.replace(" ", "_"))
    assert [a["slug"] for a in links["articles"]] == expected
    assert len(expected) > 0


@pytest.mark.parametrize("name", DUMPS)
def test_links_per_page_are_mwparserfromhells(dumps, name):
    _, wiki, links, _, _ = dumps[name]
    by_slug = {a["slug"]: a for a in links["articles"]}
    compared = 0
    for title, text in wiki.pages:
        article = by_slug.get(title.replace(" ", "_"))
        if article is None or article.get("_seen"):
            continue
        article["_seen"] = True
        assert _termgraph_internal_links(article) == wiki.internal_links(text), title
        compared += sum(wiki.internal_links(text).values())
    assert compared > 0


@pytest.mark.parametrize("name", DUMPS)
def test_redirects_are_aliases_or_problems(dumps, name):
    _, wiki, _, check, graph = dumps[name]
    article_keys = {_key(t): t for t, _ in wiki.pages}
    redirect_keys = {_key(t): target for t, target in wiki.redirects.items()}
    aliases, broken, double = {}, set(), set()
    for title, target in wiki.redirects.items():
        steps, key, seen = 0, _key(target.split("#")[0]), {_key(title)}
        if key == _key(title):
            continue  # a capitalisation redirect is neither
        while True:
            steps += 1
            if wiki.namespace(target) is not None:
                broken.add(title)
                break
            if key in article_keys:
                aliases.setdefault(article_keys[key].replace(" ", "_"), []).append("/" + title.replace(" ", "_"))
                if steps > 1:
                    double.add(title)
                break
            if key not in redirect_keys or key in seen:
                broken.add(title)
                break
            seen.add(key)
            target = redirect_keys[key]
            key = _key(target.split("#")[0])
    got_aliases = {n["id"]: [unquote(a) for a in n["aliases"]] for n in graph["nodes"] if n.get("aliases")}
    assert got_aliases == aliases
    problems = check["problems"]
    got_broken = {p["message"].split(" redirects ")[0] for p in problems if p["kind"] == "broken-redirect"}
    got_double = {p["message"].split(" redirects ")[0] for p in problems if p["kind"] == "double-redirect"}
    assert (got_broken, got_double) == (broken, double)


@pytest.mark.parametrize("name", DUMPS)
def test_stats_check_and_graphml_work_on_a_dump(dumps, name, tmp_path):
    folder, wiki, links, check, _ = dumps[name]
    stats = run_termgraph(["stats"], folder)
    assert stats.returncode == 0, stats.describe()
    assert stats.json["articles"] == len(links["articles"])
    out = tmp_path / "graph.graphml"
    export = run_termgraph(["export", "--format", "graphml", "--output", out], folder, json_output=False)
    assert export.returncode == 0, export.describe()
    g = nx.read_graphml(out)
    assert g.number_of_nodes() == stats.json["articles"] + stats.json["stubs"]
    assert g.number_of_edges() == stats.json["edges"]
    articles = {d["slug"] for _, d in g.nodes(data=True) if d.get("stub") is not True}
    assert articles == {a["slug"] for a in links["articles"]}
    assert subprocess.run(["xmllint", "--noout", "--nonet", str(out)], capture_output=True).returncode == 0
    # Problems point into the dump, at lines it has.
    lines = sum(1 for _ in _open(folder / name)) if not name.startswith("bgwiki") else None
    for problem in check["problems"]:
        assert problem["file"].endswith(name)
        if lines and problem.get("line"):
            assert 1 <= problem["line"] <= lines
